// v3 webhook management (endpoints, secret rotation, event types, events) plus Orator's extensions under
// /v3/webhooks: the delivery log, redelivery and test sends. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import type { WebhookService } from '../../services/webhooks/webhook-service.js';
import { spaceOf } from '../plugins/auth.js';
import type { TypeBoxProvider } from '../type-provider.js';
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
} from './webhook-schemas.js';

const tags = ['webhooks'];

function endpointRoutes(base: FastifyInstance, hooks: WebhookService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
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
}

function eventRoutes(base: FastifyInstance, hooks: WebhookService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v3/webhooks/event-types', { schema: { tags, summary: 'List webhook event types', response: { 200: EventTypesResponse } } }, async () => ({
    data: hooks.listEventTypes(),
    has_more: false,
    next_token: null,
  }));
  app.get('/v3/webhooks/events', { schema: { tags, summary: 'List webhook events, newest first', querystring: EventsQuery, response: { 200: EventsResponse } } }, async (request) => {
    const q = request.query;
    return hooks.listEvents(spaceOf(request), { event_type: q.event_type || undefined, entity_id: q.entity_id || undefined, limit: q.limit ?? 10, token: q.token || undefined });
  });
}

/** Orator extensions: HeyGen has no delivery log, redelivery or test send. */
function deliveryRoutes(base: FastifyInstance, hooks: WebhookService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
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

export function v3WebhookRoutes(app: FastifyInstance, hooks: WebhookService): void {
  endpointRoutes(app, hooks);
  eventRoutes(app, hooks);
  deliveryRoutes(app, hooks);
}
