// The job queue port. The database row is the truth for a job; every transition is a compare-and-set
// on (id, status, lease_owner) so a worker that lost its lease cannot overwrite anyone.
import type { JobKind, JobRecord, JobStatus } from '../domain/job-kind.js';
import type { JobWriter } from '../services/ports.js';

export interface ClaimRequest {
  owner: string;
  kinds: readonly JobKind[];
  leaseMs: number;
  /** Max running jobs of the same kind per space; a space at its cap is skipped, its jobs wait. */
  spaceCap: number;
  now: number;
}

export interface RetryOptions {
  /** False: the failed run does not count toward maxAttempts (default true). */
  countAttempt?: boolean;
}

export interface JobQueue extends JobWriter {
  claim(request: ClaimRequest): Promise<JobRecord | undefined>;
  renew(jobId: string, owner: string, leaseExpiresAt: number, now: number): Promise<boolean>;
  /** Back to queued at `runAt` (transient failure). `countAttempt: false` refunds it (a dependency outage). */
  retry(jobId: string, owner: string, runAt: number, error: string, now: number, options?: RetryOptions): Promise<boolean>;
  /** Terminal failure. */
  fail(jobId: string, owner: string, error: string, now: number): Promise<boolean>;
  /** Watchdog: running jobs whose lease expired go back to queued. Returns how many. */
  requeueExpired(now: number): Promise<number>;
  /** Shutdown: hand this owner's running jobs back without counting the attempt. */
  releaseLeases(owner: string, now: number): Promise<number>;
  get(jobId: string): Promise<JobRecord | undefined>;
  counts(): Promise<Record<JobStatus, number>>;
  /** In-process wake-up after an enqueue commits; returns an unsubscribe function. */
  onEnqueued(listener: () => void): () => void;
  ping(): Promise<void>;
}
