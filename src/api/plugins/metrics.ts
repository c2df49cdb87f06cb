// HTTP metrics: every response is observed by route pattern, method and status; GET /metrics serves
// the Prometheus text. With ORATOR_METRICS_TOKEN set, /metrics wants `Authorization: Bearer <token>`
// wherever it is served; without one it is served only on the health port (ORATOR_HEALTH_PORT), which
// the operator keeps off the public network, and the API port refuses it as any unknown path (401
// without an API key, 404 with one).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { HttpMetrics, MetricsExposition } from '../../domain/metrics.js';
import { UNMATCHED_ROUTE } from './request-logging.js';

export interface MetricsDeps {
  http: HttpMetrics;
  exposition: MetricsExposition;
  /** ORATOR_METRICS_TOKEN. */
  token?: string;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function bearerMatches(request: FastifyRequest, expected: Buffer): boolean {
  const auth = request.headers.authorization;
  if (typeof auth !== 'string' || !/^bearer\s+/i.test(auth)) return false;
  // Equal-length digests: the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(auth.replace(/^bearer\s+/i, '').trim()), expected);
}

export function registerMetrics(app: FastifyInstance, deps: MetricsDeps, where: { healthPort: boolean }): void {
  const { http } = deps;
  app.addHook('onResponse', (request, reply, done) => {
    http.observeRequest(request.method, request.routeOptions.url ?? UNMATCHED_ROUTE, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  if (!deps.token && !where.healthPort) return;
  const expected = deps.token ? digest(deps.token) : undefined;
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (expected && !bearerMatches(request, expected)) {
      throw new OratorError('unauthorized', 'Metrics need the header Authorization: Bearer <metrics token>', { param: 'Authorization' });
    }
    const body = await deps.exposition.render();
    return reply.type(deps.exposition.contentType).send(body);
  });
}
