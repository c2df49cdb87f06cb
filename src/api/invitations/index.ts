// Invitation links: GET /invitations/{token} shows the offer; POST …/accept joins as the signed-in
// person; POST …/register makes an account, joins and signs in. A used, withdrawn, expired or forged
// link gets a page that says which, with no detail about the space.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isOratorError } from '../../domain/errors.js';
import type { SpaceService } from '../../services/spaces/space-service.js';
import type { UserService } from '../../services/users/user-service.js';
import { html } from '../pages/html.js';
import { redirectAfterPost, sendPage } from '../pages/page-layout.js';
import { formOf, PAGE_ROUTE, registerPageScope, requireCsrf, signedInOrRedirect } from '../pages/page-scope.js';
import { csrfTokenFor, readSessionToken, setSessionCookie, signedInUserOf } from '../plugins/web-session.js';
import { acceptForm, invitationOffer, registerForm } from './invitation-views.js';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

const UNUSABLE = {
  invalid: 'This invitation link is not valid. Check that it was copied whole.',
  accepted: 'This invitation has already been used. Ask a space admin for a new one.',
  revoked: 'This invitation was withdrawn. Ask a space admin for a new one.',
  expired: 'This invitation has expired. Ask a space admin for a new one.',
} as const;

async function showInvitation(deps: Deps, request: TokenRequest, reply: FastifyReply, status = 200, error?: string): Promise<FastifyReply> {
  const { token } = request.params;
  const open = await deps.spaces.openInvitation(token);
  if (open.kind !== 'open') return sendPage(reply, open.reason === 'invalid' ? 404 : 410, 'Invitation', html`<p class="error">${UNUSABLE[open.reason]}</p>`);
  const signedIn = await signedInUserOf(request);
  const csrf = csrfTokenFor(reply);
  const form = formOf(request);
  const body = signedIn
    ? acceptForm({ csrf, token, signedIn })
    : registerForm({ csrf, token, email: form.email ?? open.invitation.email, ...(form.name ? { name: form.name } : {}), ...(error ? { error } : {}) });
  return sendPage(reply, status, 'Invitation', html`${invitationOffer(open)}${signedIn && error ? html`<p class="error" role="alert">${error}</p>` : ''}${body}`);
}

interface Deps {
  users: UserService;
  spaces: SpaceService;
}

async function accept(deps: Deps, request: TokenRequest, reply: FastifyReply): Promise<FastifyReply> {
  const signedIn = await signedInOrRedirect(request, reply);
  if (!signedIn) return reply;
  try {
    const membership = await deps.spaces.acceptInvitation(request.params.token, signedIn.user);
    await deps.users.switchSpace(signedIn, membership.spaceId);
    return redirectAfterPost(reply, '/account?notice=joined');
  } catch (err) {
    if (isOratorError(err) && err.spec.httpStatus < 500) return showInvitation(deps, request, reply, err.spec.httpStatus, err.message);
    throw err;
  }
}

async function register(deps: Deps, request: TokenRequest, reply: FastifyReply): Promise<FastifyReply> {
  const form = formOf(request);
  try {
    await deps.spaces.registerWithInvitation(request.params.token, { email: form.email, name: form.name, password: form.password });
  } catch (err) {
    if (isOratorError(err) && err.spec.httpStatus < 500) return showInvitation(deps, request, reply, err.spec.httpStatus, err.message);
    throw err;
  }
  // Signing in the ordinary way: the same throttles, and a fresh session replacing any the browser had.
  const outcome = await deps.users.signIn({ email: form.email, password: form.password, address: request.ip, replacingToken: readSessionToken(request) });
  if (outcome.kind !== 'signed_in') return redirectAfterPost(reply, '/sign-in');
  setSessionCookie(reply, outcome.token, outcome.session.expiresAt);
  return redirectAfterPost(reply, '/account?notice=joined');
}

export async function invitationPages(app: FastifyInstance, deps: Deps): Promise<void> {
  registerPageScope(app);
  app.get<{ Params: { token: string } }>('/invitations/:token', PAGE_ROUTE, (request, reply) => showInvitation(deps, request, reply));
  app.post<{ Params: { token: string } }>('/invitations/:token/accept', { ...PAGE_ROUTE, preHandler: requireCsrf }, (request, reply) => accept(deps, request, reply));
  app.post<{ Params: { token: string } }>('/invitations/:token/register', { ...PAGE_ROUTE, preHandler: requireCsrf }, (request, reply) => register(deps, request, reply));
}
