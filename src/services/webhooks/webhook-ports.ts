// Ports the webhook use cases depend on: the store (endpoints, events, deliveries, attempt log) and the
// sender that makes one HTTP attempt. Adapters live in db/ and webhooks/; compose.ts wires them.
import type { DeliveryStatus, WebhookAttemptRecord, WebhookDeliveryRecord, WebhookEndpointRecord, WebhookEventRecord } from '../../domain/webhook.js';
import type { WebhookEventType } from '../../domain/webhook-events.js';
import type { PageCursor } from '../page-token.js';

export interface DeliveryOutcome {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number;
}

export interface WebhookStore {
  insertEndpoint(endpoint: WebhookEndpointRecord): Promise<void>;
  findEndpoint(spaceId: string, endpointId: string): Promise<WebhookEndpointRecord | undefined>;
  /** Any space (workers only). */
  findEndpointById(endpointId: string): Promise<WebhookEndpointRecord | undefined>;
  /** Oldest first, so a cursor stays stable while endpoints are added. */
  listEndpoints(spaceId: string, limit: number, after?: PageCursor): Promise<WebhookEndpointRecord[]>;
  listEnabledEndpoints(spaceId: string): Promise<WebhookEndpointRecord[]>;
  updateEndpoint(spaceId: string, endpointId: string, patch: { url?: string; events?: WebhookEventType[] | null }): Promise<boolean>;
  /** CAS on the current secret, so two concurrent rotations cannot both keep a stale previous secret. */
  rotateSecret(spaceId: string, endpointId: string, expectedSecret: string, newSecret: string, previousExpiresAt: number): Promise<boolean>;
  deleteEndpoint(spaceId: string, endpointId: string): Promise<boolean>;
  /** Sets failing_since unless already set; returns the (possibly earlier) start of the failing run. */
  markEndpointFailing(endpointId: string, now: number): Promise<number | null>;
  markEndpointHealthy(endpointId: string): Promise<void>;
  /** CAS enabled → disabled; false when it already was. */
  disableEndpoint(endpointId: string, reason: string): Promise<boolean>;
  /** Stops every pending delivery of an endpoint (disabled or deleted). Returns how many. */
  cancelPendingDeliveries(endpointId: string, reason: string, now: number): Promise<number>;

  insertEvent(event: WebhookEventRecord): Promise<void>;
  findEvent(spaceId: string, eventId: string): Promise<WebhookEventRecord | undefined>;
  findEventById(eventId: string): Promise<WebhookEventRecord | undefined>;
  /** Newest first. */
  listEvents(spaceId: string, filter: { eventType?: string; entityId?: string }, limit: number, after?: PageCursor): Promise<WebhookEventRecord[]>;

  insertDelivery(delivery: WebhookDeliveryRecord): Promise<void>;
  findDelivery(id: string): Promise<WebhookDeliveryRecord | undefined>;
  /** Newest first. */
  listDeliveries(spaceId: string, filter: { eventId?: string; endpointId?: string; status?: DeliveryStatus }, limit: number, after?: PageCursor): Promise<WebhookDeliveryRecord[]>;
  /** CAS pending with `expectedAttempts` → the outcome with attempts + 1. False when someone else recorded this attempt. */
  recordAttempt(id: string, expectedAttempts: number, outcome: DeliveryOutcome, now: number): Promise<boolean>;
  insertAttempt(attempt: WebhookAttemptRecord): Promise<void>;
  listAttempts(deliveryIds: string[]): Promise<WebhookAttemptRecord[]>;
}

export interface SendRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type SendResult =
  | { kind: 'response'; statusCode: number; retryAfter: string | null; durationMs: number }
  /** `permanent`: retrying cannot help (the SSRF guard refused the address, or the URL can never be sent to). */
  | { kind: 'error'; error: string; durationMs: number; permanent?: boolean };

/** Makes one POST; never throws for network trouble (it is an outcome, not a bug). */
export interface WebhookSender {
  send(request: SendRequest): Promise<SendResult>;
}

/** Refuses URLs a webhook may not target (scheme, private addresses unless allowed); throws OratorError naming `param`. */
export type WebhookUrlCheck = (url: string, param: string) => Promise<void>;
