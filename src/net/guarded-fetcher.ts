// MediaFetcher for the render engine: http(s) only, SSRF guard on every hop, at most 3 redirects,
// a size cap and a timeout. Every failure is OratorError('download_failed', "Failed to download <url>: …").
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';
import { OratorError } from '../domain/errors.js';
import type { MediaFetcher } from '../domain/render-plan.js';
import { assertPublicUrlHost, BlockedAddressError, createGuardedDispatcher } from './ssrf-guard.js';

export interface GuardedFetcherOptions {
  allowPrivate: boolean;
  maxRedirects?: number;
  /** Videos and audio (HeyGen: ≤ 100 MB). */
  maxBytes?: number;
  /** Images (HeyGen: ≤ 50 MB). */
  maxImageBytes?: number;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

export class GuardedFetcher implements MediaFetcher {
  private readonly dispatcher: Dispatcher;
  private readonly maxRedirects: number;
  private readonly maxBytes: number;
  private readonly maxImageBytes: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: GuardedFetcherOptions) {
    this.dispatcher = opts.dispatcher ?? createGuardedDispatcher({ allowPrivate: opts.allowPrivate });
    this.maxRedirects = opts.maxRedirects ?? 3;
    this.maxBytes = opts.maxBytes ?? 100 * 1024 * 1024;
    this.maxImageBytes = opts.maxImageBytes ?? 50 * 1024 * 1024;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
  }

  async fetchToFile(url: string, destPath: string): Promise<void> {
    const fail = (why: string, cause?: unknown) => new OratorError('download_failed', `Failed to download ${url}: ${why}`, { cause });
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new OratorError('invalid_url', `not a valid URL: ${url}`);
    }
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      for (let hop = 0; ; hop++) {
        if (current.protocol !== 'http:' && current.protocol !== 'https:') throw fail(`unsupported scheme ${current.protocol}`);
        if (!this.opts.allowPrivate) assertPublicUrlHost(current);
        const res = await request(current, { method: 'GET', dispatcher: this.dispatcher, signal, headers: { 'user-agent': 'orator-media-fetcher' } });
        if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
          await res.body.dump();
          if (hop >= this.maxRedirects) throw fail(`more than ${this.maxRedirects} redirects`);
          current = new URL(String(res.headers.location), current);
          continue;
        }
        if (res.statusCode !== 200) {
          await res.body.dump();
          throw fail(`HTTP ${res.statusCode}`);
        }
        const type = String(res.headers['content-type'] ?? '');
        const cap = type.startsWith('image/') ? this.maxImageBytes : this.maxBytes;
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > cap) {
          await res.body.dump();
          throw fail(`file is larger than ${cap} bytes`);
        }
        let seen = 0;
        const limiter = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            seen += chunk.length;
            cb(seen > cap ? fail(`file is larger than ${cap} bytes`) : null, chunk);
          },
        });
        await pipeline(res.body, limiter, fs.createWriteStream(destPath));
        return;
      }
    } catch (err) {
      await fsp.rm(destPath, { force: true }).catch(() => {});
      if (err instanceof OratorError) throw err;
      const cause = err instanceof Error && err.cause instanceof BlockedAddressError ? err.cause : err;
      if (cause instanceof BlockedAddressError) throw fail('the address is private or not reachable from this server', cause);
      if (signal.aborted) throw fail(`timed out after ${this.timeoutMs} ms`, err);
      throw fail(err instanceof Error ? err.message : String(err), err);
    }
  }
}
