// POST /v3/voices/speech and its v3-style legacy twin POST /v1/audio/text_to_speech.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { spaceOf } from '../../plugins/auth.js';
import { SpeechBody, SpeechResponse } from '../../schemas/v3-catalogue.js';
import { V3Error } from '../../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../../type-provider.js';

export function registerV3SpeechRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  for (const url of ['/v3/voices/speech', '/v1/audio/text_to_speech']) {
    app.post(
      url,
      {
        config: { envelope: 'v3' },
        schema: { tags: ['v3 voices'], summary: 'Text to speech (audio URL, duration, word timestamps)', body: SpeechBody, response: { 200: SpeechResponse, '4xx': V3Error } },
      },
      async (request) => ({ data: await deps.v3.generateSpeech(spaceOf(request), request.body) }),
    );
  }
}
