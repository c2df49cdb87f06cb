// Per-API-key request rate limit (see src/ratelimit/): over the limit → 429 with Retry-After seconds,
// in the path version's envelope. Public routes (health, files, docs) are not limited.
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { RateLimiter } from '../../services/ports.js';

export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter | null | undefined): void {
  if (!limiter) return;
  // Registered after auth, so `principal` is known. Callback style: the in-process limiter answers
  // synchronously, with no promise on the request path.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.principal) return done();
    const finish = (retryAfter: number): void => {
      if (retryAfter === 0) return done();
      reply.header('retry-after', String(retryAfter));
      done(new OratorError('rate_limit_exceeded'));
    };
    const result = limiter.take(request.principal.keyId);
    if (typeof result === 'number') finish(result);
    else result.then(finish, done);
  });
}
