// What the webhook management use cases share: their ports, and the rule that an endpoint is looked up
// in the caller's space only (another space's endpoint is simply not found).
import { OratorError } from '../../domain/errors.js';
import type { WebhookEndpointRecord } from '../../domain/webhook.js';
import type { Clock, UnitOfWork } from '../ports.js';
import type { WebhookSender, WebhookStore, WebhookUrlCheck } from './webhook-ports.js';

/** How long the secret before a rotation keeps signing, so receivers can roll over without dropping events. */
export const DEFAULT_ROTATION_GRACE_MS = 24 * 3600 * 1000;

export interface WebhookServiceDeps {
  store: WebhookStore;
  uow: UnitOfWork;
  sender: WebhookSender;
  clock: Clock;
  checkUrl: WebhookUrlCheck;
  rotationGraceMs?: number;
  timeoutMs: number;
}

export function endpointNotFound(endpointId: string): OratorError {
  return new OratorError('webhook_not_found', `Webhook endpoint ${endpointId} not found`, { param: 'endpoint_id' });
}

export async function mustFindEndpoint(deps: Pick<WebhookServiceDeps, 'store'>, spaceId: string, endpointId: string): Promise<WebhookEndpointRecord> {
  const e = await deps.store.findEndpoint(spaceId, endpointId);
  if (!e) throw endpointNotFound(endpointId);
  return e;
}
