// GET /v1/voice.list: the same items as GET /v2/voices, in the v1 envelope.
import type { FastifyInstance } from 'fastify';
import type { VoiceService } from '../../services/voices/voice-service.js';
import { v1Ok } from '../envelope.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { V1VoiceListResponse } from './voice-schemas.js';

export function v1VoiceRoutes(base: FastifyInstance, voices: VoiceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get('/v1/voice.list', { schema: { tags: ['voices'], summary: 'List voices (v1 envelope)', response: { 200: V1VoiceListResponse, '4xx': V1Error } } }, async () =>
    v1Ok({ list: voices.list().voices }),
  );
}
