// GET /v2/user/me and /v2/user/remaining_quota.
import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../../services/account/account-service.js';
import { v2Ok } from '../envelope.js';
import { callerOf } from '../plugins/auth.js';
import { RemainingQuotaResponse, UserMeV2Response } from './account-schemas.js';
import { V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function v2AccountRoutes(base: FastifyInstance, account: AccountService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v2/user/me', { schema: { tags: ['account'], response: { 200: UserMeV2Response, '4xx': V2Error } } }, async (request) =>
    v2Ok(await account.userInfo(callerOf(request))),
  );
  app.get('/v2/user/remaining_quota', { schema: { tags: ['account'], response: { 200: RemainingQuotaResponse, '4xx': V2Error } } }, async () =>
    v2Ok(account.remainingQuota()),
  );
}
