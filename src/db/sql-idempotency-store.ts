// Idempotency keys in SQL (SQLite and Postgres alike): the claim is an INSERT … ON CONFLICT DO NOTHING,
// so two concurrent requests with the same key cannot both win.
import type { Kysely } from 'kysely';
import {
  IDEMPOTENCY_STALE_CLAIM_MS,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyClaim,
  type IdempotencyRef,
  type IdempotencyStore,
} from '../services/idempotency-store.js';

interface IdempotencyKeysTable {
  space_id: string;
  scope: string;
  idem_key: string;
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: string | null;
  created_at: number;
}

interface Tables {
  idempotency_keys: IdempotencyKeysTable;
}

export class SqlIdempotencyStore implements IdempotencyStore {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<any>) {
    // The table is private to this adapter, so it is typed here rather than in the shared Database.
    this.db = db as unknown as Kysely<Tables>;
  }

  private where(ref: IdempotencyRef) {
    return this.db
      .selectFrom('idempotency_keys')
      .where('space_id', '=', ref.spaceId)
      .where('scope', '=', ref.scope)
      .where('idem_key', '=', ref.key);
  }

  async claim(ref: IdempotencyRef, requestHash: string, now: number): Promise<IdempotencyClaim> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted = await this.db
        .insertInto('idempotency_keys')
        .values({ space_id: ref.spaceId, scope: ref.scope, idem_key: ref.key, request_hash: requestHash, state: 'in_progress', response_status: null, response_body: null, created_at: now })
        .onConflict((oc) => oc.columns(['space_id', 'scope', 'idem_key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed' };
      const row = await this.where(ref).selectAll().executeTakeFirst();
      if (!row) continue; // released between our insert and read: try again
      const age = now - Number(row.created_at);
      const expired = row.state === 'completed' ? age > IDEMPOTENCY_TTL_MS : age > IDEMPOTENCY_STALE_CLAIM_MS;
      if (expired) {
        // Compare-and-delete on the row we saw, so a concurrent fresh claim is never removed.
        await this.db
          .deleteFrom('idempotency_keys')
          .where('space_id', '=', ref.spaceId)
          .where('scope', '=', ref.scope)
          .where('idem_key', '=', ref.key)
          .where('created_at', '=', row.created_at)
          .execute();
        continue;
      }
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'in_progress') return { kind: 'in_progress' };
      return { kind: 'replay', status: Number(row.response_status), body: row.response_body ?? '' };
    }
    return { kind: 'in_progress' };
  }

  async complete(ref: IdempotencyRef, status: number, body: string): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ state: 'completed', response_status: status, response_body: body })
      .where('space_id', '=', ref.spaceId)
      .where('scope', '=', ref.scope)
      .where('idem_key', '=', ref.key)
      .where('state', '=', 'in_progress')
      .execute();
  }

  async release(ref: IdempotencyRef): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('space_id', '=', ref.spaceId)
      .where('scope', '=', ref.scope)
      .where('idem_key', '=', ref.key)
      .where('state', '=', 'in_progress')
      .execute();
  }
}
