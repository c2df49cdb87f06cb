// The worker role serves no API, but process managers and load balancers still need to ask whether it
// is alive and can reach the database, queue and storage: a bare app with the health routes only.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.js';
import { registerHealthRoutes } from './routes/health.js';

export async function buildHealthApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerHealthRoutes(app, deps);
  await app.ready();
  return app;
}
