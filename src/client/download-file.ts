// Streams a result file to disk through `<path>.part`, renamed into place only when whole. A broken
// transfer resumes where it stopped with `Range: bytes=<have>-` when the server answers 206 from exactly
// that offset (Orator's /files and S3 do); a server that ignores the range (200) starts the file over.
// Every attempt asks for a fresh URL first: signed links expire, and a resumed download may come later.
// No credential goes with these requests: the signature is the credential, and the host may be a CDN.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConnectionError } from './api-errors.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from './retrying-fetch.js';

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  /** Attempts in all, resumptions included (default 5). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  attempts: number;
  /** True when some attempt continued a partial file instead of starting over. */
  resumed: boolean;
}

export interface DownloadDeps {
  /** The file's current URL (a fresh signature each call). */
  freshUrl(): Promise<string>;
  fetch(request: Request): Promise<Response>;
  sleep(ms: number): Promise<void>;
  errorOf(response: Response): Promise<Error>;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).size;
  } catch {
    return 0;
  }
}

// `bytes 100-199/1000` → {start 100, total 1000}; `bytes */1000` (an unsatisfiable range) → {start null, total 1000}.
export function parseContentRange(value: string | null): { start: number | null; total: number | null } | undefined {
  const m = value ? /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { start: m[1] === undefined ? null : Number(m[1]), total: m[2] === '*' ? null : Number(m[2]) };
}

/** `appended`: this attempt continued the partial file from where it was (a 206 at its size). */
type Attempt = { kind: 'done'; bytes: number; appended: boolean } | { kind: 'again'; appended: boolean; error?: unknown };

async function attemptOnce(deps: DownloadDeps, part: string, options: DownloadOptions): Promise<Attempt> {
  const have = await sizeOf(part);
  const url = await deps.freshUrl();
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  let response: Response;
  try {
    response = await deps.fetch(new Request(url, { headers, ...(options.signal ? { signal: options.signal } : {}) }));
  } catch (error) {
    return { kind: 'again', appended: false, error };
  }
  if (response.status === 416 && have > 0) {
    // Asked past the end: the part is either whole already or longer than the file; judge by the total.
    const range = parseContentRange(response.headers.get('content-range'));
    if (range?.total === have) return { kind: 'done', bytes: have, appended: true };
    await fsp.rm(part, { force: true });
    return { kind: 'again', appended: false };
  }
  if (response.status >= 500) return { kind: 'again', appended: false, error: await deps.errorOf(response) };
  if (!response.ok || !response.body) throw await deps.errorOf(response);
  const range = response.status === 206 ? parseContentRange(response.headers.get('content-range')) : undefined;
  const append = response.status === 206 && range?.start === have;
  if (response.status === 206 && !append) {
    await response.body.cancel();
    await fsp.rm(part, { force: true });
    return { kind: 'again', appended: false };
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = append ? (range?.total ?? null) : Number.isFinite(length) ? length : null;
  let received = append ? have : 0;
  const count = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      received += chunk.length;
      options.onProgress?.({ receivedBytes: received, totalBytes: total });
      yield chunk;
    }
  };
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), count, fs.createWriteStream(part, { flags: append ? 'a' : 'w' }));
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    return { kind: 'again', appended: append, error };
  }
  const size = await sizeOf(part);
  if (total !== null && size < total) return { kind: 'again', appended: append };
  return { kind: 'done', bytes: size, appended: append };
}

export async function downloadToFile(deps: DownloadDeps, target: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const part = `${target}.part`;
  const maxAttempts = options.maxAttempts ?? 5;
  let resumed = false;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await deps.sleep(backoffDelay(attempt - 2, DEFAULT_RETRY_POLICY));
    const outcome = await attemptOnce(deps, part, options);
    resumed ||= outcome.appended;
    if (outcome.kind === 'done') {
      await fsp.rename(part, target);
      return { path: target, bytes: outcome.bytes, attempts: attempt, resumed };
    }
    lastError = outcome.error ?? lastError;
  }
  const why = lastError instanceof Error ? lastError.message : 'the transfer kept ending early';
  throw new ConnectionError(`Download of ${target} failed after ${maxAttempts} attempts: ${why} (the partial file ${part} is kept; call download again to resume)`, { cause: lastError });
}
