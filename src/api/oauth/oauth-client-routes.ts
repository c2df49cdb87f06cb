// GET/POST /v3/spaces/{space_id}/oauth-clients and DELETE …/oauth-clients/{client_id} (Orator
// extension, space admins): apps registered by hand with a name, exact redirect URIs and public (PKCE,
// no secret) or confidential (a secret, shown once) type. Deleting one ends every grant it holds.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { OAuthAppService, OAuthClientSummary } from '../../services/oauth/oauth-apps.js';
import { callerOf } from '../plugins/auth.js';
import { Nullable } from '../schemas/envelopes.js';
import { V3Envelope, V3Error, V3ListEnvelope } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

const tags = ['spaces'];
const errors = { '4xx': V3Error };

const ClientView = Type.Object({
  client_id: Type.String(),
  name: Nullable(Type.String()),
  redirect_uris: Type.Array(Type.String()),
  type: Type.Union([Type.Literal('public'), Type.Literal('confidential')]),
  created_at: Type.String({ description: 'registered (ISO 8601)' }),
});
const SpaceParams = Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }) });
const ClientParams = Type.Object({ space_id: Type.String({ minLength: 1, maxLength: 200 }), client_id: Type.String({ minLength: 1, maxLength: 200 }) });
const CreateClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'shown to people on the consent page' }),
    redirect_uris: Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { minItems: 1, maxItems: 10, description: 'compared exactly, character for character' }),
    type: Type.Union([Type.Literal('public'), Type.Literal('confidential')], { description: 'public: no secret, PKCE S256 required; confidential: a client secret' }),
  },
  { additionalProperties: false },
);

const view = (c: OAuthClientSummary) => ({ client_id: c.clientId, name: c.name, redirect_uris: c.redirectUris, type: c.type, created_at: new Date(c.createdAt).toISOString() });

export function oauthClientRoutes(base: FastifyInstance, apps: OAuthAppService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get(
    '/v3/spaces/:space_id/oauth-clients',
    { schema: { tags, summary: 'Orator: the app clients registered in the space (admins)', params: SpaceParams, response: { 200: V3ListEnvelope(ClientView), ...errors } } },
    async (request) => ({ data: (await apps.listClients(callerOf(request), request.params.space_id)).map(view), has_more: false, next_token: null }),
  );
  app.post(
    '/v3/spaces/:space_id/oauth-clients',
    {
      // No Idempotency-Key replay: it would keep the client secret in the idempotency store for a day.
      config: { idempotent: false },
      schema: {
        tags,
        summary: 'Orator: register an app client for OAuth 2.0 (admins); a confidential client’s secret is shown once',
        params: SpaceParams,
        body: CreateClientBody,
        response: { 200: V3Envelope(Type.Composite([ClientView, Type.Object({ client_secret: Nullable(Type.String({ description: 'confidential clients only; shown only here' })) })])), ...errors },
      },
    },
    async (request) => {
      const { name, redirect_uris, type } = request.body;
      const made = await apps.registerClient(callerOf(request), request.params.space_id, { name, redirectUris: redirect_uris, type });
      return { data: { ...view(made), client_secret: made.clientSecret } };
    },
  );
  app.delete(
    '/v3/spaces/:space_id/oauth-clients/:client_id',
    { schema: { tags, summary: 'Orator: delete an app client of the space and end every grant it holds (admins)', params: ClientParams, response: { 200: V3Envelope(Type.Object({ client_id: Type.String(), deleted: Type.Boolean() })), ...errors } } },
    async (request) => {
      await apps.deleteClient(callerOf(request), request.params.space_id, request.params.client_id);
      return { data: { client_id: request.params.client_id, deleted: true } };
    },
  );
}
