// Webhook management use cases (v1 and v3 routes share them), always scoped to the caller's space:
// another space's endpoint or event is simply not found. Each job lives in its own module; this
// assembles them into the one object the routes receive.
import { createEndpointCrud } from './webhook-endpoint-crud.js';
import { createWebhookHistory } from './webhook-history.js';
import { redeliverWebhookEvent } from './redeliver-webhook-event.js';
import { rotateWebhookSecret } from './rotate-webhook-secret.js';
import { sendTestEvent } from './send-test-event.js';
import type { WebhookServiceDeps } from './webhook-service-deps.js';

export function createWebhookService(deps: WebhookServiceDeps) {
  return {
    ...createEndpointCrud(deps),
    ...createWebhookHistory(deps),
    rotateSecret: (spaceId: string, endpointId: string) => rotateWebhookSecret(deps, spaceId, endpointId),
    redeliver: (spaceId: string, eventId: string, endpointId?: string) => redeliverWebhookEvent(deps, spaceId, eventId, endpointId),
    /** A signed `webhook.test` POST sent now, outside the outbox and the event history. */
    testEndpoint: (spaceId: string, endpointId: string) => sendTestEvent(deps, spaceId, endpointId),
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
