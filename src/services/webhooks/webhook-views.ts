// The shapes the webhook routes answer with (snake_case, ISO times) and the one-extra-row pagination
// they share. Secrets appear only where the caller just created or rotated one.
import type { DeliveryStatus, WebhookAttemptRecord, WebhookDeliveryRecord, WebhookEndpointRecord, WebhookEventRecord } from '../../domain/webhook.js';
import { decodePageToken, pageOf, type PageCursor } from '../page-token.js';

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

export const iso = (ms: number) => new Date(ms).toISOString();

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

/** Deliveries with their own attempts from `attempts` (one query for the page, not one per row). */
export function deliveryViews(rows: WebhookDeliveryRecord[], attempts: WebhookAttemptRecord[]): DeliveryView[] {
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

export function optionalPageToken(token: string | undefined): PageCursor | undefined {
  return token ? decodePageToken(token) : undefined;
}

/** Fetches one extra row to know whether another page exists without counting. */
export async function page<T, V>(limit: number, fetch: (n: number) => Promise<T[]>, cursor: (t: T) => PageCursor, view: (rows: T[]) => Promise<V[]> | V[]): Promise<Page<V>> {
  const { items, nextToken } = pageOf(await fetch(limit + 1), limit, cursor);
  return { data: await view(items), has_more: nextToken !== null, next_token: nextToken };
}
