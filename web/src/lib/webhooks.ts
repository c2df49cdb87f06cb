// Webhook endpoints, their deliveries and test events, through the v3 webhook routes.
import { api, query } from './api.ts';

export interface Endpoint {
  endpoint_id: string;
  url: string;
  events: string[] | null;
  status: string;
  created_at: string;
  secret: string | null;
  disabled_reason: string | null;
}

export interface Delivery {
  delivery_id: string;
  event_id: string;
  endpoint_id: string | null;
  url: string;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  attempt_log: Array<{ attempt: number; status_code: number | null; error: string | null; duration_ms: number; created_at: string }>;
}

export interface TestResult {
  succeeded: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export async function listEndpoints(): Promise<Endpoint[]> {
  return (await api<{ data: Endpoint[] }>('GET', '/v3/webhooks/endpoints?limit=100')).data;
}

export async function eventTypes(): Promise<Array<{ event_type: string; description: string }>> {
  return (await api<{ data: Array<{ event_type: string; description: string }> }>('GET', '/v3/webhooks/event-types')).data;
}

export async function addEndpoint(url: string, events: string[]): Promise<Endpoint> {
  return (await api<{ data: Endpoint }>('POST', '/v3/webhooks/endpoints', { url, events: events.length ? events : null })).data;
}

export async function deleteEndpoint(id: string): Promise<void> {
  await api('DELETE', `/v3/webhooks/endpoints/${encodeURIComponent(id)}`);
}

export async function testEndpoint(id: string): Promise<TestResult> {
  return (await api<{ data: TestResult }>('POST', `/v3/webhooks/endpoints/${encodeURIComponent(id)}/test`)).data;
}

export function listDeliveries(token: string | null): Promise<{ data: Delivery[]; has_more: boolean; next_token: string | null }> {
  return api('GET', `/v3/webhooks/deliveries${query({ limit: 20, token })}`);
}

export interface EventSummary {
  type: string;
  /** The video (or other job) the event is about, when it names one. */
  subject: string | null;
}

/** The recent events by id, for the deliveries on show (the log names events by id only). */
export async function eventsById(): Promise<Record<string, EventSummary>> {
  const { data } = await api<{ data: Array<{ event_id: string; event_type: string; entity_id: string | null; event_data: Record<string, unknown> }> }>('GET', '/v3/webhooks/events?limit=100');
  return Object.fromEntries(
    data.map((e) => {
      const subject = e.event_data.video_id ?? e.entity_id ?? null;
      return [e.event_id, { type: e.event_type, subject: typeof subject === 'string' ? subject : null }];
    }),
  );
}

export async function redeliver(eventId: string, endpointId: string | null): Promise<void> {
  await api('POST', `/v3/webhooks/events/${encodeURIComponent(eventId)}/redeliver${query({ endpoint_id: endpointId })}`);
}
