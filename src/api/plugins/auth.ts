// Authentication: an API key (`X-Api-Key: <key>` or `Authorization: Bearer <key>`), else a browser
// session cookie (plugins/web-session.ts), which acts as its person in the session's space. A
// cookie-authenticated request that changes something must also carry the X-CSRF-Token header.
// Routes marked `config: { public: true }` (health, signed files, previews, docs, pages) skip it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../services/ports.js';
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

export function registerAuth(app: FastifyInstance, authenticate: (key: string | undefined) => Principal | null | Promise<Principal | null>): void {
  app.decorateRequest('principal', null);
  // Callback style: a cached key is answered without a promise or an extra turn of the event loop.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config?.public) return done();
    const finish = (principal: Principal | null): void => {
      if (!principal) return done(new OratorError('unauthorized'));
      request.principal = principal;
      done();
    };
    const key = presentedKey(request);
    if (key === undefined && app.hasDecorator('webSession') && readSessionToken(request)) {
      authenticateSession(request).then(finish, done);
      return;
    }
    const result = authenticate(key);
    if (result instanceof Promise) result.then(finish, done);
    else finish(result);
  });
}
