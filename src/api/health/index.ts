// /healthz: the process is alive. /readyz: every dependency (database, queue, storage) answers, each
// reported with its state; 503 while any is down, so a load balancer stops sending traffic and an
// operator sees which one. Each probe is capped, so a dependency that hangs reads as down instead of
// holding the probe open.
import type { FastifyInstance } from 'fastify';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** A dependency that has not answered in this long is reported down. */
export const READINESS_TIMEOUT_MS = 2000;

export interface DependencyState {
  state: 'up' | 'down';
  latency_ms: number;
  /** Why it is down: a driver's error code (ECONNREFUSED, 57P01 …), `timeout`, or the error's class; never its message, which may name hosts. */
  reason?: string;
}

function reasonOf(err: unknown): string {
  if (err === 'timeout') return 'timeout';
  const e = err as { code?: unknown; name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof e?.code === 'string' && e.code) return e.code;
  if (typeof e?.$metadata?.httpStatusCode === 'number') return `HTTP ${e.$metadata.httpStatusCode}`;
  if (typeof e?.name === 'string' && e.name && e.name !== 'Error') return e.name;
  return 'unavailable';
}

async function probe(check: () => Promise<void>): Promise<DependencyState> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject('timeout'), READINESS_TIMEOUT_MS)))]);
    return { state: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { state: 'down', latency_ms: Math.round(performance.now() - started), reason: reasonOf(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** A plugin: registered on the API app and on the health port (build-health-app.ts). */
export async function healthRoutes(app: FastifyInstance, deps: { readiness: readonly ReadinessCheck[] }): Promise<void> {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { tags: ['health'], hide: true } }, async (_request, reply) => {
    const results = await Promise.all(deps.readiness.map(async (c) => [c.name, await probe(() => c.check())] as const));
    const dependencies = Object.fromEntries(results);
    // `checks` is the one-word summary per dependency (ok / the reason it is down).
    const checks = Object.fromEntries(results.map(([name, s]) => [name, s.state === 'up' ? 'ok' : (s.reason ?? 'unavailable')]));
    const ready = results.every(([, s]) => s.state === 'up');
    if (!ready) reply.header('retry-after', '5');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks, dependencies });
  });
}
