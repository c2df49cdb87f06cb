// The body of POST /v2/video/generate: the TypeBox schema the route validates with (unknown extra fields
// accepted and ignored) and, derived from it, the input the use case receives. Kept beside the service
// so the service never imports the API, and the two cannot drift apart.
import { Type, type Static } from '@sinclair/typebox';

const Offset = Type.Object({ x: Type.Optional(Type.Number()), y: Type.Optional(Type.Number()) });

export const Character = Type.Object({
  type: Type.Union([Type.Literal('avatar'), Type.Literal('talking_photo'), Type.Literal('photo_avatar')]),
  avatar_id: Type.Optional(Type.String({ minLength: 1 })),
  talking_photo_id: Type.Optional(Type.String({ description: 'From POST /v1/talking_photo or GET /v1/talking_photo.list (a photo avatar look id works too).' })),
  photo_avatar_id: Type.Optional(Type.String({ description: 'type photo_avatar: from POST /v1/photo_avatar.generate (or any photo avatar look id).' })),
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

export type CharacterInput = Static<typeof Character>;
export type VoiceInput = Static<typeof Voice>;
export type BackgroundInput = Static<typeof Background>;
export type GenerateVideoInput = Static<typeof GenerateVideoBody>;
export type VideoInput = GenerateVideoInput['video_inputs'][number];
