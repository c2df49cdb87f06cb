// Job queue factory: the SQL queue on the database (SQLite, or Postgres with LISTEN/NOTIFY), or BullMQ
// on Redis when ORATOR_QUEUE_URL says so. Postgres and Redis clients load only when configured.
import type { DatabaseHandle } from '../db/create-database.js';
import type { JobQueue } from './job-queue.js';
import { SqlJobQueue } from './sql-job-queue.js';

/** The queue port plus the hooks composition needs: a post-commit wake-up and shutdown. */
export interface JobQueueAdapter extends JobQueue {
  /** Called by the unit of work after a commit that enqueued jobs. */
  notifyEnqueued(): void;
  readonly backend: 'sql' | 'postgres-notify' | 'bullmq';
  close(): Promise<void>;
}

export async function createJobQueue(options: {
  database: DatabaseHandle;
  databaseUrl: string | undefined;
  queueUrl: string | undefined;
  /** BullMQ key prefix (tests). */
  queuePrefix?: string;
  log?: (msg: string, extra?: object) => void;
}): Promise<JobQueueAdapter> {
  const { database, queueUrl } = options;
  if (queueUrl) {
    if (!/^rediss?:\/\//.test(queueUrl)) throw new Error(`ORATOR_QUEUE_URL must be redis://…, got ${queueUrl}`);
    const { BullmqJobQueue } = await import('./bullmq-job-queue.js');
    // ?prefix=… namespaces the BullMQ keys, so several installs (or test runs) can share one Redis.
    const prefix = options.queuePrefix ?? new URL(queueUrl).searchParams.get('prefix') ?? undefined;
    const queue = new BullmqJobQueue(database.db, database.dialect, queueUrl, { prefix, log: options.log });
    return Object.assign(queue, { backend: 'bullmq' as const });
  }
  if (database.dialect === 'postgres' && options.databaseUrl) {
    const { PgJobQueue } = await import('./pg-job-queue.js');
    const queue = new PgJobQueue(database.db, options.databaseUrl, options.log);
    return Object.assign(queue, { backend: 'postgres-notify' as const });
  }
  const queue = new SqlJobQueue(database.db, database.dialect);
  return Object.assign(queue, { backend: 'sql' as const, close: async () => {} });
}
