// The one place the remote translators make HTTP calls: JSON in and out, a time limit, and failures as
// typed errors (an unreachable or overloaded endpoint is transient, so the job is retried later). The
// endpoint is the operator's own setting, not a client's URL, so no SSRF guard applies.
import { OratorError } from '../../domain/errors.js';

const TIMEOUT_MS = 120_000;

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Which service failed, without the operator's key or any query string. */
function endpointName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the translation endpoint';
  }
}

export async function fetchJson(request: JsonRequest): Promise<unknown> {
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(request.signal ? [request.signal] : [])];
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    request.signal?.throwIfAborted();
    throw new OratorError('service_unavailable', `The translation service at ${endpointName(request.url)} could not be reached: ${(error as Error).message}`, { transient: true, cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    const transient = response.status === 429 || response.status >= 500;
    throw new OratorError(transient ? 'service_unavailable' : 'render_failed', `The translation service at ${endpointName(request.url)} answered ${response.status}: ${text.slice(0, 300)}`, { transient });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OratorError('render_failed', `The translation service at ${endpointName(request.url)} answered with something that is not JSON: ${text.slice(0, 200)}`);
  }
}
