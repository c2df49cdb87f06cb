// A signed `webhook.test` POST sent now, outside the outbox and the event history, answered with what
// the receiver said. Headers and the success rule are the deliveries' own (webhook-request.ts).
import { newId } from '../../domain/ids.js';
import { liveSecrets } from '../../domain/webhook.js';
import { mustFindEndpoint, type WebhookServiceDeps } from './webhook-service-deps.js';
import { describeSendResult, webhookHeaders } from './webhook-request.js';
import { iso, type TestDeliveryView } from './webhook-views.js';

export async function sendTestEvent(deps: WebhookServiceDeps, spaceId: string, endpointId: string): Promise<TestDeliveryView> {
  const e = await mustFindEndpoint(deps, spaceId, endpointId);
  const now = deps.clock.now();
  const id = newId('evt_test');
  const body = JSON.stringify({ event_type: 'webhook.test', event: 'webhook.test', event_data: { endpoint_id: endpointId, sent_at: iso(now) } });
  const headers = webhookHeaders({ id, body, nowMs: now, secrets: liveSecrets(e, now) });
  const r = await deps.sender.send({ url: e.url, body, headers, timeoutMs: deps.timeoutMs });
  const { code, error } = describeSendResult(r);
  return { endpoint_id: endpointId, succeeded: code !== null && error === null, status_code: code, error, duration_ms: r.durationMs };
}
