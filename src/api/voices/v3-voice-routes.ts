// GET /v3/voices[/{voice_id}] and the v3-style /v1/audio/voices. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { VoiceService } from '../../services/voices/voice-service.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { VoiceResponse, VoicesQuery, VoicesResponse } from './v3-voice-schemas.js';

export function v3VoiceRoutes(base: FastifyInstance, voices: VoiceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const errors = { '4xx': V3Error };

  app.get('/v3/voices', { schema: { tags: ['v3 voices'], summary: 'List voices', querystring: VoicesQuery, response: { 200: VoicesResponse, ...errors } } }, async (request) =>
    voices.listV3({ ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get(
    '/v1/audio/voices',
    {
      config: { envelope: 'v3' },
      schema: { tags: ['v3 voices'], summary: 'List TTS voices (v3-style envelope)', querystring: Type.Omit(VoicesQuery, ['engine']), response: { 200: VoicesResponse, ...errors } },
    },
    async (request) => voices.listV3({ ...request.query, limit: request.query.limit ?? 20, token: request.query.token || undefined }),
  );
  app.get(
    '/v3/voices/:voice_id',
    { schema: { tags: ['v3 voices'], summary: 'Get a voice', params: Type.Object({ voice_id: Type.String() }), response: { 200: VoiceResponse, ...errors } } },
    async (request) => ({ data: voices.getV3(request.params.voice_id) }),
  );
}
