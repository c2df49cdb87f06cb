// What every call of the client shares: the base URL, the credential (an API key as X-Api-Key, or an OAuth
// access token as Authorization: Bearer), retries, an Idempotency-Key on every POST (made once per call, so
// its retries are replays, never second creates), and answers turned into data or a typed exception.
import { randomUUID } from 'node:crypto';
import createFetchClient, { type Client } from 'openapi-fetch';
import { apiErrorFrom, ConnectionError } from './api-errors.js';
import type { paths } from './generated/orator-api.js';
import { createRetryingFetch, DEFAULT_RETRY_POLICY, defaultSleep, type RetryNotice, type RetryPolicy } from './retrying-fetch.js';

export const HEYGEN_BASE_URL = 'https://api.heygen.com';

export interface OratorClientOptions {
  /** An Orator server (`http://localhost:8080`) or HeyGen (`https://api.heygen.com`, the default). */
  baseUrl?: string;
  apiKey?: string;
  /** An OAuth access token, or a function returning the current one (after a refresh). */
  accessToken?: string | (() => string | Promise<string>);
  retry?: Partial<RetryPolicy>;
  onRetry?: (notice: RetryNotice) => void;
  /** Limit for each attempt of an API call (downloads have none); default 60 s. */
  requestTimeoutMs?: number;
  /** Replaces global fetch (tests, proxies, an in-process server). */
  fetch?: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
  headers?: Record<string, string>;
}

export interface ClientTransport {
  baseUrl: string;
  raw: Client<paths>;
  /** Sends a prepared request with the credential, retries and the timeout. */
  send(request: Request, options?: { retry?: boolean; timeout?: boolean }): Promise<Response>;
  /** The same request with the credential, for URLs outside the API (signed file links get none). */
  authorize(headers: Headers): Promise<void>;
  sleep(ms: number): Promise<void>;
  newIdempotencyKey(): string;
}

export const USER_AGENT = 'orator-client/0.1';

function withTimeout(request: Request, ms: number): Request {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(ms)]);
  return new Request(request, { signal });
}

function networkError(error: unknown, request: Request): ConnectionError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  return new ConnectionError(`Could not reach ${new URL(request.url).origin} (${request.method} ${new URL(request.url).pathname}): ${why}`, { cause: error });
}

export function createClientTransport(options: OratorClientOptions): ClientTransport {
  const baseUrl = (options.baseUrl ?? HEYGEN_BASE_URL).replace(/\/+$/, '');
  const innerFetch = options.fetch ?? ((request: Request) => fetch(request));
  const sleep = options.sleep ?? ((ms: number) => defaultSleep(ms));
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const timedFetch = (request: Request) => innerFetch(withTimeout(request, timeoutMs));
  const retryOptions = { policy, sleep, ...(options.onRetry ? { onRetry: options.onRetry } : {}) };
  const retrying = { timed: createRetryingFetch({ ...retryOptions, fetch: timedFetch }), untimed: createRetryingFetch({ ...retryOptions, fetch: innerFetch }) };

  const authorize = async (headers: Headers): Promise<void> => {
    for (const [k, v] of Object.entries(options.headers ?? {})) if (!headers.has(k)) headers.set(k, v);
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    if (options.apiKey && !headers.has('x-api-key')) headers.set('x-api-key', options.apiKey);
    const token = typeof options.accessToken === 'function' ? await options.accessToken() : options.accessToken;
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  };

  const send = async (request: Request, how: { retry?: boolean; timeout?: boolean } = {}): Promise<Response> => {
    const timed = how.timeout !== false;
    try {
      if (how.retry === false) return await (timed ? timedFetch(request) : innerFetch(request));
      return await (timed ? retrying.timed : retrying.untimed)(request);
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason ?? error;
      throw networkError(error, request);
    }
  };

  const raw = createFetchClient<paths>({ baseUrl, fetch: (request) => send(request) });
  raw.use({
    async onRequest({ request }) {
      await authorize(request.headers);
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', randomUUID());
      return request;
    },
  });
  return { baseUrl, raw, send, authorize, sleep, newIdempotencyKey: () => randomUUID() };
}

/** The data of a 2xx answer, or the typed exception for any other. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw apiErrorFrom(response, error);
  return data;
}

/** Reads a non-2xx answer's body (JSON when it is) into the typed exception. */
export async function errorOf(response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text itself is the message
  }
  return apiErrorFrom(response, body);
}
