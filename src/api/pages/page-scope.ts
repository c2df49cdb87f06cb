// What every server-rendered page plugin sets up in its own scope: HTML form bodies, errors answered
// as a page (never JSON, never a stack or a server path), a CSRF guard for posts, and "sign in first".
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { SignedInUser } from '../../services/users/user-ports.js';
import { toOratorError } from '../plugins/errors.js';
import { noteServerError } from '../plugins/request-logging.js';
import { csrfTokenIsValid, signedInUserOf } from '../plugins/web-session.js';
import { html } from './html.js';
import { sendPage } from './page-layout.js';

/** A posted HTML form, field by field (a repeated field keeps its last value). */
export type FormFields = Record<string, string | undefined>;

/** Pages answer with HTML, authenticate themselves (cookies), and stay out of the API's OpenAPI document. */
export const PAGE_ROUTE = { config: { public: true }, schema: { hide: true } } as const;

const FORM_BODY_LIMIT = 16 * 1024;

export function formOf(request: FastifyRequest): FormFields {
  return (request.body ?? {}) as FormFields;
}

export function registerPageScope(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    const fields: FormFields = Object.create(null) as FormFields;
    for (const [name, value] of new URLSearchParams(body as string)) fields[name] = value;
    done(null, fields);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const err = toOratorError(error, request);
    if (err.spec.httpStatus >= 500) noteServerError(request, error);
    const message = err.spec.httpStatus >= 500 ? 'Something went wrong on our side. Try again in a moment.' : err.message;
    return sendPage(reply, err.spec.httpStatus, err.spec.httpStatus === 403 ? 'Not allowed' : 'That did not work', html`<p class="error">${message}</p><p><a href="/account">Back to your account</a></p>`);
  });
}

/** preHandler for every page form post: no valid `_csrf` field, no action. */
export const requireCsrf: preHandlerHookHandler = (request, _reply, done) => {
  if (csrfTokenIsValid(request)) return done();
  done(new OratorError('forbidden', 'This form has expired or did not come from this site. Go back, reload the page and send it again.'));
};

/** A `next` target only within this site: a path, never `//host` or a backslash trick. */
export function safeNext(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f]/.test(raw)) return null;
  return raw;
}

/** The signed-in user, or null after answering with a redirect to the sign-in page (coming back here). */
export async function signedInOrRedirect(request: FastifyRequest, reply: FastifyReply): Promise<SignedInUser | null> {
  const signedIn = await signedInUserOf(request);
  if (signedIn) return signedIn;
  const back = request.method === 'GET' ? safeNext(request.url) : null;
  reply.header('cache-control', 'no-store').redirect(back ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in', 303);
  return null;
}
