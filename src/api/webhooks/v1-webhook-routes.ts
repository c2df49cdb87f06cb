// HeyGen's legacy v1 webhook management: event names, and endpoint add, list, update, delete.
import type { FastifyInstance } from 'fastify';
import type { WebhookService } from '../../services/webhooks/webhook-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import {
  V1CreateEndpointBody,
  V1DeleteResponse,
  V1EndpointIdQuery,
  V1EndpointListResponse,
  V1EndpointResponse,
  V1UpdateEndpointBody,
  V1WebhookListResponse,
} from './webhook-schemas.js';

/** HeyGen's v1 webhook responses carry `msg: null` beside `message`. */
const v1 = <T>(data: T) => ({ code: 100 as const, data, msg: null, message: 'Success' });

export function v1WebhookRoutes(base: FastifyInstance, hooks: WebhookService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const tags = ['webhooks'];

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
}
