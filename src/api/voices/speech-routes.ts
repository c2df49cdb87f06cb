// POST /v3/voices/speech and its v3-style legacy twin POST /v1/audio/text_to_speech.
import type { FastifyInstance } from 'fastify';
import type { VoiceService } from '../../services/voices/voice-service.js';
import { spaceOf } from '../plugins/auth.js';
import { SpeechBody, SpeechResponse } from './v3-voice-schemas.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function speechRoutes(base: FastifyInstance, voices: VoiceService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  for (const url of ['/v3/voices/speech', '/v1/audio/text_to_speech']) {
    app.post(
      url,
      {
        config: { envelope: 'v3' },
        schema: { tags: ['v3 voices'], summary: 'Text to speech (audio URL, duration, word timestamps)', body: SpeechBody, response: { 200: SpeechResponse, '4xx': V3Error } },
      },
      async (request) => ({ data: await voices.speech(spaceOf(request), request.body) }),
    );
  }
}
