// oidc-provider's storage on Kysely (SQLite and Postgres alike): one row per model instance, the
// provider's payload as JSON, the columns its lookups need (grant, uid, user code) and the ones Orator's
// lists need (person, client, space) beside it. A consumed code or refresh token keeps its row with
// consumed_at set, so a replay is recognised (and, for a refresh token, revokes its family).
import type { Kysely, Selectable } from 'kysely';
import type { OAuthClientRow, OAuthGrantRow, OAuthPayload, OAuthRecordStore } from '../services/oauth/oauth-ports.js';
import type { Database } from './database.js';
import type { OAuthRecordsTable } from './oauth-tables.js';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The lookup columns a payload fills: what the provider searches by and what Orator lists by. */
function columnsOf(model: string, payload: OAuthPayload) {
  return {
    grant_id: text(payload.grantId),
    uid: text(payload.uid),
    user_code: text(payload.userCode),
    account_id: text(payload.accountId),
    client_id: model === 'Client' ? text(payload.client_id) : text(payload.clientId),
  };
}

function payloadOf(row: { payload: string; consumed_at: number | null }): OAuthPayload {
  const payload = JSON.parse(row.payload) as OAuthPayload;
  if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
  return payload;
}

function scopeOf(payload: OAuthPayload): string {
  const openid = payload.openid as { scope?: unknown } | undefined;
  return typeof openid?.scope === 'string' ? openid.scope : '';
}

function clientRow(r: Selectable<OAuthRecordsTable>): OAuthClientRow {
  return { clientId: r.id, metadata: JSON.parse(r.payload) as OAuthPayload, ownerSpaceId: r.space_id, createdAt: Number(r.created_at) };
}

export class SqlOAuthStore implements OAuthRecordStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(model: string, id: string, payload: OAuthPayload, expiresAt: number | null, now: number): Promise<void> {
    const columns = columnsOf(model, payload);
    const json = JSON.stringify(payload);
    await this.db
      .insertInto('oauth_records')
      .values({ model, id, payload: json, ...columns, space_id: null, created_at: now, expires_at: expiresAt, consumed_at: null })
      // The space chosen at consent and the creation time are Orator's: a re-save by the provider keeps them.
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload: json, ...columns, expires_at: expiresAt }))
      .execute();
  }

  async find(model: string, id: string): Promise<OAuthPayload | undefined> {
    const row = await this.db.selectFrom('oauth_records').select(['payload', 'consumed_at']).where('model', '=', model).where('id', '=', id).executeTakeFirst();
    return row ? payloadOf(row) : undefined;
  }

  async findByUid(model: string, uid: string): Promise<OAuthPayload | undefined> {
    const row = await this.db.selectFrom('oauth_records').select(['payload', 'consumed_at']).where('model', '=', model).where('uid', '=', uid).executeTakeFirst();
    return row ? payloadOf(row) : undefined;
  }

  async findByUserCode(model: string, userCode: string): Promise<OAuthPayload | undefined> {
    const row = await this.db.selectFrom('oauth_records').select(['payload', 'consumed_at']).where('model', '=', model).where('user_code', '=', userCode).executeTakeFirst();
    return row ? payloadOf(row) : undefined;
  }

  async consume(model: string, id: string, at: number): Promise<void> {
    await this.db.updateTable('oauth_records').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).where('consumed_at', 'is', null).execute();
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.db.deleteFrom('oauth_records').where('model', '=', model).where('id', '=', id).execute();
  }

  async revokeByGrantId(model: string, grantId: string): Promise<void> {
    await this.db.deleteFrom('oauth_records').where('model', '=', model).where('grant_id', '=', grantId).execute();
  }

  async purgeExpired(before: number): Promise<number> {
    const r = await this.db.deleteFrom('oauth_records').where('expires_at', 'is not', null).where('expires_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async setGrantSpace(grantId: string, spaceId: string): Promise<void> {
    await this.db.updateTable('oauth_records').set({ space_id: spaceId }).where('model', '=', 'Grant').where('id', '=', grantId).execute();
  }

  async grantSpace(grantId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('oauth_records').select('space_id').where('model', '=', 'Grant').where('id', '=', grantId).executeTakeFirst();
    return row?.space_id ?? undefined;
  }

  async listGrantsOf(userId: string): Promise<OAuthGrantRow[]> {
    const rows = await this.db
      .selectFrom('oauth_records')
      .selectAll()
      .where('model', '=', 'Grant')
      .where('account_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ grantId: r.id, clientId: r.client_id ?? '', userId, spaceId: r.space_id, scope: scopeOf(JSON.parse(r.payload) as OAuthPayload), createdAt: Number(r.created_at) }));
  }

  async deleteGrant(grantId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('oauth_records').where('grant_id', '=', grantId).execute();
      await tx.deleteFrom('oauth_records').where('model', '=', 'Grant').where('id', '=', grantId).execute();
    });
  }

  async setClientOwner(clientId: string, spaceId: string): Promise<void> {
    await this.db.updateTable('oauth_records').set({ space_id: spaceId }).where('model', '=', 'Client').where('id', '=', clientId).execute();
  }

  async listClientsOwnedBy(spaceId: string): Promise<OAuthClientRow[]> {
    const rows = await this.db.selectFrom('oauth_records').selectAll().where('model', '=', 'Client').where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(clientRow);
  }

  async findClient(clientId: string): Promise<OAuthClientRow | undefined> {
    const row = await this.db.selectFrom('oauth_records').selectAll().where('model', '=', 'Client').where('id', '=', clientId).executeTakeFirst();
    return row ? clientRow(row) : undefined;
  }

  async deleteOwnedClient(spaceId: string, clientId: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const r = await tx.deleteFrom('oauth_records').where('model', '=', 'Client').where('id', '=', clientId).where('space_id', '=', spaceId).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await tx.deleteFrom('oauth_records').where('client_id', '=', clientId).execute();
      return true;
    });
  }

  async updateClientMetadata(clientId: string, metadata: OAuthPayload): Promise<void> {
    await this.db.updateTable('oauth_records').set({ payload: JSON.stringify(metadata) }).where('model', '=', 'Client').where('id', '=', clientId).execute();
  }
}
