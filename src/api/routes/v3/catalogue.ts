// GET /v3/avatars[/{group_id}], /v3/avatars/looks[/{look_id}], /v3/voices[/{voice_id}], and the
// v3-style /v1/audio/voices. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app-deps.js';
import {
  AvatarGroupResponse,
  AvatarGroupsQuery,
  AvatarGroupsResponse,
  AvatarLookResponse,
  AvatarLooksQuery,
  AvatarLooksResponse,
  VoiceResponse,
  VoicesQuery,
  VoicesResponse,
} from '../../schemas/v3-catalogue.js';
import { V3Error } from '../../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../../type-provider.js';

export function registerV3CatalogueRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const errors = { '4xx': V3Error };

  app.get('/v3/avatars', { schema: { tags: ['v3 avatars'], summary: 'List avatar groups', querystring: AvatarGroupsQuery, response: { 200: AvatarGroupsResponse, ...errors } } }, async (request) =>
    deps.v3.listAvatarGroups({ ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get('/v3/avatars/looks', { schema: { tags: ['v3 avatars'], summary: 'List avatar looks (id = avatar_id for POST /v3/videos)', querystring: AvatarLooksQuery, response: { 200: AvatarLooksResponse, ...errors } } }, async (request) =>
    deps.v3.listAvatarLooks({ ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get(
    '/v3/avatars/looks/:look_id',
    { schema: { tags: ['v3 avatars'], summary: 'Get an avatar look', params: Type.Object({ look_id: Type.String() }), response: { 200: AvatarLookResponse, ...errors } } },
    async (request) => ({ data: deps.v3.getAvatarLook(request.params.look_id) }),
  );
  app.get(
    '/v3/avatars/:group_id',
    { schema: { tags: ['v3 avatars'], summary: 'Get an avatar group', params: Type.Object({ group_id: Type.String() }), response: { 200: AvatarGroupResponse, ...errors } } },
    async (request) => ({ data: deps.v3.getAvatarGroup(request.params.group_id) }),
  );

  app.get('/v3/voices', { schema: { tags: ['v3 voices'], summary: 'List voices', querystring: VoicesQuery, response: { 200: VoicesResponse, ...errors } } }, async (request) =>
    deps.v3.listVoices({ ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get(
    '/v1/audio/voices',
    {
      config: { envelope: 'v3' },
      schema: { tags: ['v3 voices'], summary: 'List TTS voices (v3-style envelope)', querystring: Type.Omit(VoicesQuery, ['engine']), response: { 200: VoicesResponse, ...errors } },
    },
    async (request) => deps.v3.listVoices({ ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get(
    '/v3/voices/:voice_id',
    { schema: { tags: ['v3 voices'], summary: 'Get a voice', params: Type.Object({ voice_id: Type.String() }), response: { 200: VoiceResponse, ...errors } } },
    async (request) => ({ data: deps.v3.getVoice(request.params.voice_id) }),
  );
}
