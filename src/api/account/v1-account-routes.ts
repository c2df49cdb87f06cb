// GET /v1/user/me, and the seed's GET /v1/pacific/account.get (HeyGen's web app asks it who is signed in).
import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../../services/account/account-service.js';
import { v1Ok } from '../envelope.js';
import { callerOf } from '../plugins/auth.js';
import { PacificAccountResponse, UserMeV1Response } from './account-schemas.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function v1AccountRoutes(base: FastifyInstance, account: AccountService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v1/user/me', { schema: { tags: ['account'], response: { 200: UserMeV1Response, '4xx': V1Error } } }, async (request) =>
    v1Ok(await account.userInfo(callerOf(request))),
  );
  app.get(
    '/v1/pacific/account.get',
    { schema: { tags: ['account'], summary: 'The signed-in person and the space (HeyGen web-app shape)', response: { 200: PacificAccountResponse, '4xx': V1Error } } },
    async (request) => v1Ok(await account.pacificAccount(callerOf(request))),
  );
}
