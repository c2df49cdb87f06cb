// WebhookSender over undici: one POST, no redirects (a 3xx is a failed attempt), a total timeout, and
// the SSRF guard on the connection itself so DNS cannot be rebound between check and connect.
import { request, type Dispatcher } from 'undici';
import { assertPublicUrlHost, BlockedAddressError, createGuardedDispatcher } from '../net/ssrf-guard.js';
import type { SendRequest, SendResult, WebhookSender } from '../services/webhook-ports.js';

export class HttpWebhookSender implements WebhookSender {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly opts: { allowPrivate: boolean; dispatcher?: Dispatcher }) {
    this.dispatcher = opts.dispatcher ?? createGuardedDispatcher({ allowPrivate: opts.allowPrivate });
  }

  async send(req: SendRequest): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      const url = new URL(req.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'error', error: `unsupported scheme ${url.protocol}`, durationMs: 0 };
      if (!this.opts.allowPrivate) assertPublicUrlHost(url);
      const res = await request(url, { method: 'POST', body: req.body, headers: req.headers, dispatcher: this.dispatcher, signal });
      // Only the status matters; read a little of the body so the connection can be reused.
      await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
      const ra = res.headers['retry-after'];
      return { kind: 'response', statusCode: res.statusCode, retryAfter: Array.isArray(ra) ? (ra[0] ?? null) : (ra ?? null), durationMs: elapsed() };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof BlockedAddressError ? err.cause : err;
      if (cause instanceof BlockedAddressError) return { kind: 'error', error: `refused: ${cause.message}`, durationMs: elapsed() };
      if (signal.aborted) return { kind: 'error', error: `timed out after ${req.timeoutMs} ms`, durationMs: elapsed() };
      return { kind: 'error', error: err instanceof Error ? err.message : String(err), durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
