// WebhookStore on Kysely (SQLite or Postgres). State changes are compare-and-set on status/attempts.
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import type { DeliveryStatus, EndpointStatus, WebhookAttemptRecord, WebhookDeliveryRecord, WebhookEndpointRecord, WebhookEventRecord } from '../domain/webhook.js';
import type { DeliveryOutcome, WebhookStore } from '../services/webhooks/webhook-ports.js';
import type { PageCursor } from '../services/page-token.js';
import { newerThan, olderThan } from './keyset-cursor.js';
import type { WebhookEventType } from '../domain/webhook-events.js';
import type { Database } from './database.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable, WebhookEventsTable } from './webhook-tables.js';

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function endpointFromRow(r: Selectable<WebhookEndpointsTable>): WebhookEndpointRecord {
  return {
    endpointId: r.endpoint_id,
    spaceId: r.space_id,
    url: r.url,
    events: r.events === null ? null : (JSON.parse(r.events) as WebhookEventType[]),
    secret: r.secret,
    previousSecret: r.previous_secret,
    previousSecretExpiresAt: num(r.previous_secret_expires_at),
    status: r.status as EndpointStatus,
    disabledReason: r.disabled_reason,
    entityId: r.entity_id,
    failingSince: num(r.failing_since),
    createdAt: Number(r.created_at),
  };
}

function eventFromRow(r: Selectable<WebhookEventsTable>): WebhookEventRecord {
  return {
    eventId: r.event_id,
    spaceId: r.space_id,
    eventType: r.event_type as WebhookEventType,
    eventData: JSON.parse(r.event_data) as Record<string, unknown>,
    entityId: r.entity_id,
    createdAt: Number(r.created_at),
  };
}

function deliveryFromRow(r: Selectable<WebhookDeliveriesTable>): WebhookDeliveryRecord {
  return {
    id: r.id,
    eventId: r.event_id,
    spaceId: r.space_id,
    endpointId: r.endpoint_id,
    url: r.url,
    signed: Number(r.signed) === 1,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: num(r.next_attempt_at),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastDurationMs: r.last_duration_ms,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlWebhookStore implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertEndpoint(e: WebhookEndpointRecord): Promise<void> {
    await this.db
      .insertInto('webhook_endpoints')
      .values({
        endpoint_id: e.endpointId,
        space_id: e.spaceId,
        url: e.url,
        events: e.events === null ? null : JSON.stringify(e.events),
        secret: e.secret,
        previous_secret: e.previousSecret,
        previous_secret_expires_at: e.previousSecretExpiresAt,
        status: e.status,
        disabled_reason: e.disabledReason,
        entity_id: e.entityId,
        failing_since: e.failingSince,
        created_at: e.createdAt,
      })
      .execute();
  }

  async findEndpoint(spaceId: string, endpointId: string): Promise<WebhookEndpointRecord | undefined> {
    const r = await this.db.selectFrom('webhook_endpoints').selectAll().where('endpoint_id', '=', endpointId).where('space_id', '=', spaceId).executeTakeFirst();
    return r ? endpointFromRow(r) : undefined;
  }

  async findEndpointById(endpointId: string): Promise<WebhookEndpointRecord | undefined> {
    const r = await this.db.selectFrom('webhook_endpoints').selectAll().where('endpoint_id', '=', endpointId).executeTakeFirst();
    return r ? endpointFromRow(r) : undefined;
  }

  async listEndpoints(spaceId: string, limit: number, after?: PageCursor): Promise<WebhookEndpointRecord[]> {
    let q = this.db.selectFrom('webhook_endpoints').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(newerThan(after, 'endpoint_id'));
    const rows = await q.orderBy('created_at', 'asc').orderBy('endpoint_id', 'asc').limit(limit).execute();
    return rows.map(endpointFromRow);
  }

  async listEnabledEndpoints(spaceId: string): Promise<WebhookEndpointRecord[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().where('space_id', '=', spaceId).where('status', '=', 'enabled').orderBy('created_at').execute();
    return rows.map(endpointFromRow);
  }

  async updateEndpoint(spaceId: string, endpointId: string, patch: { url?: string; events?: WebhookEventType[] | null }): Promise<boolean> {
    const set: { url?: string; events?: string | null } = {};
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.events !== undefined) set.events = patch.events === null ? null : JSON.stringify(patch.events);
    if (Object.keys(set).length === 0) return (await this.findEndpoint(spaceId, endpointId)) !== undefined;
    const r = await this.db.updateTable('webhook_endpoints').set(set).where('endpoint_id', '=', endpointId).where('space_id', '=', spaceId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async rotateSecret(spaceId: string, endpointId: string, expectedSecret: string, newSecret: string, previousExpiresAt: number): Promise<boolean> {
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({ secret: newSecret, previous_secret: expectedSecret, previous_secret_expires_at: previousExpiresAt })
      .where('endpoint_id', '=', endpointId)
      .where('space_id', '=', spaceId)
      .where('secret', '=', expectedSecret)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteEndpoint(spaceId: string, endpointId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('webhook_endpoints').where('endpoint_id', '=', endpointId).where('space_id', '=', spaceId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async markEndpointFailing(endpointId: string, now: number): Promise<number | null> {
    await this.db.updateTable('webhook_endpoints').set({ failing_since: now }).where('endpoint_id', '=', endpointId).where('failing_since', 'is', null).execute();
    const r = await this.db.selectFrom('webhook_endpoints').select('failing_since').where('endpoint_id', '=', endpointId).executeTakeFirst();
    return r ? num(r.failing_since) : null;
  }

  async markEndpointHealthy(endpointId: string): Promise<void> {
    await this.db.updateTable('webhook_endpoints').set({ failing_since: null }).where('endpoint_id', '=', endpointId).where('failing_since', 'is not', null).execute();
  }

  async disableEndpoint(endpointId: string, reason: string): Promise<boolean> {
    const r = await this.db
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled', disabled_reason: reason })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'enabled')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async cancelPendingDeliveries(endpointId: string, reason: string, now: number): Promise<number> {
    const r = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', next_attempt_at: null, last_error: reason, updated_at: now })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async insertEvent(e: WebhookEventRecord): Promise<void> {
    await this.db
      .insertInto('webhook_events')
      .values({ event_id: e.eventId, space_id: e.spaceId, event_type: e.eventType, event_data: JSON.stringify(e.eventData), entity_id: e.entityId, created_at: e.createdAt })
      .execute();
  }

  async findEvent(spaceId: string, eventId: string): Promise<WebhookEventRecord | undefined> {
    const r = await this.db.selectFrom('webhook_events').selectAll().where('event_id', '=', eventId).where('space_id', '=', spaceId).executeTakeFirst();
    return r ? eventFromRow(r) : undefined;
  }

  async findEventById(eventId: string): Promise<WebhookEventRecord | undefined> {
    const r = await this.db.selectFrom('webhook_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    return r ? eventFromRow(r) : undefined;
  }

  async listEvents(spaceId: string, filter: { eventType?: string; entityId?: string }, limit: number, after?: PageCursor): Promise<WebhookEventRecord[]> {
    let q = this.db.selectFrom('webhook_events').selectAll().where('space_id', '=', spaceId);
    if (filter.eventType) q = q.where('event_type', '=', filter.eventType);
    if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
    if (after) q = q.where(olderThan(after, 'event_id'));
    const rows = await q.orderBy('created_at', 'desc').orderBy('event_id', 'desc').limit(limit).execute();
    return rows.map(eventFromRow);
  }

  async insertDelivery(d: WebhookDeliveryRecord): Promise<void> {
    await this.db
      .insertInto('webhook_deliveries')
      .values({
        id: d.id,
        event_id: d.eventId,
        endpoint_id: d.endpointId,
        space_id: d.spaceId,
        url: d.url,
        signed: d.signed ? 1 : 0,
        status: d.status,
        attempts: d.attempts,
        next_attempt_at: d.nextAttemptAt,
        last_status_code: d.lastStatusCode,
        last_error: d.lastError,
        last_duration_ms: d.lastDurationMs,
        created_at: d.createdAt,
        updated_at: d.updatedAt,
      })
      .execute();
  }

  async findDelivery(id: string): Promise<WebhookDeliveryRecord | undefined> {
    const r = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? deliveryFromRow(r) : undefined;
  }

  async listDeliveries(spaceId: string, filter: { eventId?: string; endpointId?: string; status?: DeliveryStatus }, limit: number, after?: PageCursor): Promise<WebhookDeliveryRecord[]> {
    let q = this.db.selectFrom('webhook_deliveries').selectAll().where('space_id', '=', spaceId);
    if (filter.eventId) q = q.where('event_id', '=', filter.eventId);
    if (filter.endpointId) q = q.where('endpoint_id', '=', filter.endpointId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (after) q = q.where(olderThan(after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(deliveryFromRow);
  }

  async recordAttempt(id: string, expectedAttempts: number, o: DeliveryOutcome, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: o.status,
        attempts: expectedAttempts + 1,
        next_attempt_at: o.nextAttemptAt,
        last_status_code: o.lastStatusCode,
        last_error: o.lastError,
        last_duration_ms: o.lastDurationMs,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('attempts', '=', expectedAttempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertAttempt(a: WebhookAttemptRecord): Promise<void> {
    await this.db
      .insertInto('webhook_delivery_attempts')
      .values({ id: newId('att'), delivery_id: a.deliveryId, attempt: a.attempt, status_code: a.statusCode, error: a.error, duration_ms: a.durationMs, created_at: a.createdAt })
      .execute();
  }

  async listAttempts(deliveryIds: string[]): Promise<WebhookAttemptRecord[]> {
    if (deliveryIds.length === 0) return [];
    const rows = await this.db.selectFrom('webhook_delivery_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('attempt').execute();
    return rows.map((r) => ({ deliveryId: r.delivery_id, attempt: r.attempt, statusCode: r.status_code, error: r.error, durationMs: r.duration_ms, createdAt: Number(r.created_at) }));
  }
}
