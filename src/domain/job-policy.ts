// How each kind of job is run: how many runs it gets, how long to wait before running it again after a
// transient failure, and how long a worker's lease on it lasts before the watchdog hands it to another.
// Keyed by JobKind, so a new kind without a policy fails to compile. Enqueue sites take `attempts` from
// here, the worker pool takes backoff and lease.
import type { JobKind } from './job-kind.js';
import { MAX_DELIVERY_ATTEMPTS, nextRetryDelaySec } from './webhook-retry-schedule.js';

export interface JobPolicy {
  /** Runs of one job before it fails for good (transient errors and workers that died mid-run). */
  attempts: number;
  /** Milliseconds before run `attempt + 1` after run `attempt` failed transiently. */
  backoffMs(attempt: number): number;
  /** A worker's lease on a running job; renewed every third of it while the handler runs. */
  leaseMs: number;
}

/**
 * A webhook delivery retries the receiver, not the worker: each attempt is a new deliver_webhook job
 * enqueued at the time the schedule says, so its job's own `attempts` only covers crashed workers.
 */
export interface DeliveryJobPolicy extends JobPolicy {
  delivery: {
    /** HTTP attempts of one delivery (the first and every retry). */
    attempts: number;
    /** Seconds before attempt `attemptsMade + 1`, or null when exhausted; Retry-After only pushes it later. */
    delaySec(attemptsMade: number, retryAfterSec: number | null): number | null;
  };
}

/** 2 s, 4 s, 8 s … capped at one minute. */
export function exponentialBackoffMs(attempt: number): number {
  return Math.min(60_000, 2000 * 2 ** Math.max(0, attempt - 1));
}

export const DEFAULT_LEASE_MS = 30_000;

export const JOB_POLICY: Record<JobKind, JobPolicy> & { deliver_webhook: DeliveryJobPolicy } = {
  render_video: { attempts: 3, backoffMs: exponentialBackoffMs, leaseMs: DEFAULT_LEASE_MS },
  deliver_webhook: {
    attempts: 3,
    backoffMs: exponentialBackoffMs,
    leaseMs: DEFAULT_LEASE_MS,
    delivery: { attempts: MAX_DELIVERY_ATTEMPTS, delaySec: (attemptsMade, retryAfterSec) => nextRetryDelaySec(attemptsMade, retryAfterSec) },
  },
  // A download, a face check and a small image write: a minute's lease is plenty; the motion preview is a
  // short render, renewed like any other.
  photo_avatar_look: { attempts: 3, backoffMs: exponentialBackoffMs, leaseMs: 60_000 },
  photo_avatar_generation: { attempts: 3, backoffMs: exponentialBackoffMs, leaseMs: 60_000 },
  photo_avatar_train: { attempts: 3, backoffMs: exponentialBackoffMs, leaseMs: 60_000 },
  photo_avatar_upscale: { attempts: 3, backoffMs: exponentialBackoffMs, leaseMs: 60_000 },
  // A render-sized job (recognition, speech and a re-render or remux), its lease renewed while it runs.
  translate_video: { attempts: 3, backoffMs: exponentialBackoffMs, leaseMs: DEFAULT_LEASE_MS },
};
