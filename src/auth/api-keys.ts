// API keys: random secrets shown once, stored as sha256 hashes, each bound to a space.
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_SPACE } from '../domain/default-space.js';
import { newId } from '../domain/ids.js';
import type { ApiKeyInfo, ApiKeyRepository, Principal, Space } from '../services/ports.js';

export { DEFAULT_SPACE };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `sk_orator_${randomBytes(24).toString('base64url')}`;
}

/** What lists show instead of the secret. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, 14)}…`;
}

export async function createApiKey(
  repo: ApiKeyRepository,
  options: { space?: Space; name?: string | null; key?: string; now?: number },
): Promise<{ key: string; info: ApiKeyInfo }> {
  const now = options.now ?? Date.now();
  const space = options.space ?? { id: newId('space'), name: options.name ?? 'Space' };
  await repo.ensureSpace(space, now);
  const key = options.key ?? generateApiKey();
  const id = newId('key');
  const info: ApiKeyInfo = { id, spaceId: space.id, prefix: displayPrefix(key), name: options.name ?? null, createdAt: now, revokedAt: null };
  await repo.insert({ id, spaceId: space.id, hash: hashApiKey(key), prefix: info.prefix, name: info.name, createdAt: now });
  return { key, info };
}

export type BootstrapOutcome = { kind: 'configured' } | { kind: 'generated'; key: string } | { kind: 'existing' };

/**
 * First start: ORATOR_API_KEY → make sure it exists (hashed) in the default space; no key at all →
 * generate one for the default space and hand it back to be printed once.
 */
export async function ensureBootstrapKey(repo: ApiKeyRepository, configuredKey: string | undefined): Promise<BootstrapOutcome> {
  if (configuredKey) {
    if (!(await repo.findActiveByHash(hashApiKey(configuredKey)))) {
      try {
        await createApiKey(repo, { space: DEFAULT_SPACE, name: 'ORATOR_API_KEY', key: configuredKey });
      } catch (err) {
        // Another process (serve + worker starting together) inserted it first, or it was revoked: recheck.
        if (!(await repo.findActiveByHash(hashApiKey(configuredKey)))) throw err;
      }
    }
    return { kind: 'configured' };
  }
  if ((await repo.countActive()) > 0) return { kind: 'existing' };
  const { key } = await createApiKey(repo, { space: DEFAULT_SPACE, name: 'generated at first start' });
  return { kind: 'generated', key };
}

/**
 * Resolves a presented key to its space, with a small cache so each request costs no SQL. A cached
 * answer comes back synchronously (no promise, no hash): the lookup runs on every API request. The
 * cache is keyed by the presented key itself, which the request already holds in memory anyway;
 * only the database stores hashes.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly cacheMs = 5000,
  ) {}

  authenticate(key: string | undefined): Principal | null | Promise<Principal | null> {
    if (!key) return null;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    return this.lookUp(key);
  }

  /** Drops a revoked key's cached answer, so revocation through the API takes effect at once here. */
  forgetKey(keyId: string): void {
    for (const [presented, entry] of this.cache) if (entry.principal?.keyId === keyId) this.cache.delete(presented);
  }

  private async lookUp(key: string): Promise<Principal | null> {
    const info = await this.repo.findActiveByHash(hashApiKey(key));
    const principal = info ? { keyId: info.id, spaceId: info.spaceId } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { principal, until: Date.now() + this.cacheMs });
    return principal;
  }
}
