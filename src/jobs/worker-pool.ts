// Claims jobs and runs their handlers, up to `concurrency` at a time, renewing leases while they run.
// Permanent OratorErrors fail the job at once; anything else is retried after its kind's backoff
// (domain/job-policy.ts). A dependency outage (database or storage unreachable) is retried without
// spending an attempt, and the pool itself survives one: a failed claim or a failed bookkeeping write is logged, never thrown.
import os from 'node:os';
import { EventEmitter } from 'node:events';
import { isConnectionFailure, retryWhileUnreachable } from '../domain/dependency-outage.js';
import { isOratorError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { JOB_KINDS, type JobKind, type JobRecord } from '../domain/job-kind.js';
import { JOB_POLICY } from '../domain/job-policy.js';
import { NO_JOB_METRICS, type JobMetrics, type JobRunOutcome } from '../domain/metrics.js';
import { LeaseLostError, type JobContext, type JobHandler, type JobHandlerMap } from '../domain/job-handler.js';
import type { JobQueue } from './job-queue.js';

export interface WorkerPoolOptions {
  queue: JobQueue;
  handlers: JobHandlerMap;
  concurrency: number;
  spaceCap: number;
  /** One lease for every kind (ORATOR_JOB_LEASE_SEC, tests); otherwise each kind's policy lease. */
  leaseMs?: number;
  pollMs?: number;
  kinds?: readonly JobKind[];
  owner?: string;
  /** One backoff for every kind (tests shorten it); otherwise each kind's policy backoff. */
  retryDelayMs?: (attempt: number) => number;
  /** Outage retries spend no attempt until a job is this old (1 h); after that they count as usual. */
  outageGraceMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: object) => void;
  /** Each run's duration by kind and outcome. */
  metrics?: JobMetrics;
}

interface InFlight {
  job: JobRecord;
  abort: AbortController;
  done: Promise<void>;
}

export class WorkerPool {
  readonly owner: string;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly events = new EventEmitter();
  private readonly leaseMs: (kind: JobKind) => number;
  /** The longest lease of the kinds claimed: a claim takes any of them; the first renewal sets the kind's own. */
  private readonly claimLeaseMs: number;
  private readonly pollMs: number;
  private readonly kinds: readonly JobKind[];
  private readonly retryDelayMs: (kind: JobKind, attempt: number) => number;
  private readonly outageGraceMs: number;
  private readonly log: NonNullable<WorkerPoolOptions['log']>;
  private running = false;
  private stopping = false;
  private filling = false;
  private fillAgain = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Claims are failing (the database or the queue is down): logged once per outage, not once a poll. */
  private claimFailing = false;

  constructor(private readonly opts: WorkerPoolOptions) {
    this.owner = opts.owner ?? `${os.hostname()}:${process.pid}:${newId('w').slice(2, 10)}`;
    const leaseMs = opts.leaseMs;
    this.leaseMs = leaseMs !== undefined ? () => leaseMs : (kind) => JOB_POLICY[kind].leaseMs;
    this.pollMs = opts.pollMs ?? 1000;
    this.kinds = opts.kinds ?? JOB_KINDS;
    this.claimLeaseMs = Math.max(0, ...this.kinds.map(this.leaseMs));
    const retryDelayMs = opts.retryDelayMs;
    this.retryDelayMs = retryDelayMs ? (_kind, attempt) => retryDelayMs(attempt) : (kind, attempt) => JOB_POLICY[kind].backoffMs(attempt);
    this.outageGraceMs = opts.outageGraceMs ?? 3_600_000;
    this.log = opts.log ?? (() => {});
    this.events.setMaxListeners(0);
  }

  get activeCount(): number {
    return this.inFlight.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.unsubscribe = this.opts.queue.onEnqueued(() => void this.fill());
    // Polling covers jobs enqueued by another process and retries whose backoff ended.
    this.pollTimer = setInterval(() => void this.fill(), this.pollMs);
    this.pollTimer.unref();
    void this.fill();
  }

  /** Claims until the pool is full or the queue has nothing runnable. Re-entrant calls coalesce. */
  async fill(): Promise<void> {
    if (!this.running || this.stopping) return;
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.filling = true;
    try {
      do {
        this.fillAgain = false;
        while (this.running && !this.stopping && this.inFlight.size < this.opts.concurrency) {
          const job = await this.opts.queue.claim({
            owner: this.owner,
            kinds: this.kinds,
            leaseMs: this.claimLeaseMs,
            spaceCap: this.opts.spaceCap,
            now: Date.now(),
          });
          if (this.claimFailing) this.log('info', 'claiming jobs works again');
          this.claimFailing = false;
          if (!job) break;
          this.launch(job);
        }
      } while (this.fillAgain && !this.stopping);
    } catch (err) {
      // The poll timer tries again; the queue's rows are the truth, so nothing is lost meanwhile.
      if (!this.claimFailing) this.log('error', 'claiming jobs failed; retrying every poll', { err: String(err) });
      this.claimFailing = true;
    } finally {
      this.filling = false;
    }
  }

  private launch(job: JobRecord): void {
    const abort = new AbortController();
    const entry: InFlight = { job, abort, done: Promise.resolve() };
    // A failure the runner could not record (the database is down too) must not crash the process:
    // the lease runs out and the watchdog re-queues the job.
    entry.done = this.execute(job, abort).catch((err: unknown) => this.log('warn', 'could not record the job outcome; it runs again once its lease expires', { jobId: job.id, err: String(err) })).finally(() => {
      this.inFlight.delete(job.id);
      this.events.emit('settled');
      void this.fill();
    });
    this.inFlight.set(job.id, entry);
  }

  private async execute(job: JobRecord, abort: AbortController): Promise<void> {
    const { queue } = this.opts;
    const started = performance.now();
    const finished = (outcome: JobRunOutcome): void => (this.opts.metrics ?? NO_JOB_METRICS).jobFinished(job.kind, outcome, (performance.now() - started) / 1000);
    const handler = this.opts.handlers[job.kind] as JobHandler<JobKind>;
    const ctx: JobContext = { jobId: job.id, owner: this.owner, attempt: job.attempts, maxAttempts: job.maxAttempts, signal: abort.signal };
    const leaseMs = this.leaseMs(job.kind);
    const renewTimer = setInterval(async () => {
      const ok = await queue.renew(job.id, this.owner, Date.now() + leaseMs, Date.now()).catch(() => true);
      if (!ok) abort.abort(new LeaseLostError(job.id));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    renewTimer.unref();
    try {
      if (job.attempts > job.maxAttempts) {
        // Only lease expiries get here (a worker died mid-job each time): a poison job must stop somewhere.
        const err = new Error(`gave up after ${job.maxAttempts} attempts whose workers stopped responding`);
        await handler.giveUp?.(job.payload, err, ctx);
        await queue.fail(job.id, this.owner, err.message, Date.now());
        finished('failed');
        return;
      }
      await handler.run(job.payload, ctx);
      await queue.complete(job.id, this.owner);
      finished('completed');
    } catch (err) {
      if (err instanceof LeaseLostError || abort.signal.reason instanceof LeaseLostError) {
        this.log('warn', 'job lease lost; leaving it to its new owner', { jobId: job.id });
        finished('lease_lost');
        return;
      }
      if (this.stopping && abort.signal.aborted) return; // released by stop()
      const message = err instanceof Error ? err.message : String(err);
      // Storage or the database was down, not the job's fault: retry without spending an attempt.
      const outage = isConnectionFailure(err) && Date.now() - job.createdAt < this.outageGraceMs;
      const transient = outage || !isOratorError(err) || err.transient;
      if (transient && (outage || job.attempts < job.maxAttempts)) {
        const delay = this.retryDelayMs(job.kind, job.attempts);
        this.log('warn', 'job failed, will retry', { jobId: job.id, kind: job.kind, attempt: job.attempts, delayMs: delay, outage, err: message });
        await this.record(leaseMs, () => queue.retry(job.id, this.owner, Date.now() + delay, message, Date.now(), { countAttempt: !outage }));
        finished('retried');
        return;
      }
      this.log('warn', 'job failed for good', { jobId: job.id, kind: job.kind, attempt: job.attempts, err: message });
      finished('failed');
      try {
        await handler.giveUp?.(job.payload, err, ctx);
      } finally {
        await this.record(leaseMs, () => queue.fail(job.id, this.owner, message, Date.now()));
      }
    } finally {
      clearInterval(renewTimer);
    }
  }

  /**
   * A job's outcome written through a short database outage: retried while the database is unreachable,
   * up to one lease, so the job goes back to the queue as soon as the database answers instead of waiting
   * for its lease to expire. Throws what it could not write.
   */
  private record<T>(leaseMs: number, write: () => Promise<T>): Promise<T> {
    return retryWhileUnreachable(write, { waitMs: leaseMs, maxDelayMs: 2000, stop: () => this.stopping });
  }

  /**
   * Graceful stop: claim nothing more, let running jobs finish for up to `graceMs`, then abort the rest
   * and hand their leases back so another worker starts them at once rather than after expiry.
   */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.unsubscribe?.();
    const all = () => Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const f of this.inFlight.values()) f.abort.abort(new Error('shutting down'));
      await Promise.race([all(), new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    const released = await this.opts.queue.releaseLeases(this.owner, Date.now()).catch(() => 0);
    if (released > 0) this.log('info', 'released job leases on shutdown', { count: released });
    this.running = false;
  }

  /** Test helper: resolves once nothing runs here and nothing is queued or running anywhere. */
  async waitForIdle(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.fill();
      if (this.inFlight.size === 0) {
        const c = await this.opts.queue.counts();
        if (c.queued === 0 && c.running === 0) return;
      }
      if (Date.now() > deadline) throw new Error('waitForIdle timed out');
      // Wake on the next job settling, or shortly for queued jobs still in backoff.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          this.events.off('settled', done);
          resolve();
        };
        const t = setTimeout(done, 25);
        this.events.on('settled', done);
      });
    }
  }
}
