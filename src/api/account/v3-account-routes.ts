// GET /v3/users/me, plus /v3/user/me which early heygen-cli builds called.
import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../../services/account/account-service.js';
import { callerOf } from '../plugins/auth.js';
import { UserInfo } from './account-schemas.js';
import { V3Envelope, V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

const UserMeV3Response = V3Envelope(UserInfo);

export function v3AccountRoutes(base: FastifyInstance, account: AccountService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  for (const url of ['/v3/users/me', '/v3/user/me']) {
    app.get(url, { schema: { tags: ['account'], summary: 'Current user', hide: url === '/v3/user/me', response: { 200: UserMeV3Response, '4xx': V3Error } } }, async (request) => ({
      data: await account.userInfo(callerOf(request)),
    }));
  }
}
