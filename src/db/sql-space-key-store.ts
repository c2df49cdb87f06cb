// API keys within one space (listing and revocation by a space's admins); `orator keys` keeps the
// install-wide SqlApiKeyRepository.
import type { Kysely } from 'kysely';
import type { ApiKeyInfo } from '../services/ports.js';
import type { SpaceKeyStore } from '../services/spaces/space-ports.js';
import type { Database } from './database.js';

export class SqlSpaceKeyStore implements SpaceKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listInSpace(spaceId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.db.selectFrom('api_keys').select(['id', 'space_id', 'prefix', 'name', 'created_at', 'revoked_at']).where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map((r) => ({ id: r.id, spaceId: r.space_id, prefix: r.prefix, name: r.name, createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) }));
  }

  async revokeInSpace(spaceId: string, keyId: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', keyId).where('space_id', '=', spaceId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
