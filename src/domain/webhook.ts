// Webhook endpoints, events and deliveries as the platform tracks them. An event is written once (the
// outbox); each receiver of it gets a delivery whose attempts are logged for operators.
import type { WebhookEventType } from './webhook-events.js';

export type EndpointStatus = 'enabled' | 'disabled';
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

export interface WebhookEndpointRecord {
  endpointId: string;
  spaceId: string;
  url: string;
  /** null = every event type. */
  events: WebhookEventType[] | null;
  secret: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
  status: EndpointStatus;
  disabledReason: string | null;
  entityId: string | null;
  /** Start of the current run of failed attempts; null while healthy. */
  failingSince: number | null;
  createdAt: number;
}

export interface WebhookEventRecord {
  eventId: string;
  spaceId: string;
  eventType: WebhookEventType;
  eventData: Record<string, unknown>;
  entityId: string | null;
  createdAt: number;
}

export interface WebhookDeliveryRecord {
  id: string;
  eventId: string;
  spaceId: string;
  /** null for a per-request callback_url. */
  endpointId: string | null;
  url: string;
  signed: boolean;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookAttemptRecord {
  deliveryId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  createdAt: number;
}

/** Whether an endpoint wants this event (its type filter and, when set, its entity scope). */
export function endpointWants(endpoint: Pick<WebhookEndpointRecord, 'events' | 'entityId'>, event: Pick<WebhookEventRecord, 'eventType' | 'entityId'>): boolean {
  if (endpoint.events !== null && !endpoint.events.includes(event.eventType)) return false;
  return endpoint.entityId === null || endpoint.entityId === event.entityId;
}

/** The secrets that sign a delivery now: the current one first, the previous one during its grace period. */
export function liveSecrets(endpoint: Pick<WebhookEndpointRecord, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, now: number): string[] {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > now) secrets.push(endpoint.previousSecret);
  return secrets;
}

/** The JSON body every receiver gets; `event` repeats the type because n8n's HeyGen trigger reads that key. */
export function webhookBody(event: Pick<WebhookEventRecord, 'eventType' | 'eventData'>): string {
  return JSON.stringify({ event_type: event.eventType, event: event.eventType, event_data: event.eventData });
}
