// The browser session as the API sees it (Orator extension): GET /v3/session says who is signed in and
// hands out the CSRF token that cookie-authenticated calls which change something must send
// (X-CSRF-Token); PUT /v3/session/space points the session at another of your spaces.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { OratorError } from '../../domain/errors.js';
import type { UserService } from '../../services/users/user-service.js';
import { csrfTokenFor, signedInUserOf } from '../plugins/web-session.js';
import { Nullable } from '../schemas/envelopes.js';
import { V3Envelope, V3Error } from '../schemas/v3-envelopes.js';
import { RoleSchema } from '../spaces/space-schemas.js';
import type { TypeBoxProvider } from '../type-provider.js';

const SessionView = Type.Object({
  user_id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  space: Nullable(Type.Object({ space_id: Type.String(), name: Type.String(), role: RoleSchema })),
  expires_at: Type.String({ description: 'ISO 8601' }),
  csrf_token: Type.String({ description: 'send as X-CSRF-Token on cookie-authenticated POST/PUT/PATCH/DELETE' }),
});

const tags = ['session'];

export async function sessionRoutes(base: FastifyInstance, { users }: { users: UserService }): Promise<void> {
  const app = base.withTypeProvider<TypeBoxProvider>();
  // Public to the API-key check: the session cookie is the only credential here.
  app.get(
    '/v3/session',
    { config: { public: true }, schema: { tags, summary: 'Orator: the signed-in browser session and its CSRF token', security: [], response: { 200: V3Envelope(SessionView), '4xx': V3Error } } },
    async (request, reply) => {
      const signedIn = await signedInUserOf(request);
      if (!signedIn) throw new OratorError('unauthorized', 'Not signed in: sign in at /sign-in (this route reads the session cookie only)');
      const { user, space } = signedIn;
      reply.header('cache-control', 'no-store');
      return {
        data: {
          user_id: user.id,
          email: user.email,
          name: user.displayName,
          space: space ? { space_id: space.id, name: space.name, role: space.role } : null,
          expires_at: new Date(signedIn.expiresAt).toISOString(),
          csrf_token: csrfTokenFor(reply),
        },
      };
    },
  );
  app.put(
    '/v3/session/space',
    {
      schema: {
        tags,
        summary: 'Orator: make another of your spaces the one this session acts on',
        body: Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: V3Envelope(Type.Object({ space_id: Type.String(), name: Type.String(), role: RoleSchema })), '4xx': V3Error },
      },
    },
    async (request) => {
      const signedIn = await signedInUserOf(request);
      if (!signedIn || request.principal?.userId !== signedIn.user.id) throw new OratorError('forbidden', 'Only a browser session can switch spaces; an API key or token belongs to one space');
      const membership = await users.switchSpace(signedIn, request.body.space_id);
      return { data: { space_id: membership.spaceId, name: membership.spaceName, role: membership.role } };
    },
  );
}
