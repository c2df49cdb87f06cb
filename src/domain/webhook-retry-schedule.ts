// When to try a failed delivery again. The schedule follows Standard Webhooks' published one (immediately,
// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) plus one more 10 h step, so that even with
// the earliest jitter the 9 attempts span more than 24 h; ±20 % jitter keeps a receiver that
// comes back from being hit by every queued delivery at once. A receiver's Retry-After can only push a retry later.
export const RETRY_DELAYS_SEC: readonly number[] = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 10 * 3600];
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SEC.length + 1;

/**
 * Delay before attempt `attemptsMade + 1`, or null when attempts are exhausted.
 * `random` is injectable so tests are deterministic.
 */
export function nextRetryDelaySec(attemptsMade: number, retryAfterSec: number | null = null, random: () => number = Math.random): number | null {
  if (attemptsMade < 1 || attemptsMade >= MAX_DELIVERY_ATTEMPTS) return null;
  const base = RETRY_DELAYS_SEC[attemptsMade - 1]!;
  const jittered = base * (0.8 + 0.4 * random());
  const delay = retryAfterSec !== null && retryAfterSec > jittered ? retryAfterSec : jittered;
  return Math.round(delay * 1000) / 1000;
}

/** Parses Retry-After as seconds or an HTTP date; caps it at a day so one header cannot park a delivery forever. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    seconds = Math.max(0, (at - now.getTime()) / 1000);
  }
  return Math.min(seconds, 24 * 3600);
}
