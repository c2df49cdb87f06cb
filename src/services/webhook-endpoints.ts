// Webhook management use cases (v1 and v3 routes share them), always scoped to the caller's space:
// another space's endpoint or event is simply not found.
import { randomBytes } from 'node:crypto';
import { OratorError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { endpointWants, liveSecrets, type DeliveryStatus, type WebhookDeliveryRecord, type WebhookEndpointRecord, type WebhookEventRecord } from '../domain/webhook.js';
import { generateWebhookSecret, signWebhook } from '../domain/webhook-signature.js';
import { isWebhookEventType, WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook-events.js';
import { enqueueDelivery } from './webhook-outbox.js';
import type { Clock, UnitOfWork } from './ports.js';
import type { WebhookSender, WebhookStore, WebhookUrlCheck } from './webhook-ports.js';
import { decodePageToken, pageOf, type PageCursor } from './page-token.js';

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

export interface EndpointView {
  endpoint_id: string;
  url: string;
  events: string[] | null;
  status: string;
  created_at: string;
  /** Only on create and rotate-secret. */
  secret: string | null;
  entity_id: string | null;
  disabled_reason: string | null;
}

export interface EventView {
  event_id: string;
  event_type: string;
  event_data: Record<string, unknown>;
  entity_id: string | null;
  created_at: string;
}

export interface AttemptView {
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: string;
}

export interface DeliveryView {
  delivery_id: string;
  event_id: string;
  endpoint_id: string | null;
  url: string;
  signed: boolean;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: string;
  updated_at: string;
  attempt_log: AttemptView[];
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

export interface TestDeliveryView {
  endpoint_id: string;
  succeeded: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function endpointView(e: WebhookEndpointRecord, withSecret = false): EndpointView {
  return {
    endpoint_id: e.endpointId,
    url: e.url,
    events: e.events,
    status: e.status,
    created_at: iso(e.createdAt),
    secret: withSecret ? e.secret : null,
    entity_id: e.entityId,
    disabled_reason: e.disabledReason,
  };
}

export function eventView(e: WebhookEventRecord): EventView {
  return { event_id: e.eventId, event_type: e.eventType, event_data: e.eventData, entity_id: e.entityId, created_at: iso(e.createdAt) };
}

function optionalPageToken(token: string | undefined): PageCursor | undefined {
  return token ? decodePageToken(token) : undefined;
}

/** Fetches one extra row to know whether another page exists without counting. */
async function page<T, V>(limit: number, fetch: (n: number) => Promise<T[]>, cursor: (t: T) => PageCursor, view: (rows: T[]) => Promise<V[]> | V[]): Promise<Page<V>> {
  const { items, nextToken } = pageOf(await fetch(limit + 1), limit, cursor);
  return { data: await view(items), has_more: nextToken !== null, next_token: nextToken };
}

/** Unknown names are a 400 naming the first one; an empty list or null means every event. */
export function parseEventFilter(events: string[] | null | undefined): WebhookEventType[] | null {
  if (events === undefined || events === null || events.length === 0) return null;
  for (const name of events) {
    if (!isWebhookEventType(name)) throw new OratorError('invalid_parameter', `events contains an unknown event type: ${name}`, { param: 'events' });
  }
  return [...new Set(events)] as WebhookEventType[];
}

export function createWebhookService(deps: WebhookServiceDeps) {
  const graceMs = deps.rotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS;

  async function mustFindEndpoint(spaceId: string, endpointId: string): Promise<WebhookEndpointRecord> {
    const e = await deps.store.findEndpoint(spaceId, endpointId);
    if (!e) throw new OratorError('webhook_not_found', `Webhook endpoint ${endpointId} not found`, { param: 'endpoint_id' });
    return e;
  }

  async function deliveryViews(rows: WebhookDeliveryRecord[]): Promise<DeliveryView[]> {
    const attempts = await deps.store.listAttempts(rows.map((r) => r.id));
    return rows.map((d) => ({
      delivery_id: d.id,
      event_id: d.eventId,
      endpoint_id: d.endpointId,
      url: d.url,
      signed: d.signed,
      status: d.status,
      attempts: d.attempts,
      next_attempt_at: d.status === 'pending' && d.nextAttemptAt !== null ? iso(d.nextAttemptAt) : null,
      last_status_code: d.lastStatusCode,
      last_error: d.lastError,
      last_duration_ms: d.lastDurationMs,
      created_at: iso(d.createdAt),
      updated_at: iso(d.updatedAt),
      attempt_log: attempts
        .filter((a) => a.deliveryId === d.id)
        .map((a) => ({ attempt: a.attempt, status_code: a.statusCode, error: a.error, duration_ms: a.durationMs, created_at: iso(a.createdAt) })),
    }));
  }

  return {
    listEventTypes(): { event_type: WebhookEventType; description: string }[] {
      return WEBHOOK_EVENT_TYPES.map((t) => ({ event_type: t, description: WEBHOOK_EVENT_DESCRIPTIONS[t] }));
    },

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
      await mustFindEndpoint(spaceId, endpointId);
      const change: { url?: string; events?: WebhookEventType[] | null } = {};
      if (patch.url !== undefined && patch.url !== null) {
        await deps.checkUrl(patch.url, 'url');
        change.url = patch.url;
      }
      if (patch.events !== undefined) change.events = parseEventFilter(patch.events);
      if (!(await deps.store.updateEndpoint(spaceId, endpointId, change))) throw new OratorError('webhook_not_found', `Webhook endpoint ${endpointId} not found`, { param: 'endpoint_id' });
      return endpointView(await mustFindEndpoint(spaceId, endpointId));
    },

    async deleteEndpoint(spaceId: string, endpointId: string): Promise<void> {
      await mustFindEndpoint(spaceId, endpointId);
      await deps.uow.transaction(async (tx) => {
        if (!(await tx.webhooks.deleteEndpoint(spaceId, endpointId))) throw new OratorError('webhook_not_found', `Webhook endpoint ${endpointId} not found`, { param: 'endpoint_id' });
        await tx.webhooks.cancelPendingDeliveries(endpointId, 'endpoint deleted', deps.clock.now());
      });
    },

    async rotateSecret(spaceId: string, endpointId: string): Promise<{ endpoint_id: string; secret: string }> {
      const e = await mustFindEndpoint(spaceId, endpointId);
      const secret = generateWebhookSecret();
      if (!(await deps.store.rotateSecret(spaceId, endpointId, e.secret, secret, deps.clock.now() + graceMs))) {
        throw new OratorError('request_in_progress', 'The secret was rotated concurrently; retry', { param: 'endpoint_id' });
      }
      return { endpoint_id: endpointId, secret };
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
      return page(
        q.limit,
        (n) => deps.store.listDeliveries(spaceId, { status: q.status, eventId: q.event_id, endpointId: q.endpoint_id }, n, after),
        (d) => ({ createdAt: d.createdAt, id: d.id }),
        deliveryViews,
      );
    },

    /**
     * Sends an event again under its original event id: to one endpoint when named, otherwise to every
     * enabled endpoint subscribed now and to the callback_url it first went to.
     */
    async redeliver(spaceId: string, eventId: string, endpointId?: string): Promise<{ event_id: string; delivery_ids: string[] }> {
      const event = await deps.store.findEvent(spaceId, eventId);
      if (!event) throw new OratorError('webhook_not_found', `Webhook event ${eventId} not found`, { param: 'event_id' });
      const targets: { endpointId: string | null; url: string; signed: boolean }[] = [];
      if (endpointId) {
        const e = await mustFindEndpoint(spaceId, endpointId);
        if (e.status !== 'enabled') throw new OratorError('invalid_parameter', `Webhook endpoint ${endpointId} is disabled`, { param: 'endpoint_id' });
        targets.push({ endpointId: e.endpointId, url: e.url, signed: true });
      } else {
        for (const e of await deps.store.listEnabledEndpoints(spaceId)) if (endpointWants(e, event)) targets.push({ endpointId: e.endpointId, url: e.url, signed: true });
        const earlier = await deps.store.listDeliveries(spaceId, { eventId }, 1000);
        const callback = earlier.find((d) => d.endpointId === null);
        if (callback) targets.push({ endpointId: null, url: callback.url, signed: false });
      }
      const now = deps.clock.now();
      const ids = await deps.uow.transaction(async (tx) => {
        const out: string[] = [];
        for (const t of targets) out.push((await enqueueDelivery(tx, event, t, now)).id);
        return out;
      });
      return { event_id: eventId, delivery_ids: ids };
    },

    /** A signed `webhook.test` POST sent now, outside the outbox and the event history. */
    async testEndpoint(spaceId: string, endpointId: string): Promise<TestDeliveryView> {
      const e = await mustFindEndpoint(spaceId, endpointId);
      const now = deps.clock.now();
      const id = newId('evt_test');
      const body = JSON.stringify({ event_type: 'webhook.test', event: 'webhook.test', event_data: { endpoint_id: endpointId, sent_at: iso(now) } });
      const headers = { 'content-type': 'application/json', 'user-agent': 'Orator-Webhooks/1.0', ...signWebhook({ id, timestamp: Math.floor(now / 1000), body, secrets: liveSecrets(e, now) }) };
      const r = await deps.sender.send({ url: e.url, body, headers, timeoutMs: deps.timeoutMs });
      if (r.kind === 'error') return { endpoint_id: endpointId, succeeded: false, status_code: null, error: r.error, duration_ms: r.durationMs };
      const ok = r.statusCode >= 200 && r.statusCode < 300;
      return { endpoint_id: endpointId, succeeded: ok, status_code: r.statusCode, error: ok ? null : `HTTP ${r.statusCode}`, duration_ms: r.durationMs };
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
