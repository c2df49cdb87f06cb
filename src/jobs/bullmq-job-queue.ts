// The job queue on Redis + BullMQ. The jobs row stays the truth: a BullMQ job is only a pointer (the
// row id, also its BullMQ jobId so duplicate dispatches collapse) plus a wake-up. Workers take a
// message, ack it at once, then claim with the SQL queue's claim for that kind: usually the row the
// message points at, but the fairest due row when another space has fewer jobs running (fair share,
// see SqlJobQueue.claim), and the passed-over row's pointer is put back. A message for a row that is
// no longer queued is spent on whatever is due instead. Every sweep (lease watchdog) re-dispatches
// due rows, so a crash between commit and dispatch, a lost message or a message whose claim lost a
// space-cap race costs a few seconds, never a job.
//
// While Redis is unreachable nothing waits on it: workers claim straight from the jobs table (the SQL
// queue's claim, which this class inherits), dispatches are skipped and logged once, and when Redis
// answers again every due row is dispatched at once. Redis is a wake-up, never the record.
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { redisOptionsFromUrl } from './redis-url.js';
import type { Kysely } from 'kysely';
import type { Database, SqlDialectName } from '../db/database.js';
import { JOB_KINDS, type JobKind, type JobRecord, type NewJob } from '../domain/job-kind.js';
import type { ClaimRequest, RetryOptions } from './job-queue.js';
import { SqlJobQueue } from './sql-job-queue.js';

interface Pointer {
  jobId: string;
}

/** A Redis call that has not answered in this long is treated as an outage for this call. */
const REDIS_CALL_TIMEOUT_MS = 2000;

class RedisUnavailableError extends Error {
  constructor(what: string) {
    super(`Redis unavailable: ${what}`);
    this.name = 'RedisUnavailableError';
  }
}

/** Rejects after `ms` (the call itself goes on; its late result is ignored). */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`${what} timed out after ${ms} ms`)), ms);
  });
  p.catch(() => {}); // a late rejection after the timeout won
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
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
  /** Until the first 'ready', and from a connection error until the next one. */
  private redisDown = true;
  /** An outage was logged: its end is logged too, once. */
  private outageReported = false;
  /** Kinds with a getNextJob call still unanswered: no second one piles up behind it. */
  private readonly fetching = new Set<string>();

  constructor(
    db: Kysely<Database>,
    dialect: SqlDialectName,
    redisUrl: string,
    options: BullmqJobQueueOptions = {},
  ) {
    super(db, dialect);
    // BullMQ's blocking commands need maxRetriesPerRequest: null.
    this.connection = redisOptionsFromUrl(redisUrl);
    this.prefix = options.prefix ?? 'orator';
    this.sweepLimit = options.sweepLimit ?? 1000;
    this.log = options.log ?? (() => {});
    // The watch connection: ping() for readiness (answers or fails within a second, never queues
    // forever) and the up/down state every other call checks first.
    this.redis = new Redis({ ...this.connection, maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
    this.redis.on('error', (err) => this.markDown(err));
    this.redis.on('close', () => this.markDown(new Error('connection closed')));
    this.redis.on('ready', () => this.markUp());
  }

  private markDown(err: Error): void {
    if (this.closed) return;
    this.redisDown = true;
    if (this.outageReported) return;
    this.outageReported = true;
    this.log('Redis unreachable: workers claim from the database, dispatches wait until it is back', { err: err.message });
  }

  private markUp(): void {
    this.redisDown = false;
    if (this.outageReported) this.log('Redis reachable again: re-dispatching due jobs');
    this.outageReported = false;
    // Rows committed or retried while Redis was down (or still connecting) have no message yet.
    this.dispatchDue().catch(this.dispatchFailed('re-dispatch after reconnect failed; the next sweep retries'));
  }

  /** True when the watch connection is up: only then are BullMQ calls worth waiting for. */
  get redisAvailable(): boolean {
    return this.redis.status === 'ready' && !this.redisDown;
  }

  /** BullMQ objects retry their own connections; while Redis is known to be down their errors repeat the one outage. */
  private logBullmq(what: string, extra: object): void {
    if (!this.redisDown && !this.closed) this.log(what, extra);
  }

  private queueFor(kind: string): Queue<Pointer> {
    let q = this.queues.get(kind);
    if (!q) {
      q = new Queue<Pointer>(`jobs-${kind}`, { connection: this.connection, prefix: this.prefix });
      q.on('error', (err) => this.logBullmq('BullMQ queue error', { kind, err: String(err) }));
      this.queues.set(kind, q);
    }
    return q;
  }

  private workerFor(kind: string): Worker<Pointer> {
    let w = this.workers.get(kind);
    if (!w) {
      // No processor: we fetch by hand inside claim(), so the pool's concurrency and leases stay ours.
      w = new Worker<Pointer>(`jobs-${kind}`, null, { connection: this.connection, prefix: this.prefix, autorun: false });
      w.on('error', (err) => this.logBullmq('BullMQ worker error', { kind, err: String(err) }));
      // A consumer killed between fetching and acking leaves the message active; the stalled
      // check puts it back (or drops it, after which our sweep re-dispatches from the row).
      void w.startStalledCheckTimer().catch((err) => this.log('BullMQ stalled check failed to start', { err: String(err) }));
      this.workers.set(kind, w);
    }
    return w;
  }

  /** Adds pointers for rows; jobId = row id, so a row already waiting or delayed is not added twice. */
  private async dispatch(rows: DueRow[], now = Date.now()): Promise<void> {
    // Not queued behind a reconnect: the row is committed, and the sweep or the reconnect dispatches it.
    if (!this.redisAvailable) throw new RedisUnavailableError('dispatch skipped');
    const byKind = new Map<string, DueRow[]>();
    for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    await Promise.all(
      [...byKind].map(([kind, list]) =>
        withTimeout(
          this.queueFor(kind).addBulk(
            list.map((r) => ({
              name: kind,
              data: { jobId: r.id },
              opts: { jobId: r.id, delay: Math.max(0, Number(r.run_at) - now), removeOnComplete: true, removeOnFail: true },
            })),
          ),
          REDIS_CALL_TIMEOUT_MS * 2,
          'addBulk',
        ),
      ),
    );
  }

  /** Logs a failed dispatch unless it is the known outage (already reported once). */
  private dispatchFailed(what: string): (err: unknown) => void {
    return (err) => {
      if (!(err instanceof RedisUnavailableError && this.redisDown)) this.log(what, { err: String(err) });
    };
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
    this.dispatchDue().catch(this.dispatchFailed('dispatch after commit failed; the next sweep retries'));
  }

  override async enqueue<K extends JobKind>(job: NewJob<K>): Promise<string> {
    const id = await super.enqueue(job);
    // The row is committed: a failed dispatch delays the job until the next sweep, it does not lose it.
    await this.dispatch([{ id, kind: job.kind, run_at: job.runAt ?? Date.now() }]).catch(this.dispatchFailed('dispatch after enqueue failed; the next sweep retries'));
    return id;
  }

  override async claim(req: ClaimRequest): Promise<JobRecord | undefined> {
    // Redis down: the jobs table is the queue (same compare-and-set, SKIP LOCKED on Postgres).
    if (!this.redisAvailable) return super.claim(req);
    for (const kind of req.kinds) {
      if (this.fetching.has(kind)) return super.claim(req);
      const message = await this.takeMessage(kind, req.owner);
      if (message === 'unavailable') return super.claim(req);
      if (!message) continue;
      const claimed = await super.claim({ ...req, kinds: [kind] });
      // Another row went first (a space with fewer running): this one keeps its place in the queue.
      if (claimed && claimed.id !== message.data.jobId) await this.redispatchIfQueued(message.data.jobId, req.now);
      if (claimed) return claimed;
      // Nothing of this kind is claimable now; a capped space's pointer waits for the sweep.
      await this.redispatchIfEarly(message.data.jobId, req.now);
    }
    return undefined;
  }

  /** The next message of a kind, acked; 'unavailable' when Redis did not answer in time. */
  private async takeMessage(kind: string, owner: string): Promise<Job<Pointer> | undefined | 'unavailable'> {
    const worker = this.workerFor(kind);
    const token = `${owner}:${++this.tokenSeq}`;
    this.fetching.add(kind);
    const fetched = worker.getNextJob(token, { block: false }).finally(() => this.fetching.delete(kind));
    let message: Job<Pointer> | undefined;
    try {
      message = await withTimeout(fetched, REDIS_CALL_TIMEOUT_MS, 'getNextJob');
    } catch (err) {
      // A message fetched after we stopped waiting stays active until BullMQ's stalled check returns
      // it; the row is still queued, so the claim from the database (or the next sweep) covers it.
      this.logBullmq('BullMQ fetch failed; claiming from the database', { kind, err: String(err) });
      return 'unavailable';
    }
    if (!message) return undefined;
    // Ack first: the row's lease, not the message, guards the work from here on. An ack cut off by
    // an outage must not hold up the claim: an unacked message only comes back as a stale pointer.
    await withTimeout(message.moveToCompleted(null, token, false), REDIS_CALL_TIMEOUT_MS, 'ack').catch((err) => this.logBullmq('BullMQ ack failed', { err: String(err) }));
    return message;
  }

  /**
   * A pointer that arrived before its row was due (dispatched while it was still queued for an earlier
   * run, then retried with a backoff: BullMQ kept the older message under the same jobId) is put back
   * with the row's delay rather than dropped, so the retry does not wait for a sweep.
   */
  private async redispatchIfEarly(jobId: string, now: number): Promise<void> {
    await this.redispatchIfQueued(jobId, now, true);
  }

  /** Puts a pointer back behind the others while its row is still queued (due or, with `earlyOnly`, only when not yet due). */
  private async redispatchIfQueued(jobId: string, now: number, earlyOnly = false): Promise<void> {
    const row = await this.db.selectFrom('jobs').select(['id', 'kind', 'run_at', 'status']).where('id', '=', jobId).executeTakeFirst();
    if (row?.status === 'queued' && (!earlyOnly || Number(row.run_at) > now)) {
      await this.dispatch([{ id: row.id, kind: row.kind, run_at: Number(row.run_at) }]).catch(this.dispatchFailed('re-dispatch of a passed-over pointer failed; the sweep retries'));
    }
  }

  override async retry(jobId: string, owner: string, runAt: number, error: string, now: number, options?: RetryOptions): Promise<boolean> {
    const ok = await super.retry(jobId, owner, runAt, error, now, options);
    if (ok) {
      const job = await this.get(jobId);
      if (job) await this.dispatch([{ id: job.id, kind: job.kind, run_at: runAt }]).catch(this.dispatchFailed('retry dispatch failed; the sweep retries'));
    }
    return ok;
  }

  /** The watchdog's sweep: expired leases back to queued, then every due row re-dispatched (when Redis is up). */
  override async requeueExpired(now: number): Promise<number> {
    const n = await super.requeueExpired(now);
    if (this.redisAvailable) await this.dispatchDue().catch(this.dispatchFailed('sweep dispatch failed; the next sweep retries'));
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
      events.on('error', (err) => this.logBullmq('BullMQ events error', { err: String(err) }));
      this.queueEvents.set(kind, events);
    }
    return off;
  }

  /** Redis only: /readyz reports the database on its own line, so a database outage is not also a queue outage. */
  override async ping(): Promise<void> {
    await this.redis.ping();
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
