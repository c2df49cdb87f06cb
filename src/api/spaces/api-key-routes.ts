// GET/POST /v3/spaces/{space_id}/api-keys and DELETE …/api-keys/{key_id} (admins). A new key's secret
// is in the creation response only.
import type { FastifyInstance } from 'fastify';
import type { SpaceService } from '../../services/spaces/space-service.js';
import { callerOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { ApiKeyCreatedResponse, ApiKeyListResponse, ApiKeyRevokedResponse, CreateApiKeyBody, KeyParams, SpaceParams } from './space-schemas.js';
import { apiKeyView, list } from './space-views.js';

const tags = ['spaces'];
const errors = { '4xx': V3Error };

export function apiKeyRoutes(base: FastifyInstance, spaces: SpaceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get(
    '/v3/spaces/:space_id/api-keys',
    { schema: { tags, summary: "Orator: a space's API keys, revoked ones included (admins)", params: SpaceParams, response: { 200: ApiKeyListResponse, ...errors } } },
    async (request) => list((await spaces.listApiKeys(callerOf(request), request.params.space_id)).map(apiKeyView)),
  );
  app.post(
    '/v3/spaces/:space_id/api-keys',
    {
      // No Idempotency-Key replay: it would keep the secret in the idempotency store for a day.
      config: { idempotent: false },
      schema: { tags, summary: 'Orator: make an API key for the space (admins); the key is shown once', params: SpaceParams, body: CreateApiKeyBody, response: { 200: ApiKeyCreatedResponse, ...errors } },
    },
    async (request) => {
      const { key, info } = await spaces.createApiKey(callerOf(request), request.params.space_id, request.body.name ?? null);
      return { data: { ...apiKeyView(info), key } };
    },
  );
  app.delete(
    '/v3/spaces/:space_id/api-keys/:key_id',
    { schema: { tags, summary: 'Orator: revoke an API key of the space (admins)', params: KeyParams, response: { 200: ApiKeyRevokedResponse, ...errors } } },
    async (request) => {
      await spaces.revokeApiKey(callerOf(request), request.params.space_id, request.params.key_id);
      return { data: { key_id: request.params.key_id, revoked: true } };
    },
  );
}
