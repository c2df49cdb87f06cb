// Creating, listing, updating and deleting webhook endpoints. URLs are checked (scheme, SSRF) on the
// way in; deleting an endpoint stops its pending deliveries in the same transaction.
import { randomBytes } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import type { WebhookEndpointRecord } from '../../domain/webhook.js';
import { generateWebhookSecret } from '../../domain/webhook-signature.js';
import { isWebhookEventType, type WebhookEventType } from '../../domain/webhook-events.js';
import { endpointNotFound, mustFindEndpoint, type WebhookServiceDeps } from './webhook-service-deps.js';
import { endpointView, optionalPageToken, page, type EndpointView, type Page } from './webhook-views.js';

/** Unknown names are a 400 naming the first one; an empty list or null means every event. */
export function parseEventFilter(events: string[] | null | undefined): WebhookEventType[] | null {
  if (events === undefined || events === null || events.length === 0) return null;
  for (const name of events) {
    if (!isWebhookEventType(name)) throw new OratorError('invalid_parameter', `events contains an unknown event type: ${name}`, { param: 'events' });
  }
  return [...new Set(events)] as WebhookEventType[];
}

export function createEndpointCrud(deps: WebhookServiceDeps) {
  return {
    async createEndpoint(spaceId: string, input: { url: string; events?: string[] | null; entity_id?: string | null }): Promise<EndpointView> {
      await deps.checkUrl(input.url, 'url');
      const events = parseEventFilter(input.events);
      const endpoint: WebhookEndpointRecord = {
        endpointId: randomBytes(16).toString('hex'),
        spaceId,
        url: input.url,
        events,
        secret: generateWebhookSecret(),
        previousSecret: null,
        previousSecretExpiresAt: null,
        status: 'enabled',
        disabledReason: null,
        entityId: input.entity_id ?? null,
        failingSince: null,
        createdAt: deps.clock.now(),
      };
      await deps.store.insertEndpoint(endpoint);
      return endpointView(endpoint, true);
    },

    async listEndpoints(spaceId: string, limit: number, token?: string): Promise<Page<EndpointView>> {
      const after = optionalPageToken(token);
      return page(limit, (n) => deps.store.listEndpoints(spaceId, n, after), (e) => ({ createdAt: e.createdAt, id: e.endpointId }), (rows) => rows.map((e) => endpointView(e)));
    },

    async listAllEndpoints(spaceId: string): Promise<EndpointView[]> {
      return (await deps.store.listEndpoints(spaceId, 10_000)).map((e) => endpointView(e));
    },

    /** Fields present replace the stored ones (events fully); absent or null url leaves it. */
    async updateEndpoint(spaceId: string, endpointId: string, patch: { url?: string | null; events?: string[] | null }): Promise<EndpointView> {
      await mustFindEndpoint(deps, spaceId, endpointId);
      const change: { url?: string; events?: WebhookEventType[] | null } = {};
      if (patch.url !== undefined && patch.url !== null) {
        await deps.checkUrl(patch.url, 'url');
        change.url = patch.url;
      }
      if (patch.events !== undefined) change.events = parseEventFilter(patch.events);
      if (!(await deps.store.updateEndpoint(spaceId, endpointId, change))) throw endpointNotFound(endpointId);
      return endpointView(await mustFindEndpoint(deps, spaceId, endpointId));
    },

    async deleteEndpoint(spaceId: string, endpointId: string): Promise<void> {
      await mustFindEndpoint(deps, spaceId, endpointId);
      await deps.uow.transaction(async (tx) => {
        if (!(await tx.webhooks.deleteEndpoint(spaceId, endpointId))) throw endpointNotFound(endpointId);
        await tx.webhooks.cancelPendingDeliveries(endpointId, 'endpoint deleted', deps.clock.now());
      });
    },
  };
}
