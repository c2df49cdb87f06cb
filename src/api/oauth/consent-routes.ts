// The consent page (GET/POST /oauth/interaction/{uid}) and "Your apps" (GET /account/apps, POST
// /account/apps/revoke). Consent needs the Orator sign-in session (a signed-out visitor is sent to sign
// in and comes back), a CSRF token on the form, and names the app, its redirect URI, what it may do and
// the space it will act on. Pages answer in HTML and stay out of the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { OAuthAppService } from '../../services/oauth/oauth-apps.js';
import type { OAuthAuthorizationServer } from '../../services/oauth/oauth-ports.js';
import type { UserService } from '../../services/users/user-service.js';
import { redirectAfterPost, sendPage } from '../pages/page-layout.js';
import { formOf, PAGE_ROUTE, registerPageScope, requireCsrf, signedInOrRedirect } from '../pages/page-scope.js';
import { csrfTokenFor } from '../plugins/web-session.js';
import { appLabel, authorizedAppsPage, consentPage, noSpacePage } from './consent-views.js';

const formRedirects = new WeakMap<FastifyReply, string>();

/**
 * Browsers apply a page's CSP form-action to the redirects that follow its form, and the consent form
 * ends at the app's redirect URI: that one origin (or custom scheme) is added for this page only.
 */
function allowFormToReach(reply: FastifyReply, redirectUri: string): void {
  const url = URL.parse(redirectUri);
  if (!url) return;
  formRedirects.set(reply, url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol);
}

const NOTICES: Record<string, string> = { revoked: 'The app’s access was revoked: its tokens no longer work.' };

async function showConsent(deps: ConsentDeps, request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const signedIn = await signedInOrRedirect(request, reply);
  if (!signedIn) return reply;
  const interaction = await deps.oauth.interaction(request.raw, reply.raw);
  const memberships = await deps.users.memberships(signedIn.user.id);
  if (memberships.length === 0) return sendPage(reply, 403, 'No space to connect', noSpacePage());
  allowFormToReach(reply, interaction.redirectUri);
  return sendPage(reply, 200, `Connect ${appLabel(interaction.clientName)}?`, consentPage({ csrf: csrfTokenFor(reply), interaction, signedIn, memberships }));
}

async function decide(deps: ConsentDeps, request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const signedIn = await signedInOrRedirect(request, reply);
  if (!signedIn) return reply;
  const form = formOf(request);
  if (form.decision === 'deny') return redirectAfterPost(reply, await deps.oauth.deny(request.raw, reply.raw));
  if (form.decision !== 'allow') throw new OratorError('invalid_parameter', 'decision: choose Allow or Deny', { param: 'decision' });
  const spaceId = form.space_id ?? '';
  const membership = await deps.users.membership(signedIn.user.id, spaceId);
  if (!membership) throw new OratorError('forbidden', 'space_id: you can only connect an app to a space you belong to', { param: 'space_id' });
  const interaction = await deps.oauth.interaction(request.raw, reply.raw);
  const url = await deps.oauth.approve(request.raw, reply.raw, { userId: signedIn.user.id, spaceId, scopes: interaction.scopes });
  return redirectAfterPost(reply, url);
}

interface ConsentDeps {
  oauth: OAuthAuthorizationServer;
  apps: OAuthAppService;
  users: UserService;
}

export async function consentPages(app: FastifyInstance, deps: ConsentDeps): Promise<void> {
  registerPageScope(app);
  app.addHook('onSend', (_request, reply, payload, done) => {
    const target = formRedirects.get(reply);
    const csp = reply.getHeader('content-security-policy');
    if (target && typeof csp === 'string') reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${target}`));
    done(null, payload);
  });
  const params = { type: 'object', properties: { uid: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['uid'] } as const;
  app.get<{ Params: { uid: string } }>('/oauth/interaction/:uid', { ...PAGE_ROUTE, schema: { ...PAGE_ROUTE.schema, params } }, (request, reply) => showConsent(deps, request, reply));
  app.post<{ Params: { uid: string } }>('/oauth/interaction/:uid', { ...PAGE_ROUTE, schema: { ...PAGE_ROUTE.schema, params }, preHandler: requireCsrf }, (request, reply) => decide(deps, request, reply));

  app.get<{ Querystring: { notice?: string } }>('/account/apps', PAGE_ROUTE, async (request, reply) => {
    const signedIn = await signedInOrRedirect(request, reply);
    if (!signedIn) return reply;
    const apps = await deps.apps.listAuthorizedApps(signedIn.user.id);
    const notice = request.query.notice ? NOTICES[request.query.notice] : undefined;
    return sendPage(reply, 200, 'Your apps', authorizedAppsPage({ csrf: csrfTokenFor(reply), apps, ...(notice ? { notice } : {}) }));
  });
  app.post('/account/apps/revoke', { ...PAGE_ROUTE, preHandler: requireCsrf }, async (request, reply) => {
    const signedIn = await signedInOrRedirect(request, reply);
    if (!signedIn) return reply;
    await deps.apps.revokeAuthorizedApp(signedIn.user.id, formOf(request).grant_id ?? '');
    return redirectAfterPost(reply, '/account/apps?notice=revoked');
  });
}
