// Webhook management contract (v1 legacy and v3), as TypeBox schemas: request validation, response
// filtering and the OpenAPI document. Event names are plain strings here so the service can answer
// an unknown one with a 400 that names it.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';

const EventNames = Type.Array(Type.String(), { description: 'Event types; null or empty = all events' });

export const WebhookEndpoint = Type.Object({
  endpoint_id: Type.String(),
  url: Type.String(),
  events: Nullable(Type.Array(Type.String())),
  status: Type.String({ examples: ['enabled'] }),
  created_at: Type.String({ description: 'ISO 8601' }),
  secret: Nullable(Type.String({ description: 'Only on create and rotate-secret' })),
  entity_id: Nullable(Type.String()),
  disabled_reason: Nullable(Type.String({ description: 'Orator: why the endpoint was disabled' })),
});

export const WebhookEvent = Type.Object({
  event_id: Type.String(),
  event_type: Type.String(),
  event_data: Type.Object({}, { additionalProperties: true }),
  entity_id: Nullable(Type.String()),
  created_at: Type.String(),
});

export const WebhookAttempt = Type.Object({
  attempt: Type.Integer(),
  status_code: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  duration_ms: Type.Integer(),
  created_at: Type.String(),
});

export const WebhookDelivery = Type.Object({
  delivery_id: Type.String(),
  event_id: Type.String(),
  endpoint_id: Nullable(Type.String({ description: 'null for a per-request callback_url' })),
  url: Type.String(),
  signed: Type.Boolean(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')]),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  last_duration_ms: Nullable(Type.Integer()),
  created_at: Type.String(),
  updated_at: Type.String(),
  attempt_log: Type.Array(WebhookAttempt),
});

const V3Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ data: Type.Array(item), has_more: Type.Boolean(), next_token: Nullable(Type.String()) });

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  token: Type.Optional(Type.String()),
});

export const EndpointIdParams = Type.Object({ endpoint_id: Type.String({ minLength: 1 }) });
export const EventIdParams = Type.Object({ event_id: Type.String({ minLength: 1 }) });

export const CreateEndpointBody = Type.Object(
  { url: Type.String({ minLength: 1 }), events: Type.Optional(Nullable(EventNames)), entity_id: Type.Optional(Nullable(Type.String())) },
  { additionalProperties: false },
);
export const UpdateEndpointBody = Type.Object(
  { url: Type.Optional(Nullable(Type.String({ minLength: 1 }))), events: Type.Optional(Nullable(EventNames)) },
  { additionalProperties: false },
);

export const V1CreateEndpointBody = Type.Object({
  url: Type.String({ minLength: 1 }),
  events: Type.Optional(Nullable(EventNames)),
  entity_id: Type.Optional(Nullable(Type.String())),
});
export const V1UpdateEndpointBody = Type.Object({
  endpoint_id: Type.String({ minLength: 1 }),
  url: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
  events: Type.Optional(Nullable(EventNames)),
});
export const V1EndpointIdQuery = Type.Object({ endpoint_id: Type.String({ minLength: 1 }) });

export const V1WebhookListResponse = Type.Object({ code: Type.Integer(), data: Type.Array(Type.String()), msg: Type.Null(), message: Type.Null() });
const V1Data = <T extends ReturnType<typeof Type.Object> | ReturnType<typeof Type.Array>>(data: T) =>
  Type.Object({ code: Type.Integer({ examples: [100] }), data, msg: Type.Null(), message: Type.String() });
export const V1EndpointResponse = V1Data(WebhookEndpoint);
export const V1EndpointListResponse = V1Data(Type.Array(WebhookEndpoint));
export const V1DeleteResponse = V1Data(Type.Object({ endpoint_id: Type.String() }));

export const EndpointResponse = Type.Object({ data: WebhookEndpoint });
export const EndpointListResponse = V3Page(WebhookEndpoint);
export const DeleteEndpointResponse = Type.Object({ error: Type.Null(), data: Type.Object({ endpoint_id: Type.String(), deleted: Type.Boolean() }) });
export const RotateSecretResponse = Type.Object({ data: Type.Object({ endpoint_id: Type.String(), secret: Type.String() }) });
export const EventTypesResponse = V3Page(Type.Object({ event_type: Type.String(), description: Type.String() }));

export const EventsQuery = Type.Object({
  event_type: Type.Optional(Type.String()),
  entity_id: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  token: Type.Optional(Type.String()),
});
export const EventsResponse = V3Page(WebhookEvent);

export const DeliveriesQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')])),
  event_id: Type.Optional(Type.String()),
  endpoint_id: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  token: Type.Optional(Type.String()),
});
export const DeliveriesResponse = V3Page(WebhookDelivery);

export const RedeliverQuery = Type.Object({ endpoint_id: Type.Optional(Type.String({ description: 'Only this endpoint; default every subscribed one' })) });
export const RedeliverResponse = Type.Object({ data: Type.Object({ event_id: Type.String(), delivery_ids: Type.Array(Type.String()) }) });
export const TestEndpointResponse = Type.Object({
  data: Type.Object({ endpoint_id: Type.String(), succeeded: Type.Boolean(), status_code: Nullable(Type.Integer()), error: Nullable(Type.String()), duration_ms: Type.Integer() }),
});
