import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { v1Ok, v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { RemainingQuotaResponse, UserMeV1Response, UserMeV2Response } from '../schemas/account.js';
import { V1Error, V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function registerAccountRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v1/user/me', { schema: { tags: ['account'], response: { 200: UserMeV1Response, '4xx': V1Error } } }, async (request) =>
    v1Ok(await deps.userInfo(spaceOf(request))),
  );
  app.get('/v2/user/me', { schema: { tags: ['account'], response: { 200: UserMeV2Response, '4xx': V2Error } } }, async (request) =>
    v2Ok(await deps.userInfo(spaceOf(request))),
  );
  app.get('/v2/user/remaining_quota', { schema: { tags: ['account'], response: { 200: RemainingQuotaResponse, '4xx': V2Error } } }, async () =>
    v2Ok(deps.remainingQuota()),
  );
}
