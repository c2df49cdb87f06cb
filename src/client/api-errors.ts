// Typed exceptions for what a HeyGen-compatible server refuses, carrying its own code and message from any
// of the three envelopes (v1 `{code, message}`, v2 `{error: {code, message}}`, v3 `{error: {code, message,
// param}}`), so callers can branch on `instanceof` or on `code` without reading bodies themselves.

export interface ApiErrorDetails {
  status: number;
  /** HeyGen's code: v3/v2 snake_case (`video_not_found`), v1 numeric codes as a string (`400140`). */
  code: string;
  message: string;
  /** The request field the server blamed, when it names one. */
  param?: string | null;
  requestId?: string | null;
  /** Milliseconds the server asked to wait (Retry-After), when it said. */
  retryAfterMs?: number | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | null;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;

  constructor(details: ApiErrorDetails) {
    super(details.message);
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.param = details.param ?? null;
    this.requestId = details.requestId ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/** 400, 413 and 422: the request itself is wrong (see `param`). */
export class InvalidRequestError extends ApiError {}
/** 401: no key or token, or one the server does not accept (expired OAuth tokens included). */
export class AuthenticationError extends ApiError {}
/** 402 and 403: the caller may not do this. */
export class PermissionDeniedError extends ApiError {}
export class NotFoundError extends ApiError {}
/** 409: another request with the same Idempotency-Key is still running, or the resource is busy. */
export class ConflictError extends ApiError {}
/** 429, after the client's own retries ran out. */
export class RateLimitError extends ApiError {}
export class ServerError extends ApiError {}

/** The server could not be reached, or the connection broke (after retries). */
export class ConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

/** A video ended in `failed`: `code` and `message` are the server's failure_code and failure_message. */
export class VideoFailedError extends Error {
  constructor(
    readonly videoId: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'VideoFailedError';
  }
}

/** waitFor gave up before the video finished. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly videoId: string,
    readonly lastStatus: string,
    readonly timeoutMs: number,
  ) {
    super(`Video ${videoId} was still ${lastStatus} after ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'WaitTimeoutError';
  }
}

function errorClassFor(status: number): typeof ApiError {
  if (status === 401) return AuthenticationError;
  if (status === 402 || status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  if (status >= 400) return InvalidRequestError;
  return ApiError;
}

/** Code, message and param from whichever envelope the body uses. */
export function readErrorEnvelope(body: unknown): { code: string; message: string; param: string | null } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const nested = b.error;
  if (nested && typeof nested === 'object') {
    const e = nested as Record<string, unknown>;
    if (typeof e.message === 'string') return { code: String(e.code ?? 'unknown_error'), message: e.message, param: typeof e.param === 'string' ? e.param : null };
  }
  // v1 answers `{code: 400140, message, data: null}`; its success code is 100.
  if (typeof b.message === 'string' && b.code !== undefined && b.code !== 100) return { code: String(b.code), message: b.message, param: null };
  return undefined;
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now (never negative). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The typed exception for a non-2xx answer whose body has been read (JSON or not). */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const envelope = readErrorEnvelope(body);
  const Class = errorClassFor(response.status);
  const fallback = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : `HTTP ${response.status} ${response.statusText}`.trim();
  return new Class({
    status: response.status,
    code: envelope?.code ?? `http_${response.status}`,
    message: envelope?.message ?? fallback,
    param: envelope?.param ?? null,
    requestId: response.headers.get('x-request-id'),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}
