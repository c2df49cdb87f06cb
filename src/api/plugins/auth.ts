// API key authentication: `X-Api-Key: <key>` or `Authorization: Bearer <key>`. Routes marked
// `config: { public: true }` (health, signed files, previews, docs) skip it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../services/ports.js';
import { OratorError } from '../../domain/errors.js';

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
    const result = authenticate(presentedKey(request));
    if (result instanceof Promise) result.then(finish, done);
    else finish(result);
  });
}
