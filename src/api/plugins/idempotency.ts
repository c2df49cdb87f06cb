// v3 `Idempotency-Key`: on every /v3 POST (a route may opt out with `config: { idempotent: false }`)
// the first 2xx response is stored per space + method + route + path params + key and replayed for
// 24 h. Another body under the same key is 422; a retry while the first still runs is 409.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { IdempotencyRef, IdempotencyStore } from '../../services/idempotency-store.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: IdempotencyRef | null;
  }
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_:.-]{1,255}$/;

/** Key order must not change the hash: clients re-serialise bodies on retry. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Which routes take the header: every v3 POST that creates something, unless a route opts out or in. */
function appliesTo(route: { method: string | string[]; url: string; config?: unknown }): boolean {
  const flag = (route.config as { idempotent?: boolean } | undefined)?.idempotent;
  if (flag !== undefined) return flag;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.includes('POST') && route.url.startsWith('/v3/');
}

export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, now: () => number = Date.now): void {
  app.decorateRequest('idempotency', null);

  // preHandler: after auth and body validation, so rejected requests never claim a key.
  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !request.principal) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new OratorError('invalid_parameter', 'Idempotency-Key must be 1-255 characters of A-Z, a-z, 0-9, _, -, : or .', { param: 'Idempotency-Key' });
    }
    const ref: IdempotencyRef = {
      spaceId: request.principal.spaceId,
      scope: `${request.method} ${request.routeOptions.url} ${canonicalJson(request.params ?? {})}`,
      key,
    };
    const hash = createHash('sha256').update(canonicalJson(request.body ?? null)).digest('hex');
    const claim = await store.claim(ref, hash, now());
    switch (claim.kind) {
      case 'claimed':
        request.idempotency = ref;
        return;
      case 'replay':
        return reply.code(claim.status).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(claim.body);
      case 'mismatch':
        throw new OratorError('idempotency_mismatch', undefined, { param: 'Idempotency-Key' });
      case 'in_progress':
        throw new OratorError('request_in_progress', undefined, { param: 'Idempotency-Key' });
    }
  };

  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const ref = request.idempotency;
    if (!ref) return payload;
    request.idempotency = null;
    // Only successes are kept: a rejected or failed request may be corrected and retried under the same key.
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') await store.complete(ref, reply.statusCode, payload);
    else await store.release(ref);
    return payload;
  };

  // Hooks go on the routes that take the header only, so status polls and other hot reads pay nothing.
  app.addHook('onRoute', (route) => {
    if (!appliesTo(route)) return;
    route.preHandler = [...toArray(route.preHandler), preHandler];
    route.onSend = [...toArray(route.onSend), onSend];
  });
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
