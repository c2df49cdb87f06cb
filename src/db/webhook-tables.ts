// Webhook table shapes as Kysely sees them (joined into `Database` in database.ts). Timestamps are epoch
// ms; `events` and `event_data` are JSON text; `signed` is 0/1 so SQLite and Postgres agree.

export interface WebhookEndpointsTable {
  endpoint_id: string;
  space_id: string;
  url: string;
  events: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  status: string;
  disabled_reason: string | null;
  entity_id: string | null;
  failing_since: number | null;
  created_at: number;
}

export interface WebhookEventsTable {
  event_id: string;
  space_id: string;
  event_type: string;
  event_data: string;
  entity_id: string | null;
  created_at: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string | null;
  space_id: string;
  url: string;
  signed: number;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveryAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: number;
}
