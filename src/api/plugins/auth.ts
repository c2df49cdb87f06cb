// Authentication: an API key (`X-Api-Key: <key>` or `Authorization: Bearer <key>`), an OAuth access
// token (`Authorization: Bearer <token>`, told apart from a key by its shape; it acts as the person who
// authorised the app, in the space they chose, within its scopes), else a browser session cookie
// (plugins/web-session.ts), which acts as its person in the session's space. A cookie-authenticated
// request that changes something must also carry the X-CSRF-Token header.
// Routes marked `config: { public: true }` (health, signed files, previews, docs, pages) skip it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../services/ports.js';
import type { AccessTokenCheck } from '../../services/oauth/oauth-ports.js';
import { scopesNeededFor } from '../../services/oauth/oauth-scopes.js';
import type { SignedInUser } from '../../services/users/user-ports.js';
import { OratorError } from '../../domain/errors.js';
import { csrfTokenIsValid, readSessionToken, signedInUserOf } from './web-session.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header.trim();
  const auth = request.headers.authorization;
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  return undefined;
}

/** The authenticated space; only call from non-public routes. */
export function spaceOf(request: FastifyRequest): string {
  if (!request.principal) throw new OratorError('unauthorized');
  return request.principal.spaceId;
}

/** The authenticated space and, when a person calls, whose account it is; only call from non-public routes. */
export function callerOf(request: FastifyRequest): { spaceId: string; userId: string | undefined } {
  if (!request.principal) throw new OratorError('unauthorized');
  return { spaceId: request.principal.spaceId, userId: request.principal.userId };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A person's principal: rate-limited per person (all their sessions together), acting on the session's space. */
export function sessionPrincipal(signedIn: SignedInUser): Principal {
  if (!signedIn.space) throw new OratorError('forbidden', 'Your account belongs to no space yet: ask a space admin for an invitation');
  return { keyId: `user:${signedIn.user.id}`, spaceId: signedIn.space.id, userId: signedIn.user.id };
}

async function authenticateSession(request: FastifyRequest): Promise<Principal> {
  const signedIn = await signedInUserOf(request);
  if (!signedIn) throw new OratorError('unauthorized', 'Not signed in, or the session has ended: sign in again at /sign-in, or send an API key in X-Api-Key');
  const principal = sessionPrincipal(signedIn);
  if (!SAFE_METHODS.has(request.method) && !csrfTokenIsValid(request)) {
    throw new OratorError('forbidden', 'A request authenticated by the session cookie must send X-CSRF-Token (GET /v3/session returns it)', { param: 'X-CSRF-Token' });
  }
  return principal;
}

type Authenticate = (key: string | undefined) => Principal | null | Promise<Principal | null>;
type CheckAccessToken = (token: string) => AccessTokenCheck | Promise<AccessTokenCheck>;

/** The Bearer value when no X-Api-Key header is sent (a key header wins, as HeyGen's clients never send both). */
function bearerOnly(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return undefined;
  const auth = request.headers.authorization;
  return auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : undefined;
}

/** RFC 6750: a refused token says why in WWW-Authenticate, so OAuth client libraries know to refresh. */
function refuseToken(reply: FastifyReply, error: 'invalid_token' | 'insufficient_scope', failure: OratorError, scope?: string): OratorError {
  const description = failure.message.replace(/["\\]/g, "'");
  reply.header('www-authenticate', `Bearer error="${error}", error_description="${description}"${scope ? `, scope="${scope}"` : ''}`);
  return failure;
}

/** A live token's principal, or why it may not make this request (a scope it was not granted). */
function tokenPrincipal(request: FastifyRequest, reply: FastifyReply, check: Extract<AccessTokenCheck, { kind: 'valid' }>): Principal | OratorError {
  const missing = scopesNeededFor(request.method, request.routeOptions.url).filter((s) => !check.scopes.has(s));
  if (missing.length === 0) return check.principal;
  const granted = [...check.scopes].join(' ') || 'none';
  const failure = new OratorError('forbidden', `This access token was granted the scopes ${granted}; this request needs ${missing.join(' ')}. Connect the app again asking for scope ${missing.join(' ')}`);
  return refuseToken(reply, 'insufficient_scope', failure, missing.join(' '));
}

export function registerAuth(app: FastifyInstance, authenticate: Authenticate, checkAccessToken?: CheckAccessToken): void {
  app.decorateRequest('principal', null);
  // Callback style: a cached key is answered without a promise or an extra turn of the event loop.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.public) return done();
    const finish = (principal: Principal | null): void => {
      if (!principal) return done(new OratorError('unauthorized'));
      request.principal = principal;
      done();
    };
    const byKey = (key: string | undefined): void => {
      const result = authenticate(key);
      if (result instanceof Promise) result.then(finish, done);
      else finish(result);
    };
    const onToken = (check: AccessTokenCheck, token: string): void => {
      if (check.kind === 'not_a_token') return byKey(token);
      if (check.kind === 'expired') return done(refuseToken(reply, 'invalid_token', new OratorError('access_token_expired')));
      if (check.kind === 'valid') {
        const outcome = tokenPrincipal(request, reply, check);
        return outcome instanceof OratorError ? done(outcome) : finish(outcome);
      }
      // A configured API key may have any shape, a token's included.
      Promise.resolve(authenticate(token)).then((principal) => {
        if (principal) return finish(principal);
        done(refuseToken(reply, 'invalid_token', new OratorError('invalid_access_token', `The access token is not valid: ${check.reason}. Connect the app again`)));
      }, done);
    };
    const bearer = checkAccessToken ? bearerOnly(request) : undefined;
    if (bearer && checkAccessToken) {
      const check = checkAccessToken(bearer);
      if (check instanceof Promise) check.then((c) => onToken(c, bearer), done);
      else onToken(check, bearer);
      return;
    }
    const key = presentedKey(request);
    if (key === undefined && app.hasDecorator('webSession') && readSessionToken(request)) {
      authenticateSession(request).then(finish, done);
      return;
    }
    byKey(key);
  });
}
