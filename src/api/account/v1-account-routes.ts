// GET /v1/user/me.
import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../../services/account/account-service.js';
import { v1Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { UserMeV1Response } from './account-schemas.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function v1AccountRoutes(base: FastifyInstance, account: AccountService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v1/user/me', { schema: { tags: ['account'], response: { 200: UserMeV1Response, '4xx': V1Error } } }, async (request) =>
    v1Ok(await account.userInfo(spaceOf(request))),
  );
}
