// The sign-in pages: sign in, sign out, your account, change password. Server-rendered HTML in its own
// scope (form bodies, HTML errors); every form carries a CSRF token.
import type { FastifyInstance } from 'fastify';
import type { UserService } from '../../services/users/user-service.js';
import { registerPageScope } from '../pages/page-scope.js';
import { accountRoutes } from './account-routes.js';
import { signInRoutes } from './sign-in-routes.js';

export async function signInPages(app: FastifyInstance, { users }: { users: UserService }): Promise<void> {
  registerPageScope(app);
  signInRoutes(app, users);
  accountRoutes(app, users);
}
