// WebhookSender over undici: one POST, no redirects (a 3xx is a failed attempt), a total timeout, and
// the SSRF guard on the connection itself so DNS cannot be rebound between check and connect. A refused
// address is a permanent failure: it is checked again on every attempt, so retrying would only repeat it.
import { request, type Dispatcher } from 'undici';
import { hasControlCharacters } from '../net/public-address.js';
import { assertPublicUrlHost, BlockedAddressError, createGuardedDispatcher } from '../net/ssrf-guard.js';
import type { SendRequest, SendResult, WebhookSender } from '../services/webhooks/webhook-ports.js';

export class HttpWebhookSender implements WebhookSender {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly opts: { allowPrivate: boolean; dispatcher?: Dispatcher }) {
    this.dispatcher = opts.dispatcher ?? createGuardedDispatcher({ allowPrivate: opts.allowPrivate });
  }

  async send(req: SendRequest): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const never = (error: string): SendResult => ({ kind: 'error', error, durationMs: elapsed(), permanent: true });
    let url: URL;
    try {
      // Rows stored before URLs were checked for control characters are refused here too.
      if (hasControlCharacters(req.url)) return never('the URL contains control characters');
      url = new URL(req.url);
    } catch {
      return never('not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return never(`unsupported scheme ${url.protocol}`);
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      if (!this.opts.allowPrivate) assertPublicUrlHost(url);
      const res = await request(url, { method: 'POST', body: req.body, headers: req.headers, dispatcher: this.dispatcher, signal });
      // Only the status matters; read a little of the body so the connection can be reused.
      await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
      const ra = res.headers['retry-after'];
      return { kind: 'response', statusCode: res.statusCode, retryAfter: Array.isArray(ra) ? (ra[0] ?? null) : (ra ?? null), durationMs: elapsed() };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof BlockedAddressError ? err.cause : err;
      if (cause instanceof BlockedAddressError) return never(`refused: ${cause.message} (private, loopback or otherwise not reachable from this server)`);
      if (signal.aborted) return { kind: 'error', error: `timed out after ${req.timeoutMs} ms`, durationMs: elapsed() };
      return { kind: 'error', error: err instanceof Error ? err.message : String(err), durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
