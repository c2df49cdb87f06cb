// The v1/v2 video contract: responses and query strings (the POST /v2/video/generate body lives with its
// service, services/videos/generate-video-input.ts, so the service's input type is derived from it).
import { Type } from '@sinclair/typebox';
import { Nullable, V1Envelope, V2Envelope } from '../schemas/envelopes.js';

export const GenerateVideoResponse = V2Envelope(Type.Object({ video_id: Type.String() }));

export const VideoIdQuery = Type.Object({ video_id: Type.String({ minLength: 1 }) });

/** Orator extension: what the render measured on its own output file (clients ignore unknown fields). */
export const QualitySchema = Type.Object(
  {
    envelope_correlation: Type.Number({ description: 'Correlation between mouth opening and audio loudness, read back from the output file' }),
    av_offset_ms: Type.Number({ description: 'Audio/video offset at the cross-correlation peak, ms (positive = video late)' }),
    lip_sync_method: Type.Optional(Type.String({ enum: ['face_landmarks', 'mouth_pixels'], description: 'How the mouth was read: the inner-lip gap a face tracker sees on the output (photo avatars) or the change of the mouth pixels (drawn avatars)' })),
    speech_opening: Type.Optional(Nullable(Type.Number({ description: 'Photo avatars: mean inner-lip gap while speaking, as a fraction of the eye distance' }))),
    pause_opening: Type.Optional(Nullable(Type.Number({ description: 'Photo avatars: mean inner-lip gap in pauses' }))),
    opening_ratio: Type.Optional(Nullable(Type.Number({ description: 'Photo avatars: speech_opening / pause_opening' }))),
  },
  { description: 'Lip-sync figures measured on the finished file; null until the video completed.' },
);

export const VideoStatusData = Type.Object({
  id: Type.String(),
  status: Type.String({ enum: ['pending', 'waiting', 'processing', 'completed', 'failed'] }),
  video_url: Nullable(Type.String()),
  video_url_caption: Nullable(Type.String()),
  thumbnail_url: Nullable(Type.String()),
  gif_url: Nullable(Type.String()),
  caption_url: Nullable(Type.String()),
  duration: Nullable(Type.Number()),
  callback_id: Nullable(Type.String()),
  created_at: Type.Integer({ description: 'Unix seconds' }),
  error: Nullable(Type.Object({ code: Type.Integer(), message: Type.String(), detail: Nullable(Type.String()) })),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  quality: Nullable(QualitySchema),
});

export const VideoStatusResponse = V1Envelope(VideoStatusData);

export const VideoListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 100 })),
  token: Type.Optional(Type.String()),
});

export const VideoListResponse = V1Envelope(
  Type.Object({
    videos: Type.Array(
      Type.Object({
        video_id: Type.String(),
        video_title: Nullable(Type.String()),
        status: Type.String(),
        created_at: Type.Integer(),
        type: Type.Literal('GENERATED'),
      }),
    ),
    token: Nullable(Type.String()),
  }),
);

export const VideoDeleteResponse = V1Envelope(Type.Null());
