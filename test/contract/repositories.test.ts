// Repository contract on SQLite and Postgres (fresh schema per run).
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/create-database.js';
import { migrateDatabase } from '../../src/db/migrate-database.js';
import { describeRepositoryContract } from '../support/repository-contract.js';
import { openPgSchema } from '../support/pg-schema-fixture.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';

describeRepositoryContract('SQLite', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-repo-'));
  const database = await openMigratedDatabase({ databaseUrl: undefined, dataDir: dir });
  return {
    db: database.db,
    ...(database.reader ? { reader: database.reader } : {}),
    close: async () => {
      await database.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
});

describeRepositoryContract('Postgres', async () => {
  const pg = await openPgSchema();
  if (typeof pg === 'string') return pg;
  const database = await createDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() });
  // Three migrators at once: the advisory lock must make them take turns.
  const others = await Promise.all([1, 2].map(() => createDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() })));
  await Promise.all([database, ...others].map((d) => migrateDatabase(d)));
  await Promise.all(others.map((d) => d.close()));
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await pg.drop();
    },
  };
});
