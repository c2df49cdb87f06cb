// JobQueue contract on every adapter: SQL on SQLite, SQL on Postgres, BullMQ (Redis) with Postgres.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '../../src/db/create-database.js';
import { createJobQueue, type JobQueueAdapter } from '../../src/jobs/create-job-queue.js';
import { describeJobQueueContract } from '../support/job-queue-contract.js';
import { openPgSchema } from '../support/pg-schema-fixture.js';
import { openRedis } from '../support/redis-fixture.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';

describeJobQueueContract('SQL on SQLite', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-queue-'));
  const database = await openMigratedDatabase({ databaseUrl: undefined, dataDir: dir });
  const queue = await createJobQueue({ database, databaseUrl: undefined, queueUrl: undefined });
  return {
    queue,
    db: database.db,
    close: async () => {
      await queue.close();
      await database.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
});

async function onPostgres(queueUrl: () => Promise<{ url: string; prefix: string; drop(): Promise<void> } | string | undefined>) {
  const pg = await openPgSchema();
  if (typeof pg === 'string') return pg;
  const redis = await queueUrl();
  if (typeof redis === 'string') {
    await pg.drop();
    return redis;
  }
  const handles: DatabaseHandle[] = [];
  const queues: JobQueueAdapter[] = [];
  const open = async () => {
    const database = await openMigratedDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() });
    handles.push(database);
    const queue = await createJobQueue({ database, databaseUrl: pg.url, queueUrl: redis?.url, queuePrefix: redis?.prefix });
    queues.push(queue);
    return { queue, db: database.db };
  };
  const [a, b] = await Promise.all([open(), open()]);
  return {
    queue: a.queue,
    db: a.db,
    other: b.queue,
    close: async () => {
      for (const q of queues) await q.close();
      for (const h of handles) await h.close();
      await redis?.drop();
      await pg.drop();
    },
  };
}

describeJobQueueContract('SQL on Postgres', () => onPostgres(async () => undefined));
describeJobQueueContract('BullMQ on Redis with Postgres', () => onPostgres(openRedis));
