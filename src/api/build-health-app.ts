// The health port (ORATOR_HEALTH_PORT): process managers and load balancers ask whether the process is
// alive and can reach the database, queue and storage, and Prometheus scrapes /metrics, on a port the
// operator keeps off the public network. The worker role serves nothing else; serve and all may add it.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerMetrics } from './plugins/metrics.js';
import { RequestLogController } from './plugins/request-logging.js';
import { healthRoutes } from './health/index.js';

export async function buildHealthApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : { logger: false }),
    logController: new RequestLogController(),
  });
  registerErrorHandling(app);
  if (deps.metrics) registerMetrics(app, deps.metrics, { healthPort: true });
  await app.register(healthRoutes, { readiness: deps.readiness });
  await app.ready();
  return app;
}
