// GET/POST /sign-in and GET/POST /sign-out. A wrong password and an unknown email get the same page,
// status and wording; too many attempts get 429 with Retry-After. Success rotates the session cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserService } from '../../services/users/user-service.js';
import { sendPage, redirectAfterPost } from '../pages/page-layout.js';
import { formOf, PAGE_ROUTE, requireCsrf, safeNext } from '../pages/page-scope.js';
import { clearSessionCookie, csrfTokenFor, readSessionToken, setSessionCookie, signedInUserOf } from '../plugins/web-session.js';
import { signInForm, signOutPage } from './sign-in-views.js';

export const WRONG_CREDENTIALS = 'The email or the password is not right.';

const NOTICES: Record<string, string> = { signed_out: 'You are signed out.' };

function showSignIn(reply: FastifyReply, status: number, v: { next: string | null; email?: string; error?: string; notice?: string }): FastifyReply {
  return sendPage(reply, status, 'Sign in', signInForm({ ...v, csrf: csrfTokenFor(reply) }));
}

async function postSignIn(users: UserService, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const form = formOf(request);
  const next = safeNext(form.next);
  const outcome = await users.signIn({ email: form.email, password: form.password, address: request.ip, replacingToken: readSessionToken(request) });
  const email = typeof form.email === 'string' ? form.email.slice(0, 254) : '';
  switch (outcome.kind) {
    case 'signed_in':
      setSessionCookie(reply, outcome.token, outcome.session.expiresAt);
      return redirectAfterPost(reply, next ?? '/account');
    case 'refused':
      return showSignIn(reply, 401, { next, email, error: WRONG_CREDENTIALS });
    case 'throttled':
      reply.header('retry-after', String(outcome.retryAfterSec));
      return showSignIn(reply, 429, { next, email, error: `Too many sign-in attempts. Wait ${outcome.retryAfterSec} seconds and try again.` });
  }
}

export function signInRoutes(app: FastifyInstance, users: UserService): void {
  app.get<{ Querystring: { next?: string; notice?: string } }>('/sign-in', PAGE_ROUTE, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (await signedInUserOf(request)) return reply.redirect(next ?? '/account', 303);
    const notice = request.query.notice ? NOTICES[request.query.notice] : undefined;
    return showSignIn(reply, 200, { next, ...(notice ? { notice } : {}) });
  });
  app.post('/sign-in', { ...PAGE_ROUTE, preHandler: requireCsrf }, (request, reply) => postSignIn(users, request, reply));

  app.get('/sign-out', PAGE_ROUTE, async (request, reply) => {
    const signedIn = await signedInUserOf(request);
    if (!signedIn) return reply.redirect('/sign-in', 303);
    return sendPage(reply, 200, 'Sign out', signOutPage({ csrf: csrfTokenFor(reply), signedIn }));
  });
  app.post('/sign-out', { ...PAGE_ROUTE, preHandler: requireCsrf }, async (request, reply) => {
    await users.signOut(readSessionToken(request));
    clearSessionCookie(reply);
    return redirectAfterPost(reply, '/sign-in?notice=signed_out');
  });
}
