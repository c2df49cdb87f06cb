// The job queue on Redis + BullMQ. The jobs row stays the truth: a BullMQ job is only a pointer (the
// row id, also its BullMQ jobId so duplicate dispatches collapse) plus a wake-up. Workers take a
// message, ack it at once, then claim the row with the same compare-and-set as the SQL queue; a
// message for a row that is no longer queued is dropped. Every sweep (lease watchdog) re-dispatches
// due rows, so a crash between commit and dispatch, a lost message or a message whose claim lost a
// space-cap race costs a few seconds, never a job.
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { redisOptionsFromUrl } from './redis-url.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, JobsTable, SqlDialectName } from '../db/database.js';
import { JOB_KINDS, type JobKind, type JobRecord, type NewJob } from '../domain/job-kind.js';
import type { ClaimRequest } from './job-queue.js';
import { jobFromRow, SqlJobQueue } from './sql-job-queue.js';

interface Pointer {
  jobId: string;
}

interface DueRow {
  id: string;
  kind: string;
  run_at: number;
}

export interface BullmqJobQueueOptions {
  /** BullMQ key prefix (tests isolate runs with a random one). */
  prefix?: string;
  /** Rows re-dispatched per sweep at most. */
  sweepLimit?: number;
  log?: (msg: string, extra?: object) => void;
}

export class BullmqJobQueue extends SqlJobQueue {
  private readonly redis: Redis;
  private readonly connection: RedisOptions;
  private readonly prefix: string;
  private readonly sweepLimit: number;
  private readonly log: (msg: string, extra?: object) => void;
  private readonly queues = new Map<string, Queue<Pointer>>();
  private readonly workers = new Map<string, Worker<Pointer>>();
  private readonly queueEvents = new Map<string, QueueEvents>();
  private dispatching: Promise<void> | undefined;
  private dispatchAgain = false;
  private tokenSeq = 0;
  private closed = false;

  constructor(
    db: Kysely<Database>,
    dialect: SqlDialectName,
    redisUrl: string,
    options: BullmqJobQueueOptions = {},
  ) {
    super(db, dialect);
    // BullMQ's blocking commands need maxRetriesPerRequest: null.
    this.connection = redisOptionsFromUrl(redisUrl);
    this.redis = new Redis(this.connection);
    this.redis.on('error', () => {}); // reported by ping() and failing calls; avoid unhandled 'error'
    this.prefix = options.prefix ?? 'orator';
    this.sweepLimit = options.sweepLimit ?? 1000;
    this.log = options.log ?? (() => {});
  }

  private queueFor(kind: string): Queue<Pointer> {
    let q = this.queues.get(kind);
    if (!q) {
      q = new Queue<Pointer>(`jobs-${kind}`, { connection: this.connection, prefix: this.prefix });
      q.on('error', (err) => this.log('BullMQ queue error', { kind, err: String(err) }));
      this.queues.set(kind, q);
    }
    return q;
  }

  private workerFor(kind: string): Worker<Pointer> {
    let w = this.workers.get(kind);
    if (!w) {
      // No processor: we fetch by hand inside claim(), so the pool's concurrency and leases stay ours.
      w = new Worker<Pointer>(`jobs-${kind}`, null, { connection: this.connection, prefix: this.prefix, autorun: false });
      w.on('error', (err) => this.log('BullMQ worker error', { kind, err: String(err) }));
      // A consumer killed between fetching and acking leaves the message active; the stalled
      // check puts it back (or drops it, after which our sweep re-dispatches from the row).
      void w.startStalledCheckTimer().catch((err) => this.log('BullMQ stalled check failed to start', { err: String(err) }));
      this.workers.set(kind, w);
    }
    return w;
  }

  /** Adds pointers for rows; jobId = row id, so a row already waiting or delayed is not added twice. */
  private async dispatch(rows: DueRow[], now = Date.now()): Promise<void> {
    const byKind = new Map<string, DueRow[]>();
    for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    await Promise.all(
      [...byKind].map(([kind, list]) =>
        this.queueFor(kind).addBulk(
          list.map((r) => ({
            name: kind,
            data: { jobId: r.id },
            opts: { jobId: r.id, delay: Math.max(0, Number(r.run_at) - now), removeOnComplete: true, removeOnFail: true },
          })),
        ),
      ),
    );
  }

  /** Re-dispatches every due queued row. Concurrent calls coalesce into one more pass. */
  dispatchDue(): Promise<void> {
    if (this.dispatching) {
      this.dispatchAgain = true;
      return this.dispatching;
    }
    this.dispatching = (async () => {
      try {
        do {
          this.dispatchAgain = false;
          const now = Date.now();
          const rows = await this.db
            .selectFrom('jobs')
            .select(['id', 'kind', 'run_at'])
            .where('status', '=', 'queued')
            .where('run_at', '<=', now)
            .orderBy('run_at')
            .limit(this.sweepLimit)
            .execute();
          if (rows.length > 0) await this.dispatch(rows, now);
        } while (this.dispatchAgain && !this.closed);
      } finally {
        this.dispatching = undefined;
      }
    })();
    return this.dispatching;
  }

  override notifyEnqueued(): void {
    super.notifyEnqueued();
    // Called after a commit that inserted jobs: the rows are visible now, so point at them.
    this.dispatchDue().catch((err) => this.log('dispatch after commit failed; the next sweep retries', { err: String(err) }));
  }

  override async enqueue<K extends JobKind>(job: NewJob<K>): Promise<string> {
    const id = await super.enqueue(job);
    await this.dispatch([{ id, kind: job.kind, run_at: job.runAt ?? Date.now() }]);
    return id;
  }

  override async claim(req: ClaimRequest): Promise<JobRecord | undefined> {
    for (const kind of req.kinds) {
      const worker = this.workerFor(kind);
      for (;;) {
        const token = `${req.owner}:${++this.tokenSeq}`;
        const message: Job<Pointer> | undefined = await worker.getNextJob(token, { block: false });
        if (!message) break;
        // Ack first: the row's lease, not the message, guards the work from here on.
        await message.moveToCompleted(null, token, false).catch((err) => this.log('BullMQ ack failed', { err: String(err) }));
        const claimed = await this.claimRow(message.data.jobId, kind, req);
        if (claimed) return claimed;
      }
    }
    return undefined;
  }

  /** The SQL queue's claim, narrowed to one row: CAS queued → running when due and under the space cap. */
  private async claimRow(jobId: string, kind: string, req: ClaimRequest): Promise<JobRecord | undefined> {
    const result = await sql<Selectable<JobsTable>>`
      update jobs set status = 'running', lease_owner = ${req.owner}, lease_expires_at = ${req.now + req.leaseMs},
        attempts = attempts + 1, updated_at = ${req.now}
      where id = ${jobId} and status = 'queued' and kind = ${kind} and run_at <= ${req.now}
        and (space_id is null or (
          select count(*) from jobs r where r.space_id = jobs.space_id and r.kind = jobs.kind and r.status = 'running'
        ) < ${req.spaceCap})
      returning *`.execute(this.db);
    const row = result.rows[0];
    return row ? jobFromRow(row) : undefined;
  }

  override async retry(jobId: string, owner: string, runAt: number, error: string, now: number): Promise<boolean> {
    const ok = await super.retry(jobId, owner, runAt, error, now);
    if (ok) {
      const job = await this.get(jobId);
      if (job) await this.dispatch([{ id: job.id, kind: job.kind, run_at: runAt }]).catch((err) => this.log('retry dispatch failed; the sweep retries', { err: String(err) }));
    }
    return ok;
  }

  /** The watchdog's sweep: expired leases back to queued, then every due row re-dispatched. */
  override async requeueExpired(now: number): Promise<number> {
    const n = await super.requeueExpired(now);
    await this.dispatchDue();
    return n;
  }

  override async releaseLeases(owner: string, now: number): Promise<number> {
    const n = await super.releaseLeases(owner, now);
    if (n > 0) await this.dispatchDue().catch(() => {});
    return n;
  }

  override onEnqueued(listener: () => void): () => void {
    const off = super.onEnqueued(listener);
    // BullMQ's own events wake this process when any process dispatches.
    for (const kind of JOB_KINDS) {
      if (this.queueEvents.has(kind)) continue;
      const events = new QueueEvents(`jobs-${kind}`, { connection: this.connection, prefix: this.prefix });
      events.on('waiting', () => super.notifyEnqueued());
      events.on('error', (err) => this.log('BullMQ events error', { err: String(err) }));
      this.queueEvents.set(kind, events);
    }
    return off;
  }

  override async ping(): Promise<void> {
    await Promise.all([this.redis.ping(), super.ping()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.dispatching?.catch(() => {});
    await Promise.allSettled([...this.workers.values()].map((w) => w.close(true)));
    await Promise.allSettled([...this.queueEvents.values()].map((e) => e.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
