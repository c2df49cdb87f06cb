import { Type } from '@sinclair/typebox';
import { V2Envelope } from './envelopes.js';

export const AvatarsResponse = V2Envelope(
  Type.Object({
    avatars: Type.Array(
      Type.Object({
        avatar_id: Type.String(),
        avatar_name: Type.String(),
        gender: Type.String(),
        preview_image_url: Type.String(),
        preview_video_url: Type.String(),
        premium: Type.Boolean(),
        default_voice_id: Type.String(),
        tags: Type.Array(Type.String()),
      }),
    ),
    talking_photos: Type.Array(Type.Object({ talking_photo_id: Type.String(), talking_photo_name: Type.String(), preview_image_url: Type.String() })),
  }),
);

export const VoicesResponse = V2Envelope(
  Type.Object({
    voices: Type.Array(
      Type.Object({
        voice_id: Type.String(),
        language: Type.String(),
        gender: Type.String(),
        name: Type.String(),
        preview_audio: Type.String(),
        support_pause: Type.Boolean(),
        emotion_support: Type.Boolean(),
        support_interactive_avatar: Type.Boolean(),
      }),
    ),
  }),
);
