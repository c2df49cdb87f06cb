// Every call the dashboard makes goes to Orator's public API, the routes any client uses. A browser
// session sends its cookie (automatically) and, on changes, the X-CSRF-Token that GET /v3/session
// handed out; on an install without accounts the key typed in at sign-in goes as X-Api-Key instead.
export type Credentials = { kind: 'session'; csrf: string } | { kind: 'api-key'; key: string };

let credentials: Credentials | null = null;
let refreshCsrf: (() => Promise<string | null>) | null = null;
let onSignedOut: (() => void) | null = null;

export function useCredentials(c: Credentials | null, hooks: { refreshCsrf?: () => Promise<string | null>; onSignedOut?: () => void } = {}): void {
  credentials = c;
  refreshCsrf = hooks.refreshCsrf ?? null;
  onSignedOut = hooks.onSignedOut ?? null;
}

/** An API refusal with the server's own message (which names the field and what to change). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

/** The message of any of Orator's envelopes: v1 `{code, message}`, v2/v3 `{error: {code, message}}`. */
export function errorOf(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown; param?: unknown } | null };
  const e = b.error && typeof b.error === 'object' ? b.error : null;
  const message = (typeof e?.message === 'string' && e.message) || (typeof b.message === 'string' && b.message) || `The server answered ${status}`;
  const code = String(e?.code ?? b.code ?? status);
  return new ApiError(status, code, message, typeof e?.param === 'string' ? e.param : null);
}

const SAFE = new Set(['GET', 'HEAD']);

function headersFor(method: string, body: unknown): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined && !(body instanceof FormData)) h['content-type'] = 'application/json';
  if (credentials?.kind === 'api-key') h['x-api-key'] = credentials.key;
  else if (credentials?.kind === 'session' && !SAFE.has(method)) h['x-csrf-token'] = credentials.csrf;
  return h;
}

async function send(method: string, path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method,
    headers: headersFor(method, body),
    credentials: 'same-origin',
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
}

/** One API call; resolves with the parsed JSON body, rejects with an ApiError. */
export async function api<T = any>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body);
  // A session's CSRF token is bound to its cookie; one refusal may mean the session was renewed meanwhile.
  if (response.status === 403 && credentials?.kind === 'session' && refreshCsrf) {
    const peek = (await response.clone().json().catch(() => null)) as { error?: { param?: string } } | null;
    if (peek?.error?.param === 'X-CSRF-Token') {
      const token = await refreshCsrf();
      if (token) {
        credentials = { kind: 'session', csrf: token };
        response = await send(method, path, body);
      }
    }
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.status === 401) onSignedOut?.();
  if (!response.ok) throw errorOf(response.status, json);
  return json as T;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return 'Orator could not be reached. Check the connection and try again.';
  return err instanceof Error ? err.message : String(err);
}
