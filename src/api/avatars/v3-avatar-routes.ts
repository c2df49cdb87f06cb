// GET /v3/avatars[/{group_id}] and /v3/avatars/looks[/{look_id}]: this space's photo avatars (private)
// and the stock ones (public). Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AvatarService } from '../../services/avatars/avatar-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { AvatarGroupResponse, AvatarGroupsQuery, AvatarGroupsResponse, AvatarLookResponse, AvatarLooksQuery, AvatarLooksResponse } from './v3-avatar-schemas.js';
import { v3AvatarWriteRoutes } from './v3-avatar-write-routes.js';

export function v3AvatarRoutes(base: FastifyInstance, avatars: AvatarService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const errors = { '4xx': V3Error };

  app.get('/v3/avatars', { schema: { tags: ['v3 avatars'], summary: 'List avatar groups (ownership=private: this space’s photo avatars)', querystring: AvatarGroupsQuery, response: { 200: AvatarGroupsResponse, ...errors } } }, async (request) =>
    avatars.listGroups(spaceOf(request), { ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get('/v3/avatars/looks', { schema: { tags: ['v3 avatars'], summary: 'List avatar looks (id = avatar_id for POST /v3/videos)', querystring: AvatarLooksQuery, response: { 200: AvatarLooksResponse, ...errors } } }, async (request) =>
    avatars.listLooks(spaceOf(request), { ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get(
    '/v3/avatars/looks/:look_id',
    { schema: { tags: ['v3 avatars'], summary: 'Get an avatar look', params: Type.Object({ look_id: Type.String() }), response: { 200: AvatarLookResponse, ...errors } } },
    async (request) => ({ data: await avatars.getLook(spaceOf(request), request.params.look_id) }),
  );
  app.get(
    '/v3/avatars/:group_id',
    { schema: { tags: ['v3 avatars'], summary: 'Get an avatar group', params: Type.Object({ group_id: Type.String() }), response: { 200: AvatarGroupResponse, ...errors } } },
    async (request) => ({ data: await avatars.getGroup(spaceOf(request), request.params.group_id) }),
  );
  v3AvatarWriteRoutes(base, avatars);
}
