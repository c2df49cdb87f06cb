// Some routes answer in another version's envelope than their path says: HeyGen's spec gives
// /v2/videos* and /v1/audio/* the v3 envelope. A route opts in with `config: { envelope: 'v3' }`.
import type { FastifyRequest } from 'fastify';
import { apiVersionOf, type ApiVersion } from '../envelope.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    envelope?: ApiVersion;
  }
}

export function envelopeVersionOf(request: FastifyRequest): ApiVersion {
  return request.routeOptions?.config?.envelope ?? apiVersionOf(request.url);
}
