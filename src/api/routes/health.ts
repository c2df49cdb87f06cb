import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { tags: ['health'], hide: true } }, async (_request, reply) => {
    const checks: Record<string, string> = {};
    let ready = true;
    await Promise.all(
      deps.readiness.map(async (c) => {
        try {
          await c.check();
          checks[c.name] = 'ok';
        } catch (err) {
          ready = false;
          checks[c.name] = err instanceof Error ? err.message : String(err);
        }
      }),
    );
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
