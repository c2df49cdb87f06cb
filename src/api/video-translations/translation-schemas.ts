// Video translation request and response shapes (v1 seed flow, v2 /v2/video_translate, v3
// /v3/video-translations): HeyGen's fields, plus Orator's own (stage, progress, the translated script,
// the engines used). Unknown request fields are accepted and ignored.
import { Type } from '@sinclair/typebox';
import { Nullable, V1Envelope } from '../schemas/envelopes.js';
import { opt, V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

const LIP_SYNC =
  'Orator renders (a video_url this server handed out for a video of your space) are rendered again with the new speech, so the avatar’s mouth speaks the translation. ' +
  'Any other footage gets the new speech in place of the old (the old sound ducked under it, or dropped with disable_music_track) and its mouth re-drawn to the new speech wherever a face is tracked (engines.resync says on how many frames); frames without a face keep their picture.';

export const TRANSLATION_DESCRIPTION =
  `${LIP_SYNC} Footage must speak English (offline recognition with pocketsphinx). ` +
  'Translation is offline and rule-based by default (Apertium: rough, literal output; proofread it), or an OpenAI-compatible chat model or LibreTranslate server when the operator configures one.';

const Sentence = Type.Object({
  start: Type.Number({ description: 'Seconds: where the translated sentence starts in the result.' }),
  end: Type.Number(),
  text: Type.String(),
  source_start: Type.Number({ description: 'Seconds: where the source sentence started.' }),
  source_end: Type.Number(),
  source_text: Type.String(),
  speed: Type.Number({ description: 'The voice speed the sentence was fitted with (0.8–1.25).' }),
});

const Engines = Nullable(
  Type.Object({
    transcript: Type.String({ description: 'Where the source words came from.' }),
    translation: Type.String(),
    speech: Type.String(),
    resync: Type.String({ description: 'How picture and speech were put back together.' }),
  }),
);

const OratorFields = {
  stage: Type.String({ enum: ['queued', 'preparing', 'transcribing', 'translating', 'speaking', 'rendering', 'storing', 'done'], description: 'Orator: the pipeline stage running.' }),
  progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Orator: percent over the whole pipeline.' }),
  voice_id: Type.String({ description: 'Orator: the voice that speaks the translation.' }),
  source_video: Type.String({ description: 'Orator: the video as it was given (its URL without query, or its asset id).' }),
  engines: Engines,
  error: Nullable(
    Type.Object(
      { code: Type.Integer({ description: 'HeyGen legacy code, e.g. 400624 EMPTY_AUDIO_STREAM.' }), message: Type.String(), detail: Nullable(Type.String()) },
      { description: 'Orator: why a failed translation failed.' },
    ),
  ),
};

const LegacyTranslation = Type.Object({
  video_translate_id: Type.String(),
  title: Nullable(Type.String()),
  status: Type.String({ enum: ['pending', 'running', 'success', 'failed'] }),
  input_language: Type.String(),
  output_language: Type.String(),
  url: Nullable(Type.String({ description: 'The translated video (signed, valid 7 days).' })),
  caption_url: Nullable(Type.String({ description: 'SRT captions in the output language.' })),
  audio_url: Nullable(Type.String()),
  duration: Nullable(Type.Number()),
  message: Nullable(Type.String({ description: 'Why it failed.' })),
  callback_id: Nullable(Type.String()),
  ...OratorFields,
  translated_script: Type.Array(Sentence),
});

const V3Translation = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  status: Type.String({ enum: ['pending', 'running', 'completed', 'failed'] }),
  output_language: Nullable(Type.String()),
  input_language: Nullable(Type.String()),
  duration: Nullable(Type.Number()),
  translate_audio_only: Nullable(Type.Boolean()),
  video_url: Nullable(Type.String()),
  audio_url: Nullable(Type.String()),
  srt_caption_url: Nullable(Type.String()),
  vtt_caption_url: Nullable(Type.String()),
  callback_id: Nullable(Type.String()),
  created_at: Nullable(Type.Integer()),
  failure_message: Nullable(Type.String()),
  ...OratorFields,
  translated_script: Type.Optional(Type.Array(Sentence)),
});

const CommonCreate = {
  title: opt(Type.String({ maxLength: 500 })),
  input_language: opt(Type.String({ description: 'The language spoken in footage (en only here); an Orator render’s is its voice’s.' })),
  voice_id: opt(Type.String({ description: 'Orator: the voice to speak the translation (default: one of the language with the speaker’s gender).' })),
  translate_audio_only: opt(Type.Boolean({ description: 'Keep the picture as it is even for an Orator render (no re-render).' })),
  disable_music_track: opt(Type.Boolean({ description: 'Drop the source’s own sound instead of ducking it under the new speech (footage).' })),
  callback_id: opt(Type.String({ maxLength: 500 })),
  callback_url: opt(Type.String({ maxLength: 2048 })),
  folder_id: opt(Type.String()),
  enable_caption: opt(Type.Boolean({ description: 'Captions are always made (caption_url).' })),
  speaker_num: opt(Type.Integer({ description: 'Accepted; one speaker is assumed.' })),
  mode: opt(Type.String({ description: 'Accepted and ignored.' })),
  brand_voice_id: opt(Type.String({ description: 'Accepted and ignored (no brand glossaries).' })),
};

export const V1CreateBody = Type.Object({
  video_url: Type.String({ description: 'The video to translate.' }),
  target_language: Type.String({ description: 'A code, locale or name from GET /v2/video_translate/target_languages ("es", "es-ES", "Spanish").' }),
  ...CommonCreate,
});
export const V1CreateResponse = V1Envelope(Type.Object({ video_translate_id: Type.String() }));
export const V1StatusQuery = Type.Object({ video_translate_id: Type.String({ minLength: 1 }) });
export const V1StatusResponse = V1Envelope(LegacyTranslation);

export const V2CreateBody = Type.Object({
  video_url: Type.String(),
  output_language: opt(Type.String({ description: 'One target language; or output_languages for several.' })),
  output_languages: opt(Type.Array(Type.String(), { maxItems: 20 })),
  ...CommonCreate,
});
export const V2CreateResponse = Type.Object({
  data: Type.Object({ video_translate_id: Type.Optional(Nullable(Type.String())), video_translate_ids: Type.Optional(Nullable(Type.Array(Type.String()))) }),
});
export const V2IdParams = Type.Object({ video_translate_id: Type.String() });
export const V2DetailResponse = V3Envelope(LegacyTranslation);
export const V2CaptionQuery = Type.Object({ video_translate_id: Type.String({ minLength: 1 }), caption_type: Type.String({ enum: ['srt', 'vtt'] }) });
export const CaptionResponse = V3Envelope(Type.Object({ caption_url: Type.String() }));

export const LanguagesResponse = V3Envelope(
  Type.Object({
    languages: Type.Array(Type.String(), { description: 'Target language codes: an installed translation pair and a voice for each.' }),
    details: Type.Array(
      Type.Object({ language: Type.String(), name: Type.String(), source_languages: Type.Array(Type.String()), voice_ids: Type.Array(Type.String()) }),
      { description: 'Orator: each language’s name, what it can be translated from, and its voices.' },
    ),
    translation_engine: Type.String({ description: 'Orator: what kind of machine translation this is.' }),
    speech_recognition: Type.String(),
    lip_sync: Type.String(),
  }),
);

const Asset = Type.Object({
  type: Type.String({ enum: ['url', 'asset_id'] }),
  url: opt(Type.String()),
  asset_id: opt(Type.String()),
});

export const V3CreateBody = Type.Object({
  video: Asset,
  output_languages: Type.Array(Type.String(), { minItems: 1, maxItems: 20 }),
  ...CommonCreate,
});
export const V3CreateResponse = V3Envelope(Type.Object({ video_translation_ids: Type.Array(Type.String()) }));
export const V3IdParams = Type.Object({ video_translation_id: Type.String() });
export const V3DetailResponse = V3Envelope(V3Translation);
export const V3ListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), token: Type.Optional(Type.String()) });
export const V3ListResponse = V3ListEnvelope(V3Translation);
export const V3PatchBody = Type.Object({ title: Type.String({ minLength: 1, maxLength: 500 }) });
export const V3DeleteResponse = V3Envelope(Type.Object({ id: Type.String() }));
export const V3CaptionQuery = Type.Object({ format: Type.String({ enum: ['srt', 'vtt'] }) });
export const V3StatusesQuery = Type.Object({ video_translation_ids: Type.Optional(Type.String()), batch_ids: Type.Optional(Type.String()) });
