// The account resource: user/me (v1, v2, v3) and the v2 remaining quota.
import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../../services/account/account-service.js';
import { v1AccountRoutes } from './v1-account-routes.js';
import { v2AccountRoutes } from './v2-account-routes.js';
import { v3AccountRoutes } from './v3-account-routes.js';

export async function accountRoutes(app: FastifyInstance, { account }: { account: AccountService }): Promise<void> {
  v1AccountRoutes(app, account);
  v2AccountRoutes(app, account);
  v3AccountRoutes(app, account);
}
