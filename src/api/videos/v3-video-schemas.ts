// POST /v3/videos, GET /v3/videos[/{video_id}], DELETE; also serves the v3-style /v2/videos routes.
// The body is one flat object whose `type` picks the variant: the service checks per-variant rules so
// errors name v3 fields, instead of Ajv's opaque oneOf failures. Unknown fields are accepted.
import { Type, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { opt, V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';
import { QualitySchema } from './video-schemas.js';

const Asset = Type.Object(
  {
    type: Type.String({ enum: ['url', 'asset_id', 'base64'] }),
    url: Type.Optional(Type.String()),
    asset_id: Type.Optional(Type.String()),
    data: Type.Optional(Type.String()),
    media_type: Type.Optional(Type.String()),
  },
  { description: 'An image by URL, or by asset id where the id is a talking photo (POST /v1/talking_photo or a stock photo); base64 is not supported yet.' },
);

/** A scene background of the flat create bodies (v3 and POST /v2/videos): a colour or an image. */
export const VideoBackground = Type.Object({
  type: Type.String({ enum: ['color', 'image'] }),
  value: opt(Type.String()),
  url: opt(Type.String()),
  asset_id: opt(Type.String()),
});

export const VoiceSettings = Type.Object({
  speed: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1.5, description: 'Default 1.' })),
  pitch: Type.Optional(Type.Number({ minimum: -50, maximum: 50, description: 'Default 0.' })),
  volume: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Default 1 (an Orator extension on POST /v2/videos).' })),
  locale: opt(Type.String()),
});

export const CreateVideoV3Body = Type.Object(
  {
    type: Type.String({ enum: ['avatar', 'image', 'cinematic_avatar', 'studio'], description: "'avatar' (a stock avatar look) and 'image' (a photo with a detectable face, animated) are supported." }),
    avatar_id: opt(Type.String({ minLength: 1, description: 'A look id from GET /v3/avatars/looks (stock avatar id).' })),
    image: opt(Asset),
    title: opt(Type.String({ maxLength: 500 })),
    script: opt(Type.String({ description: 'Text to speak; omit voice_id to use the avatar default voice.' })),
    voice_id: opt(Type.String()),
    audio_url: opt(Type.String()),
    audio_asset_id: opt(Type.String()),
    voice_settings: opt(VoiceSettings),
    background: opt(VideoBackground),
    aspect_ratio: opt(Type.String({ enum: ['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'], description: "Default '16:9'." })),
    resolution: opt(Type.String({ enum: ['4k', '1080p', '720p'], description: "Default '720p' on this server." })),
    dimension: opt(Type.Object({ width: Type.Integer(), height: Type.Integer() }, { description: 'Orator extension: explicit size; wins over aspect_ratio/resolution.' })),
    caption: opt(
      Type.Union([
        Type.Object({ file_format: Type.Optional(Type.String({ enum: ['srt'] })), style: opt(Type.String({ enum: ['default'] })) }),
        Type.Boolean(),
      ]),
    ),
    output_format: opt(Type.String({ enum: ['mp4', 'webm'], description: 'Default mp4.' })),
    fit: opt(Type.String({ enum: ['contain', 'cover'] })),
    remove_background: opt(Type.Boolean()),
    motion_prompt: opt(Type.String()),
    expressiveness: opt(Type.String({ enum: ['high', 'medium', 'low'] })),
    watermark: opt(
      Type.Object({
        image: Asset,
        scale: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'Default 1.' })),
        opacity: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Default 1.' })),
        placement: opt(
          Type.Object({
            position: Type.Optional(Type.String({ enum: ['top_left', 'top_right', 'bottom_left', 'bottom_right'], description: 'Default bottom_right.' })),
            offset_x: opt(Type.Number()),
            offset_y: opt(Type.Number()),
          }),
        ),
      }),
    ),
    engine: opt(Type.Object({ type: Type.String({ description: 'Default avatar_iv.' }), reference_look_id: opt(Type.String()) })),
    callback_url: opt(Type.String({ maxLength: 2048 })),
    callback_id: opt(Type.String({ maxLength: 500 })),
    folder_id: opt(Type.String()),
  },
  { description: 'HeyGen v3 create-video body (avatar variant). Unknown fields are accepted and ignored.' },
);

export const CreateVideoV3Response = V3Envelope(
  Type.Object({ video_id: Type.String(), status: Type.String({ examples: ['pending'] }), output_format: Type.String({ enum: ['mp4', 'webm'] }) }),
);

export const VideoDetailSchema = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  status: Type.String({ enum: ['pending', 'processing', 'completed', 'failed'] }),
  created_at: Nullable(Type.Integer()),
  completed_at: Nullable(Type.Integer()),
  video_url: Nullable(Type.String()),
  thumbnail_url: Nullable(Type.String()),
  gif_url: Nullable(Type.String()),
  captioned_video_url: Nullable(Type.String()),
  subtitle_url: Nullable(Type.String()),
  duration: Nullable(Type.Number()),
  folder_id: Nullable(Type.String()),
  output_language: Nullable(Type.String()),
  failure_code: Nullable(Type.String()),
  failure_message: Nullable(Type.String()),
  video_page_url: Nullable(Type.String()),
  quality: Nullable(QualitySchema),
  progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Orator extension: render progress (100 once completed).' }),
});

export const VideoDetailResponse = V3Envelope(VideoDetailSchema);
export const VideoDetailListResponse = V3ListEnvelope(VideoDetailSchema);
export const DeleteVideoV3Response = V3Envelope(Type.Object({ id: Type.String(), deleted: Type.Boolean() }));

export const VideoDetailListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  token: Type.Optional(Type.String()),
  folder_id: Type.Optional(Type.String()),
  title: Type.Optional(Type.String({ minLength: 1 })),
});

export const VideoIdParams = Type.Object({ video_id: Type.String({ minLength: 1 }) });

export const VideoStatusesQuery = Type.Object({
  video_ids: Type.Optional(Type.String({ description: 'Comma-separated video ids (at most 100 ids with batch_ids).' })),
  batch_ids: Type.Optional(Type.String({ description: 'Comma-separated batch ids (POST /v3/videos/batches); each expands to one entry per item, with item_index and batch_id set.' })),
});

export const VideoStatusesResponse = V3ListEnvelope(
  Type.Object({
    video_id: Nullable(Type.String()),
    status: Type.String({ enum: ['pending', 'processing', 'completed', 'failed', 'not_found'], description: 'not_found for ids that are unknown or not this space’s.' }),
    error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
    item_index: Nullable(Type.Integer()),
    batch_id: Nullable(Type.String()),
  }),
);
