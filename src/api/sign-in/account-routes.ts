// GET /account (who you are, your spaces) and GET/POST /account/password. Signed-in only: anyone else
// is sent to /sign-in and brought back afterwards.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isOratorError } from '../../domain/errors.js';
import type { UserService } from '../../services/users/user-service.js';
import { redirectAfterPost, sendPage } from '../pages/page-layout.js';
import { formOf, PAGE_ROUTE, requireCsrf, signedInOrRedirect } from '../pages/page-scope.js';
import { csrfTokenFor, setSessionCookie } from '../plugins/web-session.js';
import { accountPage, passwordForm } from './sign-in-views.js';

const NOTICES: Record<string, string> = {
  password_changed: 'Your password was changed. Other browsers were signed out.',
  joined: 'You joined the space.',
};

function showPasswordForm(reply: FastifyReply, status: number, error?: string): FastifyReply {
  return sendPage(reply, status, 'Change password', passwordForm({ csrf: csrfTokenFor(reply), ...(error ? { error } : {}) }));
}

async function postPassword(users: UserService, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const signedIn = await signedInOrRedirect(request, reply);
  if (!signedIn) return reply;
  const form = formOf(request);
  if (form.new_password !== form.confirm_password) return showPasswordForm(reply, 400, 'The two new passwords are not the same.');
  try {
    const outcome = await users.changePassword(signedIn, { current: form.current_password, next: form.new_password });
    switch (outcome.kind) {
      case 'changed':
        setSessionCookie(reply, outcome.token, outcome.session.expiresAt);
        return redirectAfterPost(reply, '/account?notice=password_changed');
      case 'refused':
        return showPasswordForm(reply, 401, 'The current password is not right.');
      case 'throttled':
        reply.header('retry-after', String(outcome.retryAfterSec));
        return showPasswordForm(reply, 429, `Too many attempts. Wait ${outcome.retryAfterSec} seconds and try again.`);
    }
  } catch (err) {
    // A new password that breaks the rules: say which rule, on the same form.
    if (isOratorError(err) && err.spec.httpStatus === 400) return showPasswordForm(reply, 400, err.message.replace(/^new_password/, 'The new password'));
    throw err;
  }
}

export function accountRoutes(app: FastifyInstance, users: UserService): void {
  app.get<{ Querystring: { notice?: string } }>('/account', PAGE_ROUTE, async (request, reply) => {
    const signedIn = await signedInOrRedirect(request, reply);
    if (!signedIn) return reply;
    const notice = request.query.notice ? NOTICES[request.query.notice] : undefined;
    const memberships = await users.memberships(signedIn.user.id);
    return sendPage(reply, 200, 'Your account', accountPage({ csrf: csrfTokenFor(reply), signedIn, memberships, ...(notice ? { notice } : {}) }));
  });
  app.get('/account/password', PAGE_ROUTE, async (request, reply) => {
    if (!(await signedInOrRedirect(request, reply))) return reply;
    return showPasswordForm(reply, 200);
  });
  app.post('/account/password', { ...PAGE_ROUTE, preHandler: requireCsrf }, (request, reply) => postPassword(users, request, reply));
}
