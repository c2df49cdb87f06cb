// The handler table is keyed by JobKind: adding a kind to domain/job-kind.ts without an entry here
// (in compose.ts where the map is built) fails to compile.
import type { JobKind, JobPayloads } from './job-kind.js';

export interface JobContext {
  jobId: string;
  /** The lease holder; a handler finishing its own job inside a transaction passes it to `complete`. */
  owner: string;
  attempt: number;
  maxAttempts: number;
  /** Aborted on lease loss or when shutdown's grace period runs out. */
  signal: AbortSignal;
}

export interface JobHandler<K extends JobKind> {
  run(payload: JobPayloads[K], ctx: JobContext): Promise<void>;
  /** Called once when the job fails for good (permanent error, or attempts exhausted). Must be idempotent. */
  giveUp?(payload: JobPayloads[K], error: unknown, ctx: JobContext): Promise<void>;
}

export type JobHandlerMap = { [K in JobKind]: JobHandler<K> };

/** Thrown by a handler that found its lease gone while finishing: someone else owns the job now. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease lost for job ${jobId}`);
    this.name = 'LeaseLostError';
  }
}
