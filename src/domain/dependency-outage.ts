// Tells a dependency outage (the database restarting, a connection cut, a pool that cannot connect, a
// SQLite file locked past its busy timeout, storage answering 5xx) from a bug, by the error's code or
// wording, so the API answers 503 + Retry-After instead of 500 and the job runner retries instead of
// failing the job. Pure: it reads the fields the drivers set, it imports none of them.
import { OratorError } from './errors.js';

/** What a client is told to wait before retrying while a dependency is down. */
export const OUTAGE_RETRY_AFTER_SEC = 5;

/** Socket-level failures (node:net, undici, the AWS SDK). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Postgres SQLSTATEs that mean "the server, not the statement": class 08 (connection exception),
 * 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections) and 57014
 * (statement_timeout: the server is too slow to answer in time).
 */
function isPgOutageState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '57014';
}

/** node-postgres and pg-pool report these as plain Errors without a code. */
const OUTAGE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /client has encountered a connection error/i,
  /connection is closed/i,
  /cannot use a pool after calling end/i,
];

function codeOf(err: object): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof OratorError) return err.kind === 'service_unavailable';
  const code = codeOf(err);
  if (code && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isPgOutageState(code)))) return true;
  // SQLite: another process held the write lock for longer than busy_timeout.
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_TIMEOUT') return true;
  const message = err instanceof Error ? err.message : '';
  if (OUTAGE_MESSAGES.some((re) => re.test(message))) return true;
  // Node's happy-eyeballs connect wraps one error per address; the SDKs wrap the socket error as a cause.
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.some((e) => isConnectionFailure(e, depth + 1))) return true;
  return isConnectionFailure((err as { cause?: unknown }).cause, depth + 1);
}

/** The API's answer while a dependency is down. */
export function serviceUnavailable(cause: unknown, retryAfterSec = OUTAGE_RETRY_AFTER_SEC): OratorError {
  return new OratorError('service_unavailable', `The service is temporarily unavailable; retry after ${retryAfterSec} seconds`, {
    transient: true,
    retryAfterSec,
    cause,
  });
}

/**
 * Runs `op`, retrying while it fails because a dependency is unreachable (backoff from 250 ms, doubling
 * up to `maxDelayMs`) until `waitMs` has passed or `stop()` says to give up; any other failure, or the
 * last outage failure, is thrown as it came.
 */
export async function retryWhileUnreachable<T>(
  op: () => Promise<T>,
  options: { waitMs: number; maxDelayMs: number; stop?: () => boolean; onRetry?: (delayMs: number) => void },
): Promise<T> {
  const deadline = Date.now() + options.waitMs;
  for (let delay = 250; ; delay = Math.min(options.maxDelayMs, delay * 2)) {
    try {
      return await op();
    } catch (err) {
      if (!isConnectionFailure(err) || options.stop?.() || Date.now() + delay > deadline) throw err;
      options.onRetry?.(delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
