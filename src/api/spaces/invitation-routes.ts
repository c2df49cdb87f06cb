// GET/POST /v3/spaces/{space_id}/invitations and DELETE …/invitations/{invitation_id} (admins).
import type { FastifyInstance } from 'fastify';
import type { SpaceService } from '../../services/spaces/space-service.js';
import { callerOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { CreateInvitationBody, InvitationCreatedResponse, InvitationListResponse, InvitationParams, InvitationRevokedResponse, SpaceParams } from './space-schemas.js';
import { invitationView, list } from './space-views.js';

const tags = ['spaces'];
const errors = { '4xx': V3Error };

export function invitationRoutes(base: FastifyInstance, spaces: SpaceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get(
    '/v3/spaces/:space_id/invitations',
    { schema: { tags, summary: "Orator: a space's invitations, newest first (admins)", params: SpaceParams, response: { 200: InvitationListResponse, ...errors } } },
    async (request) => list((await spaces.listInvitations(callerOf(request), request.params.space_id)).map((i) => invitationView(i, spaces.now()))),
  );
  app.post(
    '/v3/spaces/:space_id/invitations',
    {
      // No Idempotency-Key replay: the link is a credential and would sit in the idempotency store for a day.
      config: { idempotent: false },
      schema: {
        tags,
        summary: 'Orator: make an invitation link (admins; owner invitations only by owners); the URL is shown once',
        params: SpaceParams,
        body: CreateInvitationBody,
        response: { 200: InvitationCreatedResponse, ...errors },
      },
    },
    async (request) => {
      const { role, email, expires_in_hours } = request.body;
      const made = await spaces.createInvitation(callerOf(request), request.params.space_id, { role: role ?? 'member', email: email ?? null, expiresInHours: expires_in_hours ?? null });
      return { data: { ...invitationView(made.invitation, spaces.now()), url: made.url } };
    },
  );
  app.delete(
    '/v3/spaces/:space_id/invitations/:invitation_id',
    { schema: { tags, summary: 'Orator: withdraw an invitation that has not been used (admins)', params: InvitationParams, response: { 200: InvitationRevokedResponse, ...errors } } },
    async (request) => {
      await spaces.revokeInvitation(callerOf(request), request.params.space_id, request.params.invitation_id);
      return { data: { invitation_id: request.params.invitation_id, revoked: true } };
    },
  );
}
