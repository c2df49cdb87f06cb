// Photo avatar stores contract on SQLite and Postgres (fresh schema per run).
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describePhotoAvatarStoreContract } from '../support/photo-avatar-store-contract.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';
import { openPgSchema } from '../support/pg-schema-fixture.js';

describePhotoAvatarStoreContract('SQLite', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-photo-avatars-'));
  const database = await openMigratedDatabase({ databaseUrl: undefined, dataDir: dir });
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
});

describePhotoAvatarStoreContract('Postgres', async () => {
  const pg = await openPgSchema();
  if (typeof pg === 'string') return pg;
  const database = await openMigratedDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() });
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await pg.drop();
    },
  };
});
