// API keys and spaces on Kysely. Only sha256 hashes are stored; the prefix is for display.
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeyInfo, ApiKeyRepository, Space } from '../services/ports.js';
import type { ApiKeysTable, Database } from './database.js';

function keyFromRow(r: Selectable<ApiKeysTable>): ApiKeyInfo {
  return {
    id: r.id,
    spaceId: r.space_id,
    prefix: r.prefix,
    name: r.name,
    createdAt: Number(r.created_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

export class SqlApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined> {
    const r = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
    return r ? keyFromRow(r) : undefined;
  }

  async insert(k: { id: string; spaceId: string; hash: string; prefix: string; name: string | null; createdAt: number }): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({ id: k.id, space_id: k.spaceId, key_hash: k.hash, prefix: k.prefix, name: k.name, created_at: k.createdAt, revoked_at: null })
      .execute();
  }

  async list(): Promise<ApiKeyInfo[]> {
    return (await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(keyFromRow);
  }

  async revoke(idOrPrefix: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('prefix', '=', idOrPrefix)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async countActive(): Promise<number> {
    const r = await this.db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async ensureSpace(space: Space, now: number): Promise<void> {
    await this.db
      .insertInto('spaces')
      .values({ id: space.id, name: space.name, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async findSpace(id: string): Promise<Space | undefined> {
    return this.db.selectFrom('spaces').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }
}
