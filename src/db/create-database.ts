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

/** How long a request waits for a Postgres connection (a new one, or a free one from the pool) before it fails. */
export const PG_CONNECT_TIMEOUT_MS = 5000;
/** Server-side cap on one statement: a query stuck behind a lock or an overloaded server is cancelled (57014). */
export const PG_STATEMENT_TIMEOUT_MS = 30_000;

export async function createDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  log?: (msg: string, extra?: object) => void;
}): Promise<DatabaseHandle> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pg = (await import('pg')).default;
    // int8 (bigint timestamps, count(*)) would otherwise arrive as strings.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    // Against an unreachable or restarting server a query fails within seconds (the API answers 503)
    // instead of queueing for a connection forever. No client-side query_timeout: pg leaves the timed-out
    // query running on the connection, which then goes back to the pool still busy.
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      statement_timeout: PG_STATEMENT_TIMEOUT_MS,
      keepAlive: true,
    });
    // A server restart kills every connection. pg emits 'error' on the pool for an idle client and on
    // the client itself for one checked out: unhandled, either would crash the process. The query in
    // flight still fails, the dead client is dropped on release, and the next query connects afresh.
    let failing = false;
    const lost = (err: Error) => {
      if (!failing) options.log?.('Postgres connection lost; reconnecting on the next query', { err: err.message });
      failing = true;
    };
    pool.on('error', lost);
    pool.on('connect', (client) => {
      client.on('error', lost);
      if (failing) options.log?.('Postgres reachable again');
      failing = false;
    });
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
