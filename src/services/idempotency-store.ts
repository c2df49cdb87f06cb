// The port behind v3 `Idempotency-Key`: remembers the first response to a keyed request so a retry
// replays it instead of creating a second resource.

/** How long a stored response is replayed (HeyGen: 24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim older than this whose request never finished (crashed process) no longer blocks retries. */
export const IDEMPOTENCY_STALE_CLAIM_MS = 5 * 60 * 1000;

export interface IdempotencyRef {
  spaceId: string;
  /** Method + route + path params: the same key on another endpoint or resource is a different request. */
  scope: string;
  key: string;
}

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

export interface IdempotencyStore {
  /** Claims the key for this request, or says why not (a stored response, another body, still running). */
  claim(ref: IdempotencyRef, requestHash: string, now: number): Promise<IdempotencyClaim>;
  /** Stores the response of a claimed request. */
  complete(ref: IdempotencyRef, status: number, body: string): Promise<void>;
  /** Drops a claim whose request failed, so the client may retry with the same key. */
  release(ref: IdempotencyRef): Promise<void>;
}
