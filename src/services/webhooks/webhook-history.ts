// What happened: the event types one can subscribe to, the events a space produced (newest first) and
// the delivery log (status, response code, timing and every attempt).
import { OratorError } from '../../domain/errors.js';
import type { DeliveryStatus, WebhookDeliveryRecord } from '../../domain/webhook.js';
import { isWebhookEventType, WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../domain/webhook-events.js';
import type { WebhookServiceDeps } from './webhook-service-deps.js';
import { deliveryViews, eventView, optionalPageToken, page, type DeliveryView, type EventView, type Page } from './webhook-views.js';

export function createWebhookHistory(deps: Pick<WebhookServiceDeps, 'store'>) {
  return {
    listEventTypes(): { event_type: WebhookEventType; description: string }[] {
      return WEBHOOK_EVENT_TYPES.map((t) => ({ event_type: t, description: WEBHOOK_EVENT_DESCRIPTIONS[t] }));
    },

    async listEvents(spaceId: string, q: { event_type?: string; entity_id?: string; limit: number; token?: string }): Promise<Page<EventView>> {
      if (q.event_type && !isWebhookEventType(q.event_type)) throw new OratorError('invalid_query_param', `event_type is not a known event type: ${q.event_type}`, { param: 'event_type' });
      const after = optionalPageToken(q.token);
      return page(
        q.limit,
        (n) => deps.store.listEvents(spaceId, { eventType: q.event_type, entityId: q.entity_id }, n, after),
        (e) => ({ createdAt: e.createdAt, id: e.eventId }),
        (rows) => rows.map(eventView),
      );
    },

    async listDeliveries(spaceId: string, q: { status?: DeliveryStatus; event_id?: string; endpoint_id?: string; limit: number; token?: string }): Promise<Page<DeliveryView>> {
      const after = optionalPageToken(q.token);
      const views = async (rows: WebhookDeliveryRecord[]) => deliveryViews(rows, await deps.store.listAttempts(rows.map((r) => r.id)));
      return page(
        q.limit,
        (n) => deps.store.listDeliveries(spaceId, { status: q.status, eventId: q.event_id, endpointId: q.endpoint_id }, n, after),
        (d) => ({ createdAt: d.createdAt, id: d.id }),
        views,
      );
    },
  };
}
