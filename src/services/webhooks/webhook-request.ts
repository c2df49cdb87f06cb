// What every webhook POST carries and how its answer is read, shared by deliveries and test events so
// the two can never drift apart: the same headers (the event id as `webhook-id`, signatures when signed)
// and the same rule that only a 2xx status is a success.
import { signWebhook } from '../../domain/webhook-signature.js';
import type { SendResult } from './webhook-ports.js';

export const WEBHOOK_USER_AGENT = 'Orator-Webhooks/1.0';

/**
 * Headers of one attempt. `id` is the message id on every attempt and redelivery, so receivers can
 * deduplicate; `secrets` (newest first) signs it, null sends it unsigned (per-request callbacks).
 */
export function webhookHeaders(input: { id: string; body: string; nowMs: number; secrets: string[] | null }): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT, 'webhook-id': input.id };
  if (!input.secrets) return headers;
  return { ...headers, ...signWebhook({ id: input.id, timestamp: Math.floor(input.nowMs / 1000), body: input.body, secrets: input.secrets }) };
}

export function isSuccessStatus(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 300;
}

/** The attempt as the delivery log records it: the status code (null without an answer) and an error unless 2xx. */
export function describeSendResult(result: SendResult): { code: number | null; error: string | null } {
  if (result.kind === 'error') return { code: null, error: result.error };
  return { code: result.statusCode, error: isSuccessStatus(result.statusCode) ? null : `HTTP ${result.statusCode}` };
}
