// Proofread shapes (v3 /v3/video-translations/proofreads, v2 /v2/video_translate/proofread): HeyGen's
// fields, plus Orator's (stage, progress, the script as it stands). An SRT may also be sent inline as
// `{type: 'text', text}` (Orator's own), besides HeyGen's url / asset_id.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { opt, V3Envelope } from '../schemas/v3-envelopes.js';

const SrtFile = Type.Object({
  type: Type.String({ enum: ['url', 'asset_id', 'text'] }),
  url: opt(Type.String()),
  asset_id: opt(Type.String()),
  text: opt(Type.String({ maxLength: 1_000_000, description: 'Orator: the SRT itself.' })),
});

const Video = Type.Object({ type: Type.String({ enum: ['url', 'asset_id'] }), url: opt(Type.String()), asset_id: opt(Type.String()) });

const ProofreadSentence = Type.Object({
  start: Type.Number(),
  end: Type.Number(),
  text: Type.String({ description: 'The translation, as proofread.' }),
  source_start: Type.Number(),
  source_end: Type.Number(),
  source_text: Type.String(),
  speed: Type.Number(),
});

export const ProofreadDetail = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  status: Type.String({ enum: ['processing', 'completed', 'failed'] }),
  output_language: Nullable(Type.String()),
  input_language: Nullable(Type.String()),
  submitted_for_review: Nullable(Type.Boolean()),
  created_at: Nullable(Type.Integer()),
  failure_message: Nullable(Type.String()),
  stage: Type.String({ description: 'Orator: the pipeline stage running.' }),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  voice_id: Type.String({ description: 'Orator: the voice the generated video will speak with.' }),
  proofread_script: Type.Array(ProofreadSentence, { description: 'Orator: the sentences as they stand (after any PUT …/srt).' }),
});

const ProofreadCreateCommon = {
  title: opt(Type.String({ maxLength: 500 })),
  input_language: opt(Type.String()),
  voice_id: opt(Type.String()),
  disable_music_track: opt(Type.Boolean()),
  callback_id: opt(Type.String({ maxLength: 500 })),
  callback_url: opt(Type.String({ maxLength: 2048 })),
  folder_id: opt(Type.String()),
  brand_voice_id: opt(Type.String({ description: 'Accepted and ignored.' })),
  brand_glossary_id: opt(Type.String({ description: 'Accepted and ignored.' })),
  speaker_num: opt(Type.Integer()),
  mode: opt(Type.String()),
  enable_video_stretching: opt(Type.Boolean()),
  enable_speech_enhancement: opt(Type.Boolean()),
  keep_the_same_format: opt(Type.Boolean()),
};

export const V3ProofreadCreateBody = Type.Object({
  video: Video,
  output_languages: Type.Array(Type.String(), { minItems: 1, maxItems: 20 }),
  srt: opt(Type.Object({ type: Type.String({ enum: ['url', 'asset_id'] }), url: opt(Type.String()), asset_id: opt(Type.String()) }, { description: 'An SRT of what the video says, used instead of speech recognition.' })),
  ...ProofreadCreateCommon,
});
export const V3ProofreadCreateResponse = V3Envelope(Type.Object({ proofread_ids: Type.Array(Type.String()), status: Type.String({ enum: ['processing', 'completed', 'failed'] }) }));
export const ProofreadIdParams = Type.Object({ proofread_id: Type.String() });
export const ProofreadDetailResponse = V3Envelope(ProofreadDetail);
export const ProofreadSrtResponse = V3Envelope(Type.Object({ srt_url: Type.String(), original_srt_url: Nullable(Type.String()) }));
export const ProofreadUploadBody = Type.Object({ srt: SrtFile });
export const ProofreadGenerateBody = Type.Object({
  captions: opt(Type.Boolean({ description: 'Captions are always made (srt_caption_url).' })),
  translate_audio_only: opt(Type.Boolean()),
  callback_id: opt(Type.String({ maxLength: 500 })),
  callback_url: opt(Type.String({ maxLength: 2048 })),
});
export const ProofreadGenerateResponse = V3Envelope(Type.Object({ video_translation_id: Type.String(), status: Type.String({ enum: ['processing', 'completed', 'failed'] }) }));

export const V2ProofreadCreateBody = Type.Object({
  video_url: Type.String(),
  output_language: opt(Type.String()),
  output_languages: opt(Type.Array(Type.String(), { maxItems: 20 })),
  srt_url: opt(Type.String({ description: 'An SRT of what the video says, used instead of speech recognition.' })),
  ...ProofreadCreateCommon,
});
export const V2ProofreadCreateResponse = V3Envelope(Type.Object({ proofread_id: Type.String(), proofread_ids: Type.Array(Type.String()) }));
