// A database handle with every migration run: what contract tests start from on SQLite and Postgres.
import { createDatabase, type DatabaseHandle } from '../../src/db/create-database.js';
import { migrateDatabase } from '../../src/db/migrate-database.js';

export async function openMigratedDatabase(options: Parameters<typeof createDatabase>[0]): Promise<DatabaseHandle> {
  const database = await createDatabase(options);
  await migrateDatabase(database);
  return database;
}
