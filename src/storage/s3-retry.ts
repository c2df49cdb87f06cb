// Retries an S3 call through a short outage (503 SlowDown/ServiceUnavailable, 5xx, throttling, a reset
// or refused connection) with exponential backoff, then gives up as a transient `service_unavailable`:
// the API answers 503 + Retry-After and the job runner retries the job later. Each try builds its
// command afresh, so a file body is re-read from the start instead of resending a spent stream.
import { isConnectionFailure, serviceUnavailable } from '../domain/dependency-outage.js';

export interface S3RetryPolicy {
  /** Give up once this much time has gone by since the first try (the API waits at most this long). */
  budgetMs: number;
  /** First pause; doubled after each failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_S3_RETRY: S3RetryPolicy = { budgetMs: 10_000, baseDelayMs: 250, maxDelayMs: 2000 };

interface S3ErrorShape {
  name?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const TRANSIENT_NAMES = new Set(['ServiceUnavailable', 'SlowDown', 'InternalError', 'RequestTimeout', 'TimeoutError', 'RequestTimeTooSkewed', 'ThrottlingException']);

export function isTransientS3Error(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as S3ErrorShape;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (e.name && TRANSIENT_NAMES.has(e.name)) return true;
  if (e.$retryable) return true;
  return isConnectionFailure(err);
}

export async function withS3Retry<T>(
  op: () => Promise<T>,
  policy: S3RetryPolicy = DEFAULT_S3_RETRY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await op();
    } catch (err) {
      if (!isTransientS3Error(err)) throw err;
      const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      if (Date.now() - started + delay > policy.budgetMs) throw serviceUnavailable(err);
      await sleep(delay);
    }
  }
}
