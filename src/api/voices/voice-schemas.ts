// Stock voice shapes: v2 voices and voice locales; v1 wraps the same items.
import { Type } from '@sinclair/typebox';
import { Nullable, V1Envelope, V2Envelope } from '../schemas/envelopes.js';

export const VoiceItem = Type.Object({
  voice_id: Type.String(),
  language: Type.String(),
  gender: Type.String(),
  name: Type.String(),
  preview_audio: Type.String(),
  support_pause: Type.Boolean(),
  emotion_support: Type.Boolean(),
  support_interactive_avatar: Type.Boolean(),
});

export const VoicesResponse = V2Envelope(Type.Object({ voices: Type.Array(VoiceItem) }));

/** GET /v1/voice.list: the v2 voice items in the v1 envelope. */
export const V1VoiceListResponse = V1Envelope(Type.Object({ list: Type.Array(VoiceItem) }));

export const VoiceLocalesResponse = V2Envelope(
  Type.Object({
    locales: Type.Array(
      Type.Object({
        value: Type.String({ description: 'Display name, e.g. "English (United Kingdom)".' }),
        label: Type.String(),
        language: Type.String(),
        tag: Nullable(Type.String()),
        locale: Type.String({ examples: ['en-GB'] }),
        language_code: Type.String(),
      }),
    ),
  }),
);
