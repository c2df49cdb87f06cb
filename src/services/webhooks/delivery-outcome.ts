// What one attempt means for its delivery, as a pure rule: 2xx succeeds; 410 Gone fails it and disables
// the endpoint; anything else is retried on the schedule unless it can never succeed (a permanent
// refusal), the schedule is exhausted, or the endpoint has been failing for too long (then disabled).
import type { DeliveryStatus } from '../../domain/webhook.js';
import { parseRetryAfter } from '../../domain/webhook-retry-schedule.js';
import type { SendResult } from './webhook-ports.js';
import { isSuccessStatus } from './webhook-request.js';

export interface OutcomeInput {
  result: SendResult;
  /** The attempt just made, counting from 1. */
  attemptNo: number;
  now: number;
  /** False for a per-request callback_url: nothing to disable. */
  hasEndpoint: boolean;
  /** Start of the endpoint's failing run, including this attempt (null: healthy or no endpoint). */
  failingSince: number | null;
  disableAfterMs: number;
  retryDelaySec: (attemptsMade: number, retryAfterSec: number | null) => number | null;
}

export interface DeliveryDecision {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  /** Set when the endpoint must be disabled. */
  disabledReason: string | null;
}

export function isSuccess(result: SendResult): boolean {
  return result.kind === 'response' && isSuccessStatus(result.statusCode);
}

/** 410 Gone: the receiver says it will never want these again (not a failing run: the endpoint is done). */
export function isGone(result: SendResult): boolean {
  return result.kind === 'response' && result.statusCode === 410;
}

/** Only for a failed attempt (the caller already knows `failingSince` for it). */
export function decideFailedAttempt(input: OutcomeInput): DeliveryDecision {
  const { result, now } = input;
  if (isGone(result)) {
    return { status: 'failed', nextAttemptAt: null, disabledReason: input.hasEndpoint ? `endpoint answered 410 Gone on ${new Date(now).toISOString()}` : null };
  }
  const retryAfter = result.kind === 'response' ? parseRetryAfter(result.retryAfter, new Date(now)) : null;
  // A permanent failure (the SSRF guard refused the address, an unusable URL) is not retried: waiting changes nothing.
  const delay = result.kind === 'error' && result.permanent ? null : input.retryDelaySec(input.attemptNo, retryAfter);
  const since = input.failingSince;
  if (input.hasEndpoint && since !== null && now - since > input.disableAfterMs) {
    const reason = `failing since ${new Date(since).toISOString()} (more than ${Math.round(input.disableAfterMs / 3_600_000)} h)`;
    return { status: 'failed', nextAttemptAt: null, disabledReason: reason };
  }
  if (delay === null) return { status: 'failed', nextAttemptAt: null, disabledReason: null };
  return { status: 'pending', nextAttemptAt: now + Math.round(delay * 1000), disabledReason: null };
}
