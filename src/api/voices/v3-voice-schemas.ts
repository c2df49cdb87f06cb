// v3 voices and speech: HeyGen's field names, cursor pagination.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { opt, V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

export const Voice = Type.Object({
  voice_id: Type.String(),
  name: Type.String(),
  language: Type.String(),
  gender: Type.String(),
  preview_audio_url: Nullable(Type.String()),
  support_pause: Type.Boolean(),
  support_locale: Type.Boolean(),
  type: Type.String({ enum: ['public', 'private'] }),
});

export const VoiceDetail = Type.Object({
  voice_id: Type.String(),
  name: Nullable(Type.String()),
  language: Nullable(Type.String()),
  gender: Nullable(Type.String()),
  preview_audio_url: Nullable(Type.String()),
  support_pause: Type.Boolean(),
  support_interactive_avatar: Type.Boolean(),
  status: Nullable(Type.String()),
  created_at: Nullable(Type.Integer()),
  failure_message: Nullable(Type.String()),
});

export const VoicesQuery = Type.Object({
  type: Type.Optional(Type.String({ enum: ['public', 'private'], default: 'public' })),
  engine: Type.Optional(Type.String({ description: "'starfish' lists this server's TTS voices." })),
  language: Type.Optional(Type.String()),
  gender: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  token: Type.Optional(Type.String()),
});

export const SpeechBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    voice_id: Type.String({ minLength: 1 }),
    input_type: Type.Optional(Type.String({ enum: ['text', 'ssml'], default: 'text' })),
    speed: Type.Optional(Type.Number({ minimum: 0.5, maximum: 2, default: 1 })),
    language: opt(Type.String()),
    locale: opt(Type.String()),
  },
  { description: 'Unknown fields are accepted and ignored.' },
);

export const SpeechResponse = V3Envelope(
  Type.Object({
    audio_url: Type.String(),
    duration: Type.Number(),
    request_id: Nullable(Type.String()),
    word_timestamps: Nullable(Type.Array(Type.Object({ word: Type.String(), start: Type.Number(), end: Type.Number() }))),
  }),
);

export const VoicesResponse = V3ListEnvelope(Voice);
export const VoiceResponse = V3Envelope(VoiceDetail);
