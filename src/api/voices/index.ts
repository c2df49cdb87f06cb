// The voice resource: v1 voice.list, v2 voices/locales and samples, v3 voices (and /v1/audio/voices),
// and text to speech (POST /v3/voices/speech, /v1/audio/text_to_speech).
import type { FastifyInstance } from 'fastify';
import type { VoiceService } from '../../services/voices/voice-service.js';
import { speechRoutes } from './speech-routes.js';
import { v1VoiceRoutes } from './v1-voice-routes.js';
import { v2VoiceRoutes } from './v2-voice-routes.js';
import { v3VoiceRoutes } from './v3-voice-routes.js';

export async function voiceRoutes(app: FastifyInstance, { voices }: { voices: VoiceService }): Promise<void> {
  v1VoiceRoutes(app, voices);
  v2VoiceRoutes(app, voices);
  v3VoiceRoutes(app, voices);
  speechRoutes(app, voices);
}
