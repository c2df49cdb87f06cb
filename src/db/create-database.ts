// Dialect factory: SQLite in the data dir for the embedded default, Postgres when
// ORATOR_DATABASE_URL says so. pg is imported lazily so the embedded mode never loads it.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import { withCachedStatements } from './cached-statements.js';
import { openSqliteCommittedReader, type CommittedReader } from './sqlite-committed-reader.js';
import type { Database, SqlDialectName } from './database.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  /** Embedded SQLite file only: a committed-data reader for hot single-row lookups. */
  reader?: CommittedReader;
  close(): Promise<void>;
}

export async function createDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pg = (await import('pg')).default;
    // int8 (bigint timestamps, count(*)) would otherwise arrive as strings.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\//, '') : path.join(options.dataDir, 'orator.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets the API read while a worker writes; busy_timeout covers the other process (serve + worker roles).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withCachedStatements(sqlite) }) });
  // An in-memory database is private to its connection, so only a file gets the second reader.
  const reader = file === ':memory:' ? undefined : openSqliteCommittedReader(file);
  return {
    db,
    dialect: 'sqlite',
    reader,
    close: async () => {
      reader?.close();
      await db.destroy();
    },
  };
}
