// Signs a delivery two ways at once, so both kinds of receiver can verify it:
// - Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: "v1,<base64>"), HMAC-SHA256 over
//   `${id}.${timestamp}.${body}` keyed with the base64 part of a `whsec_…` secret. During a rotation grace
//   period every live secret signs, space-separated, as the scheme allows.
// - HeyGen's de-facto header: hex HMAC-SHA256 of the raw body keyed with the secret string, sent as
//   `Signature` and `X-HeyGen-Signature` (API-SURFACE.md §5.3; header names are configurable).
import { createHmac, randomBytes } from 'node:crypto';

export interface SignInput {
  /** Event id; stays the same across retries so receivers can deduplicate. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  body: string;
  /** Newest secret first; older ones are still inside their rotation grace period. */
  secrets: string[];
  /** Header names for the HeyGen-style hex signature. */
  legacyHeaders?: string[];
}

export const DEFAULT_LEGACY_SIGNATURE_HEADERS = ['Signature', 'X-HeyGen-Signature'];

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function secretKeyBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKeyBytes(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function legacyHexSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function signWebhook(input: SignInput): Record<string, string> {
  if (input.secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  const headers: Record<string, string> = {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': input.secrets.map((s) => standardSignature(s, input.id, input.timestamp, input.body)).join(' '),
  };
  const hex = legacyHexSignature(input.secrets[0]!, input.body);
  for (const name of input.legacyHeaders ?? DEFAULT_LEGACY_SIGNATURE_HEADERS) headers[name] = hex;
  return headers;
}
