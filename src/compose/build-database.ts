// The database and the adapters that live on it: repositories, the unit of work, the job queue and
// the rate limiter (both may sit on Redis instead, by config).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createDatabase, type DatabaseHandle } from '../db/create-database.js';
import { migrateDatabase } from '../db/migrate-database.js';
import { SqlApiKeyRepository } from '../db/sql-api-key-repository.js';
import { SqlUnitOfWork } from '../db/sql-unit-of-work.js';
import { SqlVideoRepository } from '../db/sql-video-repository.js';
import { createJobQueue, type JobQueueAdapter } from '../jobs/create-job-queue.js';
import { createRateLimiter } from '../ratelimit/create-rate-limiter.js';
import type { ApiKeyRepository, RateLimiter, UnitOfWork, VideoRepository } from '../services/ports.js';

export interface DataLayer {
  database: DatabaseHandle;
  queue: JobQueueAdapter;
  rateLimiter: RateLimiter | null;
  videos: VideoRepository;
  keys: ApiKeyRepository;
  uow: UnitOfWork;
}

export async function buildDataLayer(config: Config, logger: Logger, migrate: boolean): Promise<DataLayer> {
  const log = (msg: string, extra?: object) => logger.warn(extra ?? {}, msg);
  const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  if (migrate) await migrateDatabase(database);
  const { db } = database;
  const queue = await createJobQueue({ database, databaseUrl: config.databaseUrl, queueUrl: config.queueUrl, log });
  const rateLimiter = await createRateLimiter({ perMinute: config.rateLimitPerMinute, queueUrl: config.queueUrl, log });
  return {
    database,
    queue,
    rateLimiter,
    videos: new SqlVideoRepository(db, database.reader),
    keys: new SqlApiKeyRepository(db),
    uow: new SqlUnitOfWork(db, () => queue.notifyEnqueued()),
  };
}
