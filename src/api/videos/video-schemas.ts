// The video contract: request bodies (unknown extra fields accepted and ignored) and responses.
import { Type } from '@sinclair/typebox';
import { Nullable, V1Envelope, V2Envelope } from '../schemas/envelopes.js';

const Offset = Type.Object({ x: Type.Optional(Type.Number()), y: Type.Optional(Type.Number()) });

export const Character = Type.Object({
  type: Type.Union([Type.Literal('avatar'), Type.Literal('talking_photo')]),
  avatar_id: Type.Optional(Type.String({ minLength: 1 })),
  talking_photo_id: Type.Optional(Type.String({ description: 'From POST /v1/talking_photo or GET /v1/talking_photo.list.' })),
  talking_photo_style: Type.Optional(Type.Union([Type.Literal('square'), Type.Literal('circle')])),
  avatar_style: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('circle'), Type.Literal('closeUp')])),
  scale: Type.Optional(Type.Number({ minimum: 0.1, maximum: 5 })),
  offset: Type.Optional(Offset),
  matting: Type.Optional(Type.Boolean()),
});

export const Voice = Type.Object({
  type: Type.Union([Type.Literal('text'), Type.Literal('audio'), Type.Literal('silence')]),
  voice_id: Type.Optional(Type.String()),
  input_text: Type.Optional(Type.String()),
  speed: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1.5 })),
  pitch: Type.Optional(Type.Number({ minimum: -50, maximum: 50 })),
  audio_url: Type.Optional(Type.String()),
  audio_asset_id: Type.Optional(Type.String()),
  duration: Type.Optional(Type.Number({ minimum: 0.1, maximum: 100 })),
});

export const Background = Type.Object({
  type: Type.Union([Type.Literal('color'), Type.Literal('image'), Type.Literal('video'), Type.Literal('transparent')]),
  value: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  image_asset_id: Type.Optional(Type.String()),
  video_asset_id: Type.Optional(Type.String()),
  fit: Type.Optional(Type.Union([Type.Literal('cover'), Type.Literal('contain'), Type.Literal('crop'), Type.Literal('none')])),
  play_style: Type.Optional(Type.Union([Type.Literal('fit_to_scene'), Type.Literal('freeze'), Type.Literal('loop'), Type.Literal('once')])),
});

export const GenerateVideoBody = Type.Object(
  {
    video_inputs: Type.Array(Type.Object({ character: Type.Optional(Character), voice: Voice, background: Type.Optional(Background) }), {
      minItems: 1,
      maxItems: 50,
    }),
    dimension: Type.Optional(Type.Object({ width: Type.Integer(), height: Type.Integer() })),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    caption: Type.Optional(Type.Boolean()),
    callback_id: Type.Optional(Type.String({ maxLength: 500 })),
    callback_url: Type.Optional(Type.String({ maxLength: 2048 })),
    test: Type.Optional(Type.Boolean()),
    folder_id: Type.Optional(Type.String()),
  },
  { description: 'HeyGen v2 video generate body. Unknown fields are accepted and ignored.' },
);

export const GenerateVideoResponse = V2Envelope(Type.Object({ video_id: Type.String() }));

export const VideoIdQuery = Type.Object({ video_id: Type.String({ minLength: 1 }) });

/** Orator extension: what the render measured on its own output file (clients ignore unknown fields). */
export const QualitySchema = Type.Object(
  {
    envelope_correlation: Type.Number({ description: 'Correlation between mouth opening and audio loudness, read back from the output file' }),
    av_offset_ms: Type.Number({ description: 'Audio/video offset at the cross-correlation peak, ms (positive = video late)' }),
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
