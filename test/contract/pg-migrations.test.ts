// Two installs in two schemas of one Postgres database migrate independently: the migrator's own
// tables live in each connection's current schema (Kysely otherwise finds another schema's tables and
// takes them for its own), and installs starting at once do not block each other.
import assert from 'node:assert/strict';
import os from 'node:os';
import { it } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../../src/db/create-database.js';
import { migrateDatabase } from '../../src/db/migrate-database.js';
import { openPgSchema, type PgSchemaFixture } from '../support/pg-schema-fixture.js';

it('each schema of one database gets its own migrations, one after another and at once', async (t) => {
  const fixtures: PgSchemaFixture[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      const pg = await openPgSchema();
      if (typeof pg === 'string') return t.skip(pg);
      fixtures.push(pg);
    }
    const open = (pg: PgSchemaFixture) => createDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() });
    // One after another: the second must not mistake the first schema's migration tables for its own.
    for (const pg of fixtures.slice(0, 2)) {
      const db = await open(pg);
      try {
        assert.ok((await migrateDatabase(db)).length > 0, `${pg.schema} ran its migrations`);
        const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${pg.schema} and table_name in ('videos', 'kysely_migration', 'kysely_migration_lock')`.execute(db.db);
        assert.equal(tables.rows[0]?.n, 3);
      } finally {
        await db.close();
      }
    }
    // At once.
    const both = await Promise.all(fixtures.slice(2).map(open));
    try {
      const done = await Promise.all(both.map((db) => migrateDatabase(db)));
      assert.ok(done.every((names) => names.length > 0));
    } finally {
      await Promise.all(both.map((db) => db.close()));
    }
  } finally {
    await Promise.all(fixtures.map((pg) => pg.drop()));
  }
});
