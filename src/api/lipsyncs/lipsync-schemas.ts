// /v3/lipsyncs shapes: HeyGen's LipsyncDetail and CreateLipsyncRequest, plus Orator's own fields
// (stage, progress, engines, error) and its `script` + `voice_id` (words to speak instead of audio).
import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { opt, V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

export const LIPSYNC_DESCRIPTION =
  'An Orator render of one scene (a video_url this server handed out for a video of your space) is rendered again with the new audio or script as its voice, so the avatar’s mouth follows it. ' +
  'Any other video gets the new sound in place of the old and its mouth re-drawn to it wherever a face is tracked (the mouth opens with the loudness); frames without a face keep their picture (engines.resync says which happened).';

const File = Type.Object({ type: Type.String({ enum: ['url', 'asset_id'] }), url: opt(Type.String()), asset_id: opt(Type.String()) });

const Lipsync = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  status: Type.String({ enum: ['pending', 'running', 'completed', 'failed'] }),
  duration: Nullable(Type.Number()),
  video_url: Nullable(Type.String()),
  caption_url: Nullable(Type.String()),
  audio_url: Nullable(Type.String()),
  callback_id: Nullable(Type.String()),
  created_at: Nullable(Type.Integer()),
  failure_message: Nullable(Type.String()),
  stage: Type.String({ description: 'Orator: the pipeline stage running.' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  source_video: Type.String({ description: 'Orator: the video as it was given.' }),
  engines: Nullable(Type.Object({ transcript: Type.String(), translation: Type.String(), speech: Type.String(), resync: Type.String({ description: 'Re-rendered (mouth in sync) or audio replaced only.' }) })),
  error: Nullable(Type.Object({ code: Type.Integer(), message: Type.String(), detail: Nullable(Type.String()) })),
});

export const LipsyncCreateBody = Type.Object({
  video: File,
  audio: opt(File),
  script: opt(Type.String({ maxLength: 5000, description: 'Orator: words to speak instead of audio (with voice_id).' })),
  voice_id: opt(Type.String({ description: 'Orator: the voice that speaks script.' })),
  title: opt(Type.String({ maxLength: 500 })),
  callback_id: opt(Type.String({ maxLength: 500 })),
  callback_url: opt(Type.String({ maxLength: 2048 })),
  folder_id: opt(Type.String()),
  disable_music_track: opt(Type.Boolean({ description: 'The old sound is always replaced by the new.' })),
  enable_caption: opt(Type.Boolean({ description: 'Captions are made when the words are known (a script).' })),
  mode: opt(Type.String({ enum: ['speed', 'precision'] })),
  enable_dynamic_duration: opt(Type.Boolean()),
  enable_speech_enhancement: opt(Type.Boolean()),
  enable_watermark: opt(Type.Boolean()),
  keep_the_same_format: opt(Type.Boolean()),
  start_time: opt(Type.Number()),
  end_time: opt(Type.Number()),
  fps_mode: opt(Type.String()),
});
export const LipsyncCreateResponse = V3Envelope(Type.Object({ lipsync_id: Type.String() }));
export const LipsyncIdParams = Type.Object({ lipsync_id: Type.String() });
export const LipsyncDetailResponse = V3Envelope(Lipsync);
export const LipsyncListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), token: Type.Optional(Type.String()) });
export const LipsyncListResponse = V3ListEnvelope(Lipsync);
export const LipsyncPatchBody = Type.Object({ title: Type.String({ minLength: 1, maxLength: 500 }) });
export const LipsyncDeleteResponse = V3Envelope(Type.Object({ id: Type.String() }));
export const LipsyncStatusesQuery = Type.Object({ lipsync_ids: Type.Optional(Type.String()), batch_ids: Type.Optional(Type.String()) });
export const LipsyncStatusesResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      video_id: Nullable(Type.String()),
      status: Type.String({ enum: ['queued', 'processing', 'completed', 'failed', 'not_found'] }),
      error: Nullable(Type.Object({ code: Type.Integer(), message: Type.String(), detail: Nullable(Type.String()) })),
      batch_id: Nullable(Type.String()),
      item_index: Nullable(Type.Integer()),
    }),
  ),
  has_more: Type.Boolean(),
  next_token: Nullable(Type.String()),
});
