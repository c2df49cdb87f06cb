// Browser sessions and CSRF. The session cookie holds a random token (the database keeps its hash):
// httpOnly, SameSite=Lax, Secure and `__Host-` prefixed when ORATOR_PUBLIC_URL is https. CSRF tokens
// come from @fastify/csrf-protection: its secret sits in a signed httpOnly cookie, and each token is
// bound to the session cookie presented with it, so a token made before sign-in is void after it.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { SignedInUser } from '../../services/users/user-ports.js';

export interface WebSessionSettings {
  /** Signs the CSRF secret cookie; generated at first start and kept in the database. */
  cookieSecret: string;
  /** HMAC key binding CSRF tokens to the session; generated like the cookie secret. */
  csrfKey: string;
  /** ORATOR_PUBLIC_URL is https: cookies get Secure (and the `__Host-` prefix). */
  secure: boolean;
}

interface WebSession extends WebSessionSettings {
  whoIsSignedIn(token: string | undefined): Promise<SignedInUser | null>;
  sessionCookie: string;
  csrfCookie: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    webSession: WebSession;
  }
}

const SIGNED_OUT = 'signed-out';

/** What a CSRF token is bound to: the session cookie as presented (hashed), or "signed out". */
function csrfBinding(request: FastifyRequest): string {
  const token = readSessionToken(request);
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 32) : SIGNED_OUT;
}

/** On the root instance, before the auth hook: cookies are parsed at onRequest for every route. */
export async function registerWebSession(app: FastifyInstance, settings: WebSessionSettings, whoIsSignedIn: WebSession['whoIsSignedIn']): Promise<void> {
  const prefix = settings.secure ? '__Host-' : '';
  const session: WebSession = { ...settings, whoIsSignedIn, sessionCookie: `${prefix}orator_session`, csrfCookie: `${prefix}orator_csrf` };
  app.decorate('webSession', session);
  await app.register(cookie, { secret: settings.cookieSecret, hook: 'onRequest' });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: session.csrfCookie,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: settings.secure, signed: true },
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: settings.csrfKey, userInfo: true },
  });
}

export function readSessionToken(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[request.server.webSession.sessionCookie];
  return value ? value : undefined;
}

const signedInCache = new WeakMap<FastifyRequest, Promise<SignedInUser | null>>();

/** Who is signed in for this request (looked up once per request); null when nobody is. */
export function signedInUserOf(request: FastifyRequest): Promise<SignedInUser | null> {
  let found = signedInCache.get(request);
  if (!found) signedInCache.set(request, (found = request.server.webSession.whoIsSignedIn(readSessionToken(request))));
  return found;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: number): void {
  const { sessionCookie, secure } = reply.server.webSession;
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply): void {
  const { sessionCookie, secure } = reply.server.webSession;
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** A CSRF token for a form or a cookie-authenticated API call made with this request's session. */
export function csrfTokenFor(reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: csrfBinding(reply.request) });
}

/**
 * Whether the request carries a valid CSRF token (form field `_csrf` or header `X-CSRF-Token`). The
 * plugin's own check answers by sending its error; here it is asked for a yes or no, so pages and API
 * routes each answer a refusal in their own way.
 */
export function csrfTokenIsValid(request: FastifyRequest): boolean {
  let valid = false;
  const probe = { send: () => probe, unsignCookie: (value: string) => request.server.unsignCookie(value) };
  request.server.csrfProtection(request, probe as unknown as FastifyReply, () => {
    valid = true;
  });
  return valid;
}
