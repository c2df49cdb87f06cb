// Browser sessions on Kysely: looked up by the hash of the cookie value.
import type { Kysely, Selectable } from 'kysely';
import type { SessionRecord, SessionStore } from '../services/users/user-ports.js';
import type { SessionsTable } from './account-tables.js';
import type { Database } from './database.js';

function fromRow(r: Selectable<SessionsTable>): SessionRecord {
  return { id: r.id, tokenHash: r.token_hash, userId: r.user_id, spaceId: r.space_id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) };
}

export class SqlSessionStore implements SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id: s.id, token_hash: s.tokenHash, user_id: s.userId, space_id: s.spaceId, created_at: s.createdAt, expires_at: s.expiresAt })
      .execute();
  }

  async findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async setSpace(id: string, spaceId: string | null): Promise<void> {
    await this.db.updateTable('sessions').set({ space_id: spaceId }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string, keepId?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepId) q = q.where('id', '<>', keepId);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  }

  async deleteExpired(now: number): Promise<number> {
    return Number((await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows);
  }
}
