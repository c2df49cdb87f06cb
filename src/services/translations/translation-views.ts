// What the translation routes answer: HeyGen's v1/v2 status shape (`success` for done) and its v3
// resource (`completed`), URLs signed fresh on every read, plus Orator's own fields (the stage running,
// the translated script with its times, which engine did each stage).
import type { TranslatedSentence, VideoTranslationRecord } from '../../domain/video-translation.js';
import type { BlobStore } from '../ports.js';

const LEGACY_STATUS = { pending: 'pending', running: 'running', completed: 'success', failed: 'failed' } as const;

const sign = (blobs: BlobStore, key: string | null): Promise<string | null> => (key ? blobs.signedUrl(key) : Promise.resolve(null));

function failureMessage(t: VideoTranslationRecord): string | null {
  if (!t.error) return null;
  return t.error.detail ? `${t.error.message}: ${t.error.detail}` : t.error.message;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function scriptView(script: readonly TranslatedSentence[] | null) {
  return (script ?? []).map((s) => ({
    start: round(s.start),
    end: round(s.end),
    text: s.text,
    source_start: round(s.sourceStart),
    source_end: round(s.sourceEnd),
    source_text: s.sourceText,
    speed: s.speed,
  }));
}

function oratorFields(t: VideoTranslationRecord) {
  // The catalogue error of a failed translation (HeyGen's legacy code: 400624 no audio, 400621 no picture …).
  const error = t.error ? { code: t.error.code, message: t.error.message, detail: t.error.detail } : null;
  return { stage: t.stage, progress: t.progress, voice_id: t.voiceId, source_video: t.sourceLabel, engines: t.engines, error };
}

/** GET /v1/video_translate_status.get and GET /v2/video_translate/{id}. */
export async function legacyTranslationView(blobs: BlobStore, t: VideoTranslationRecord) {
  return {
    video_translate_id: t.id,
    title: t.title,
    status: LEGACY_STATUS[t.status],
    input_language: t.inputLanguage,
    output_language: t.outputLanguage,
    url: await sign(blobs, t.blobs.video),
    caption_url: await sign(blobs, t.blobs.srt),
    audio_url: await sign(blobs, t.blobs.audio),
    duration: t.durationSec,
    message: failureMessage(t),
    callback_id: t.callbackId,
    ...oratorFields(t),
    translated_script: scriptView(t.script),
  };
}

/** The v3 VideoTranslation resource (GET, list, PATCH). */
export async function v3TranslationView(blobs: BlobStore, t: VideoTranslationRecord, withScript = true) {
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    output_language: t.outputLanguage,
    input_language: t.inputLanguage,
    duration: t.durationSec,
    translate_audio_only: t.options.translateAudioOnly,
    video_url: await sign(blobs, t.blobs.video),
    audio_url: await sign(blobs, t.blobs.audio),
    srt_caption_url: await sign(blobs, t.blobs.srt),
    vtt_caption_url: await sign(blobs, t.blobs.vtt),
    callback_id: t.callbackId,
    created_at: Math.floor(t.createdAt / 1000),
    failure_message: failureMessage(t),
    ...oratorFields(t),
    ...(withScript ? { translated_script: scriptView(t.script) } : {}),
  };
}
