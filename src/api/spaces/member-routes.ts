// GET /v3/spaces (yours), GET /v3/spaces/{space_id}/members, PATCH and DELETE …/members/{user_id}.
import type { FastifyInstance } from 'fastify';
import type { SpaceService } from '../../services/spaces/space-service.js';
import { callerOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { ChangeRoleBody, MemberListResponse, MemberParams, MemberRemovedResponse, MemberResponse, SpaceListResponse, SpaceParams } from './space-schemas.js';
import { list, memberView, spaceView } from './space-views.js';

const tags = ['spaces'];
const errors = { '4xx': V3Error };

export function memberRoutes(base: FastifyInstance, spaces: SpaceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v3/spaces', { schema: { tags, summary: 'Orator: the spaces you belong to, with your role in each', response: { 200: SpaceListResponse, ...errors } } }, async (request) =>
    list((await spaces.mySpaces(callerOf(request))).map(spaceView)),
  );
  app.get(
    '/v3/spaces/:space_id/members',
    { schema: { tags, summary: 'Orator: members of a space (any member may list)', params: SpaceParams, response: { 200: MemberListResponse, ...errors } } },
    async (request) => list((await spaces.listMembers(callerOf(request), request.params.space_id)).map(memberView)),
  );
  app.patch(
    '/v3/spaces/:space_id/members/:user_id',
    { schema: { tags, summary: "Orator: change a member's role (admins; the owner role only by owners)", params: MemberParams, body: ChangeRoleBody, response: { 200: MemberResponse, ...errors } } },
    async (request) => ({ data: memberView(await spaces.changeMemberRole(callerOf(request), request.params.space_id, request.params.user_id, request.body.role)) }),
  );
  app.delete(
    '/v3/spaces/:space_id/members/:user_id',
    { schema: { tags, summary: 'Orator: remove a member (admins), or leave (yourself); the last owner stays', params: MemberParams, response: { 200: MemberRemovedResponse, ...errors } } },
    async (request) => {
      await spaces.removeMember(callerOf(request), request.params.space_id, request.params.user_id);
      return { data: { user_id: request.params.user_id, removed: true } };
    },
  );
}
