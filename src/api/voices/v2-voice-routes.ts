// GET /v2/voices and /v2/voices/locales, plus the voice samples (public, rendered on first request).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { VoiceService } from '../../services/voices/voice-service.js';
import { v2Ok } from '../envelope.js';
import { V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { VoiceLocalesResponse, VoicesResponse } from './voice-schemas.js';

export function v2VoiceRoutes(base: FastifyInstance, voices: VoiceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  app.get('/v2/voices', { schema: { tags: ['voices'], summary: 'List voices', response: { 200: VoicesResponse, '4xx': V2Error } } }, async () => v2Ok(voices.list()));

  app.get('/v2/voices/locales', { schema: { tags: ['voices'], summary: 'List the locales the voices speak', response: { 200: VoiceLocalesResponse, '4xx': V2Error } } }, async () =>
    v2Ok(voices.locales()),
  );

  app.get(
    '/previews/voices/:voiceId/audio',
    {
      config: { public: true },
      schema: { tags: ['voices'], summary: 'Voice sample (redirects to the cached file)', params: Type.Object({ voiceId: Type.String() }) },
    },
    async (request, reply) => reply.redirect(await voices.previewUrl(request.params.voiceId), 302),
  );
}
