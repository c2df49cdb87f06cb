// Migration 0010 (issue 15): oidc-provider's models in one table (src/db/oauth-tables.ts). Expired rows
// stay a while (the server purges them a week on), so an expired token is told apart from an unknown one.
import type { Kysely, Migration } from 'kysely';

const INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['grant', ['grant_id']],
  ['uid', ['model', 'uid']],
  ['user_code', ['model', 'user_code']],
  ['account', ['model', 'account_id']],
  ['client', ['client_id']],
  ['space', ['model', 'space_id']],
  ['expires', ['expires_at']],
];

export const oauthMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('oauth_records')
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text')
      .addColumn('uid', 'text')
      .addColumn('user_code', 'text')
      .addColumn('account_id', 'text')
      .addColumn('client_id', 'text')
      .addColumn('space_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('consumed_at', 'bigint')
      .addPrimaryKeyConstraint('oauth_records_pk', ['model', 'id'])
      .execute();
    for (const [name, columns] of INDEXES) await db.schema.createIndex(`oauth_records_${name}`).on('oauth_records').columns([...columns]).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('oauth_records').ifExists().execute();
  },
};
