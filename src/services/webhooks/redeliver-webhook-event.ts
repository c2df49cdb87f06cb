// Sends an event again under its original event id, through the outbox (new deliveries and their jobs
// in one transaction), so a redelivery is logged and retried like the first one.
import { OratorError } from '../../domain/errors.js';
import { endpointWants, type WebhookEventRecord } from '../../domain/webhook.js';
import { enqueueDelivery } from './webhook-outbox.js';
import { mustFindEndpoint, type WebhookServiceDeps } from './webhook-service-deps.js';

type Target = { endpointId: string | null; url: string; signed: boolean };

/** Every enabled endpoint subscribed now, plus the callback_url the event first went to. */
async function currentTargets(deps: WebhookServiceDeps, spaceId: string, event: WebhookEventRecord): Promise<Target[]> {
  const targets: Target[] = [];
  for (const e of await deps.store.listEnabledEndpoints(spaceId)) if (endpointWants(e, event)) targets.push({ endpointId: e.endpointId, url: e.url, signed: true });
  const earlier = await deps.store.listDeliveries(spaceId, { eventId: event.eventId }, 1000);
  const callback = earlier.find((d) => d.endpointId === null);
  if (callback) targets.push({ endpointId: null, url: callback.url, signed: false });
  return targets;
}

/** To one endpoint when named (it must be enabled), otherwise to every current target. */
export async function redeliverWebhookEvent(deps: WebhookServiceDeps, spaceId: string, eventId: string, endpointId?: string): Promise<{ event_id: string; delivery_ids: string[] }> {
  const event = await deps.store.findEvent(spaceId, eventId);
  if (!event) throw new OratorError('webhook_not_found', `Webhook event ${eventId} not found`, { param: 'event_id' });
  let targets: Target[];
  if (endpointId) {
    const e = await mustFindEndpoint(deps, spaceId, endpointId);
    if (e.status !== 'enabled') throw new OratorError('invalid_parameter', `Webhook endpoint ${endpointId} is disabled`, { param: 'endpoint_id' });
    targets = [{ endpointId: e.endpointId, url: e.url, signed: true }];
  } else {
    targets = await currentTargets(deps, spaceId, event);
  }
  const now = deps.clock.now();
  const ids = await deps.uow.transaction(async (tx) => {
    const out: string[] = [];
    for (const t of targets) out.push((await enqueueDelivery(tx, event, t, now)).id);
    return out;
  });
  return { event_id: eventId, delivery_ids: ids };
}
