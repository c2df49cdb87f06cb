// Webhook routes: v1 legacy management and v3 endpoints/events, plus Orator's delivery log, redelivery
// and test sends under /v3/webhooks. Thin: parse, call the webhook service, wrap.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error } from '../schemas/envelopes.js';
import {
  CreateEndpointBody,
  DeleteEndpointResponse,
  DeliveriesQuery,
  DeliveriesResponse,
  EndpointIdParams,
  EndpointListResponse,
  EndpointResponse,
  EventIdParams,
  EventsQuery,
  EventsResponse,
  EventTypesResponse,
  PageQuery,
  RedeliverQuery,
  RedeliverResponse,
  RotateSecretResponse,
  TestEndpointResponse,
  UpdateEndpointBody,
  V1CreateEndpointBody,
  V1DeleteResponse,
  V1EndpointIdQuery,
  V1EndpointListResponse,
  V1EndpointResponse,
  V1UpdateEndpointBody,
  V1WebhookListResponse,
} from '../schemas/webhooks.js';
import type { TypeBoxProvider } from '../type-provider.js';

/** HeyGen's v1 webhook responses carry `msg: null` beside `message`. */
const v1 = <T>(data: T) => ({ code: 100 as const, data, msg: null, message: 'Success' });

export function registerWebhookRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const hooks = deps.webhooks;
  const tags = ['webhooks'];

  // v1 (legacy)
  app.get('/v1/webhook/webhook.list', { schema: { tags, summary: 'Available webhook event names', response: { 200: V1WebhookListResponse, '4xx': V1Error } } }, async () => ({
    code: 100,
    data: hooks.listEventTypes().map((t) => t.event_type),
    msg: null,
    message: null,
  }));
  app.post('/v1/webhook/endpoint.add', { schema: { tags, summary: 'Register a webhook endpoint', body: V1CreateEndpointBody, response: { 200: V1EndpointResponse, '4xx': V1Error } } }, async (request) =>
    v1(await hooks.createEndpoint(spaceOf(request), request.body)),
  );
  app.get('/v1/webhook/endpoint.list', { schema: { tags, summary: 'List webhook endpoints', response: { 200: V1EndpointListResponse, '4xx': V1Error } } }, async (request) =>
    v1(await hooks.listAllEndpoints(spaceOf(request))),
  );
  app.patch('/v1/webhook/endpoint.update', { schema: { tags, summary: 'Update a webhook endpoint', body: V1UpdateEndpointBody, response: { 200: V1EndpointResponse, '4xx': V1Error } } }, async (request) => {
    const { endpoint_id, ...patch } = request.body;
    return v1(await hooks.updateEndpoint(spaceOf(request), endpoint_id, patch));
  });
  app.delete('/v1/webhook/endpoint.delete', { schema: { tags, summary: 'Delete a webhook endpoint', querystring: V1EndpointIdQuery, response: { 200: V1DeleteResponse, '4xx': V1Error } } }, async (request) => {
    await hooks.deleteEndpoint(spaceOf(request), request.query.endpoint_id);
    return v1({ endpoint_id: request.query.endpoint_id });
  });

  // v3
  app.get('/v3/webhooks/endpoints', { schema: { tags, summary: 'List webhook endpoints', querystring: PageQuery, response: { 200: EndpointListResponse } } }, async (request) =>
    hooks.listEndpoints(spaceOf(request), request.query.limit ?? 10, request.query.token || undefined),
  );
  app.post('/v3/webhooks/endpoints', { schema: { tags, summary: 'Create a webhook endpoint (the secret is shown once)', body: CreateEndpointBody, response: { 200: EndpointResponse } } }, async (request) => ({
    data: await hooks.createEndpoint(spaceOf(request), request.body),
  }));
  app.patch(
    '/v3/webhooks/endpoints/:endpoint_id',
    { schema: { tags, summary: 'Update a webhook endpoint (events are replaced)', params: EndpointIdParams, body: UpdateEndpointBody, response: { 200: EndpointResponse } } },
    async (request) => ({ data: await hooks.updateEndpoint(spaceOf(request), request.params.endpoint_id, request.body) }),
  );
  app.delete('/v3/webhooks/endpoints/:endpoint_id', { schema: { tags, summary: 'Delete a webhook endpoint', params: EndpointIdParams, response: { 200: DeleteEndpointResponse } } }, async (request) => {
    await hooks.deleteEndpoint(spaceOf(request), request.params.endpoint_id);
    return { error: null, data: { endpoint_id: request.params.endpoint_id, deleted: true } };
  });
  app.post(
    '/v3/webhooks/endpoints/:endpoint_id/rotate-secret',
    { schema: { tags, summary: 'Rotate the signing secret (the old one keeps signing for 24 h)', params: EndpointIdParams, response: { 200: RotateSecretResponse } } },
    async (request) => ({ data: await hooks.rotateSecret(spaceOf(request), request.params.endpoint_id) }),
  );
  app.get('/v3/webhooks/event-types', { schema: { tags, summary: 'List webhook event types', response: { 200: EventTypesResponse } } }, async () => ({
    data: hooks.listEventTypes(),
    has_more: false,
    next_token: null,
  }));
  app.get('/v3/webhooks/events', { schema: { tags, summary: 'List webhook events, newest first', querystring: EventsQuery, response: { 200: EventsResponse } } }, async (request) => {
    const q = request.query;
    return hooks.listEvents(spaceOf(request), { event_type: q.event_type || undefined, entity_id: q.entity_id || undefined, limit: q.limit ?? 10, token: q.token || undefined });
  });

  // Orator extensions
  app.get(
    '/v3/webhooks/deliveries',
    { schema: { tags, summary: 'Orator: delivery log (status, response code, timing, attempts)', querystring: DeliveriesQuery, response: { 200: DeliveriesResponse } } },
    async (request) => {
      const q = request.query;
      return hooks.listDeliveries(spaceOf(request), { status: q.status, event_id: q.event_id || undefined, endpoint_id: q.endpoint_id || undefined, limit: q.limit ?? 10, token: q.token || undefined });
    },
  );
  app.post(
    '/v3/webhooks/events/:event_id/redeliver',
    { schema: { tags, summary: 'Orator: send an event again under its original event id', params: EventIdParams, querystring: RedeliverQuery, response: { 200: RedeliverResponse } } },
    async (request) => ({ data: await hooks.redeliver(spaceOf(request), request.params.event_id, request.query.endpoint_id || undefined) }),
  );
  app.post(
    '/v3/webhooks/endpoints/:endpoint_id/test',
    { schema: { tags, summary: 'Orator: send a signed webhook.test event now and report the answer', params: EndpointIdParams, response: { 200: TestEndpointResponse } } },
    async (request) => ({ data: await hooks.testEndpoint(spaceOf(request), request.params.endpoint_id) }),
  );
}
