// Runs migrations with a cross-process lock on Postgres, so `serve` and `worker` processes starting
// together (or `orator migrate` during a rolling deploy) never race on the schema. SQLite serializes
// writers itself and is single-machine.
import { sql } from 'kysely';
import type { DatabaseHandle } from './create-database.js';
import { migrateToLatest } from './migrations.js';

/** Arbitrary constant shared by every Orator process: the advisory lock's identity. */
export const MIGRATION_LOCK_KEY = 0x0a7a_7012;

export async function migrateDatabase(handle: DatabaseHandle): Promise<string[]> {
  if (handle.dialect !== 'postgres') return migrateToLatest(handle.db);
  // A session lock lives on one connection: hold it on a dedicated one while the migrator uses the pool.
  return handle.db.connection().execute(async (conn) => {
    // Waiting for another process's migrations may outlast the pool's statement_timeout; only this wait.
    await sql`set statement_timeout = 0`.execute(conn);
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await migrateToLatest(handle.db, 'postgres');
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
      await sql`reset statement_timeout`.execute(conn);
    }
  });
}
