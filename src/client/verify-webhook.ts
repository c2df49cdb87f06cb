// Verifies a webhook delivery on the receiving side, from the raw body as it arrived (re-serialised JSON
// would not match). Two schemes, as Orator sends both at once:
// - Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64> …]`,
//   HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed with the base64 after `whsec_`; the timestamp must be
//   recent (default ±5 min) so a captured delivery cannot be replayed later.
// - HeyGen's: hex HMAC-SHA256 of the body keyed with the secret string, in `Signature` or
//   `X-HeyGen-Signature`. It carries no timestamp, so it is used only when no Standard headers came.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** `auto` (default): Standard Webhooks when its headers are present, else HeyGen's hex signature. */
  scheme?: 'auto' | 'standard' | 'heygen';
  /** Largest accepted clock difference for Standard Webhooks (default 300 s). */
  toleranceSec?: number;
  now?: () => number;
  /** HeyGen-style header names to look in (default Signature, X-HeyGen-Signature). */
  signatureHeaders?: string[];
}

export interface VerifiedWebhook<E = WebhookEvent> {
  scheme: 'standard' | 'heygen';
  /** The `webhook-id` (the same on every redelivery: deduplicate on it), when sent. */
  id: string | null;
  event: E;
}

/** HeyGen's delivery body: `{event_type, event_data: {video_id, url, …}}`. */
export interface WebhookEvent {
  event_type: string;
  event_data: Record<string, unknown>;
  [field: string]: unknown;
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function standardKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

function verifyStandard(headers: WebhookHeaders, body: Buffer, secret: string, options: VerifyWebhookOptions): string {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not Unix seconds');
  const nowSec = (options.now ?? Date.now)() / 1000;
  const tolerance = options.toleranceSec ?? 300;
  if (Math.abs(nowSec - seconds) > tolerance) throw new WebhookVerificationError(`webhook-timestamp is more than ${tolerance} s from now (a replay, or a skewed clock)`);
  const expected = createHmac('sha256', standardKey(secret)).update(`${id}.${timestamp}.`).update(body).digest();
  const match = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    return version === 'v1' && value !== undefined && sameBytes(Buffer.from(value, 'base64'), expected);
  });
  if (!match) throw new WebhookVerificationError('No webhook-signature matches this body and secret');
  return id;
}

function verifyHeyGen(headers: WebhookHeaders, body: Buffer, secret: string, names: string[]): void {
  const sent = names.map((n) => header(headers, n)).find((v) => v !== undefined);
  if (!sent) throw new WebhookVerificationError(`Missing signature header (looked for ${names.join(', ')})`);
  const expected = createHmac('sha256', secret).update(body).digest();
  if (!/^[0-9a-f]+$/i.test(sent.trim()) || !sameBytes(Buffer.from(sent.trim(), 'hex'), expected)) {
    throw new WebhookVerificationError('The signature does not match this body and secret');
  }
}

/**
 * Checks a delivery and returns its parsed body; throws WebhookVerificationError when it is not signed by
 * `secret` (or by any of several secrets during a rotation: pass them as an array).
 */
export function verifyWebhook<E = WebhookEvent>(headers: WebhookHeaders, body: string | Uint8Array, secret: string | string[], options: VerifyWebhookOptions = {}): VerifiedWebhook<E> {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const secrets = [secret].flat();
  if (secrets.length === 0 || secrets.some((s) => s === '')) throw new WebhookVerificationError('No secret to verify with');
  const names = options.signatureHeaders ?? ['Signature', 'X-HeyGen-Signature'];
  const scheme = options.scheme ?? 'auto';
  const useStandard = scheme === 'standard' || (scheme === 'auto' && header(headers, 'webhook-signature') !== undefined);
  let id: string | null = header(headers, 'webhook-id') ?? null;
  let failure: unknown;
  for (const s of secrets) {
    try {
      if (useStandard) id = verifyStandard(headers, raw, s, options);
      else verifyHeyGen(headers, raw, s, names);
      failure = undefined;
      break;
    } catch (error) {
      failure = error;
    }
  }
  if (failure) throw failure;
  let event: E;
  try {
    event = JSON.parse(raw.toString('utf8')) as E;
  } catch {
    throw new WebhookVerificationError('The body is signed but is not JSON');
  }
  return { scheme: useStandard ? 'standard' : 'heygen', id, event };
}
