// Creating a lip-sync (POST /v3/lipsyncs): a video and what it should say instead, either new audio
// (HeyGen's `audio`) or a script to speak (Orator's `script` + `voice_id`). Stored as a translation row of
// kind 'lipsync' with its translate_video job in one transaction; the job finds out what the media is.
import { OratorError } from '../../domain/errors.js';
import { newVideoId } from '../../domain/ids.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import { assertHttpUrl } from '../videos/plan-parts.js';
import { resolveSource, resolveSuppliedFile, type CreateTranslationDeps } from '../translations/create-translation.js';
import { baseLanguage } from '../translations/translation-languages.js';
import type { NewVideoTranslation } from '../translations/translation-ports.js';

export interface LipsyncRequest {
  video: { url: string } | { assetId: string };
  audio?: { url: string } | { assetId: string } | null;
  script?: string | null;
  voiceId?: string | null;
  title?: string | null;
  callbackId?: string | null;
  callbackUrl?: string | null;
  folderId?: string | null;
  /** HeyGen's disable_music_track: footage's own sound is dropped (it always is under new audio). */
  disableMusicTrack?: boolean | null;
}

/** The voice that speaks a script: the caller's, else the render's own, else the first English one. */
function scriptVoice(deps: CreateTranslationDeps, requested: string | null | undefined, renderLanguage: string | undefined) {
  const voices = deps.voices();
  if (requested) {
    const v = voices.find((x) => x.voice_id === requested);
    if (!v) throw new OratorError('voice_not_found', `voice_id ${requested} is not a voice of this server (GET /v2/voices lists them)`, { param: 'voice_id' });
    return v;
  }
  const language = renderLanguage ?? 'en';
  const v = voices.find((x) => baseLanguage(x.locale ?? x.language) === language) ?? voices[0];
  if (!v) throw new OratorError('invalid_parameter', 'No voice is installed to speak the script', { param: 'voice_id' });
  return v;
}

export async function createLipsync(deps: CreateTranslationDeps, spaceId: string, request: LipsyncRequest): Promise<string> {
  const script = request.script?.trim() ?? '';
  if (request.audio && script) throw new OratorError('invalid_parameter', 'Give audio or script, not both: the video says one of them', { param: 'script' });
  if (!request.audio && !script) throw new OratorError('missing_params', 'audio is required: the new sound for the video (or script, with voice_id, for words to speak)', { param: 'audio' });
  if (request.callbackUrl) assertHttpUrl(request.callbackUrl, 'callback_url', deps.refusedUrlHost);
  const videoParam = 'assetId' in request.video ? 'video.asset_id' : 'video.url';
  const resolved = await resolveSource(deps, spaceId, { video: request.video, videoParam });
  const audio = request.audio ? await resolveSuppliedFile(deps, spaceId, request.audio, 'url' in request.audio ? 'audio.url' : 'audio.asset_id') : undefined;
  const voice = script ? scriptVoice(deps, request.voiceId, resolved.scripted?.language) : undefined;
  const language = voice ? baseLanguage(voice.locale ?? voice.language) : (resolved.scripted?.language ?? 'und');
  const row: NewVideoTranslation = {
    id: newVideoId(),
    spaceId,
    kind: 'lipsync',
    title: request.title ?? null,
    source: resolved.source,
    sourceLabel: resolved.label,
    inputLanguage: language,
    outputLanguage: language,
    voiceId: voice?.voice_id ?? '',
    options: { translateAudioOnly: false, dropOriginalAudio: true, ...(audio ? { audio } : { text: script }) },
    callbackId: request.callbackId ?? null,
    callbackUrl: request.callbackUrl ?? null,
    folderId: request.folderId ?? null,
    createdAt: deps.clock.now(),
  };
  await deps.uow.transaction(async (tx) => {
    await tx.translations.insert(row);
    await tx.jobs.enqueue({ kind: 'translate_video', payload: { translationId: row.id }, spaceId, maxAttempts: JOB_POLICY.translate_video.attempts });
  });
  return row.id;
}
