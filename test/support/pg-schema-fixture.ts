// A fresh Postgres schema per test run (CREATE SCHEMA orator_test_<random>, reached through
// search_path in the URL), dropped at the end. Resolves to a skip message when Postgres is unreachable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.ORATOR_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PgSchemaFixture {
  schema: string;
  /** TEST_DATABASE_URL with search_path set to the schema: hand it to createDatabase or a child process. */
  url: string;
  drop(): Promise<void>;
}

export function withSearchPath(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function openPgSchema(): Promise<PgSchemaFixture | string> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (err) {
    await admin.end().catch(() => {});
    return `Postgres unreachable at ${TEST_DATABASE_URL} (${err instanceof Error ? err.message : String(err)}); start it with .ci/run or set ORATOR_TEST_DATABASE_URL`;
  }
  const schema = `orator_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    url: withSearchPath(TEST_DATABASE_URL, schema),
    drop: async () => {
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
