// Retries as HeyGen's own CLI does: 429 on every method; 500/502/503/504 and broken connections only where
// a repeat cannot create twice (GET/HEAD/PUT/DELETE/OPTIONS, or a POST carrying an Idempotency-Key, which the
// server replays); exponential backoff with jitter, or the server's Retry-After (seconds or an HTTP date).
import { parseRetryAfter } from './api-errors.js';

export interface RetryPolicy {
  /** Attempts after the first (HeyGen's CLI: 2). */
  maxRetries: number;
  /** First backoff; doubled each retry. */
  baseDelayMs: number;
  /** Cap for the backoff and for a Retry-After (a server asking for longer is waited on this long, then retried). */
  maxDelayMs: number;
  /** ± fraction of the delay, so many clients do not retry in step. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 1000, maxDelayMs: 30_000, jitter: 0.25 };

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  /** `HTTP 429`, `HTTP 503`, or the network error's message. */
  reason: string;
  method: string;
  url: string;
}

export interface RetryingFetchOptions {
  fetch: (request: Request) => Promise<Response>;
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (notice: RetryNotice) => void;
}

const RETRYABLE_5XX = new Set([500, 502, 503, 504]);
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const spread = raw * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxDelayMs, raw + spread)));
}

/** True when sending the request again cannot do its work twice. */
export function isRepeatable(request: Request): boolean {
  return REPEATABLE_METHODS.has(request.method.toUpperCase()) || request.headers.has('idempotency-key');
}

export const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/**
 * A fetch that retries. Each attempt sends a clone of the first request, so a body (JSON, a file read
 * from disk) goes out whole every time and the Idempotency-Key stays the same across attempts.
 */
export function createRetryingFetch(options: RetryingFetchOptions): (request: Request) => Promise<Response> {
  const random = options.random ?? Math.random;
  return async (request) => {
    const repeatable = isRepeatable(request);
    for (let retry = 0; ; retry++) {
      const last = retry >= options.policy.maxRetries;
      let response: Response;
      try {
        response = await options.fetch(last ? request : request.clone());
      } catch (error) {
        if (last || !repeatable || request.signal.aborted) throw error;
        const delayMs = backoffDelay(retry, options.policy, random);
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        options.onRetry?.({ attempt: retry + 1, delayMs, reason: cause?.code ?? cause?.message ?? (error as Error).message, method: request.method, url: request.url });
        await options.sleep(delayMs);
        continue;
      }
      const retryable = response.status === 429 || (RETRYABLE_5XX.has(response.status) && repeatable);
      if (!retryable || last) return response;
      const asked = parseRetryAfter(response.headers.get('retry-after'));
      const delayMs = asked === null ? backoffDelay(retry, options.policy, random) : Math.min(asked, options.policy.maxDelayMs);
      // The body is not needed; drain it so the connection goes back to the pool.
      await response.body?.cancel().catch(() => undefined);
      options.onRetry?.({ attempt: retry + 1, delayMs, reason: `HTTP ${response.status}`, method: request.method, url: request.url });
      await options.sleep(delayMs);
    }
  };
}
