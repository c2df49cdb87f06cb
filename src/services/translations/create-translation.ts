// Creating video translations (v1, v2 and v3 alike): find out what the video is (an Orator render of this
// space, another file this server handed out, an uploaded asset, or a URL to fetch), which language it
// speaks and who speaks the translation, then store one translation per output language with its job in
// one transaction. Nothing is downloaded here: bad media is found by the job and fails the translation.
import { OratorError } from '../../domain/errors.js';
import { newVideoId } from '../../domain/ids.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import type { SuppliedFile, TranslationSource } from '../../domain/video-translation.js';
import type { AssetLookup } from '../assets/asset-ports.js';
import type { Clock, UnitOfWork, VideoRepository } from '../ports.js';
import { assertHttpUrl, type RefusedUrlHost } from '../videos/plan-parts.js';
import { scriptedVoices } from './own-render-script.js';
import { baseLanguage, chooseVoice, resolveTargetLanguage, type TranslationLanguage } from './translation-languages.js';
import type { NewVideoTranslation, OratorFileResolver, TranslationVoice } from './translation-ports.js';

export interface CreateTranslationDeps {
  uow: UnitOfWork;
  videos: VideoRepository;
  assets: AssetLookup;
  /** The voices translations can be spoken with. */
  voices(): readonly TranslationVoice[];
  languages(): Promise<TranslationLanguage[]>;
  /** Languages speech recognition knows (footage must speak one of them). */
  recognitionLanguages: readonly string[];
  resolveFile: OratorFileResolver;
  refusedUrlHost: RefusedUrlHost;
  clock: Clock;
}

export interface TranslationRequest {
  video: { url: string } | { assetId: string };
  /** How the request named the video (video_url, video.url, video.asset_id), for messages. */
  videoParam: string;
  outputLanguages: string[];
  languageParam: string;
  inputLanguage?: string | null;
  voiceId?: string | null;
  title?: string | null;
  callbackId?: string | null;
  callbackUrl?: string | null;
  folderId?: string | null;
  translateAudioOnly?: boolean | null;
  /** HeyGen's disable_music_track: the source's own sound is dropped rather than ducked. */
  disableMusicTrack?: boolean | null;
  /** A proofread stops at the translated text; default: a translation. */
  kind?: 'translation' | 'proofread';
  /** An SRT of what the source says, used instead of speech recognition. */
  sourceSrt?: { url: string } | { assetId: string } | null;
}

export interface ResolvedSource {
  source: TranslationSource;
  label: string;
  /** The language and gender of an Orator render's voice, when its script can be re-rendered. */
  scripted?: { language: string; gender: 'male' | 'female' | undefined };
}

const VIDEO_KEY = /^videos\/([^/]+)\/([^/]+)\/video(?:_caption)?\.[a-z0-9]+$/;

async function ownVideo(deps: CreateTranslationDeps, spaceId: string, videoId: string, param: string, label: string): Promise<ResolvedSource> {
  const summary = await deps.videos.findInSpace(spaceId, videoId);
  const video = summary ? await deps.videos.findById(videoId) : undefined;
  if (!video) throw new OratorError('video_not_found', `${param} names video ${videoId}, which this space does not have (it was deleted?)`, { param });
  if (video.status !== 'completed') throw new OratorError('invalid_parameter', `${param} names video ${videoId}, which is ${video.status}: translate it once it has completed`, { param });
  const source: TranslationSource = { type: 'orator_video', videoId };
  if (!scriptedVoices(video.plan)) return { source, label };
  const first = video.plan.scenes.find((s) => s.voice.type === 'text')?.voice;
  const voice = first?.type === 'text' ? deps.voices().find((v) => v.voice_id === first.voiceId) : undefined;
  if (!voice) return { source, label };
  return { source, label, scripted: { language: baseLanguage(voice.locale ?? voice.language), gender: voice.gender } };
}

export async function resolveSource(deps: CreateTranslationDeps, spaceId: string, request: Pick<TranslationRequest, 'video' | 'videoParam'>): Promise<ResolvedSource> {
  const param = request.videoParam;
  if ('assetId' in request.video) {
    const asset = await deps.assets.findAsset(spaceId, request.video.assetId);
    if (!asset) throw new OratorError('asset_not_found', `${param} ${request.video.assetId} is not an asset of this space`, { param });
    if (asset.fileType !== 'video') throw new OratorError('invalid_parameter', `${param} ${request.video.assetId} is an ${asset.fileType}, not a video`, { param });
    return { source: { type: 'blob', blobKey: asset.blobKey, label: request.video.assetId }, label: request.video.assetId };
  }
  const url = request.video.url.trim();
  if (!url) throw new OratorError('missing_params', `${param} is required: the URL of the video to translate`, { param });
  const label = url.split('?')[0]!;
  const file = deps.resolveFile(url);
  if (file) {
    const video = VIDEO_KEY.exec(file.key);
    if (video && video[1] === spaceId) return ownVideo(deps, spaceId, video[2]!, param, label);
    if (!file.signatureValid) throw new OratorError('invalid_url', `${param} is a link from this server that has expired or was altered; ask for a fresh one`, { param });
    return { source: { type: 'blob', blobKey: file.key, label }, label };
  }
  assertHttpUrl(url, param, deps.refusedUrlHost);
  return { source: { type: 'url', url }, label };
}

/** The caller's SRT as a file the job can read: an asset or a file of this server by key, else a URL. */
export async function resolveSuppliedFile(deps: CreateTranslationDeps, spaceId: string, given: { url: string } | { assetId: string }, param: string): Promise<SuppliedFile> {
  if ('assetId' in given) {
    const asset = await deps.assets.findAsset(spaceId, given.assetId);
    if (!asset) throw new OratorError('asset_not_found', `${param} ${given.assetId} is not an asset of this space`, { param });
    return { type: 'blob', blobKey: asset.blobKey, label: given.assetId };
  }
  const url = given.url.trim();
  if (!url) throw new OratorError('missing_params', `${param} is required: a URL`, { param });
  const file = deps.resolveFile(url);
  if (file) {
    if (!file.signatureValid) throw new OratorError('invalid_url', `${param} is a link from this server that has expired or was altered; ask for a fresh one`, { param });
    return { type: 'blob', blobKey: file.key, label: url.split('?')[0]! };
  }
  assertHttpUrl(url, param, deps.refusedUrlHost);
  return { type: 'url', url };
}

function inputLanguageOf(deps: CreateTranslationDeps, request: TranslationRequest, resolved: ResolvedSource): string {
  if (resolved.scripted && !request.translateAudioOnly) return resolved.scripted.language;
  const given = request.inputLanguage ? baseLanguage(request.inputLanguage) : 'en';
  if (!deps.recognitionLanguages.includes(given)) {
    throw new OratorError('invalid_parameter', `input_language ${request.inputLanguage}: speech recognition here knows ${deps.recognitionLanguages.join(', ')} only (Orator's own renders are translated from their script in any language)`, { param: 'input_language' });
  }
  return given;
}

export async function createTranslations(deps: CreateTranslationDeps, spaceId: string, request: TranslationRequest): Promise<string[]> {
  const wanted = [...new Set(request.outputLanguages.map((l) => l.trim()).filter(Boolean))];
  if (wanted.length === 0) throw new OratorError('missing_params', `${request.languageParam} is required: the language to translate into`, { param: request.languageParam });
  if (request.callbackUrl) assertHttpUrl(request.callbackUrl, 'callback_url', deps.refusedUrlHost);
  const resolved = await resolveSource(deps, spaceId, request);
  const sourceSrt = request.sourceSrt ? await resolveSuppliedFile(deps, spaceId, request.sourceSrt, 'srt') : undefined;
  const input = inputLanguageOf(deps, request, resolved);
  const languages = await deps.languages();
  const voices = deps.voices();
  const now = deps.clock.now();
  const rows: NewVideoTranslation[] = wanted.map((asked) => {
    const output = resolveTargetLanguage(asked, languages, input, request.languageParam);
    const voice = chooseVoice(voices, output, request.voiceId ?? undefined, resolved.scripted?.gender);
    return {
      id: newVideoId(),
      spaceId,
      kind: request.kind ?? 'translation',
      title: request.title ?? null,
      source: resolved.source,
      sourceLabel: resolved.label,
      inputLanguage: input,
      outputLanguage: output,
      voiceId: voice.voice_id,
      options: { translateAudioOnly: request.translateAudioOnly ?? false, dropOriginalAudio: request.disableMusicTrack ?? false, ...(sourceSrt ? { sourceSrt } : {}) },
      callbackId: request.callbackId ?? null,
      callbackUrl: request.callbackUrl ?? null,
      folderId: request.folderId ?? null,
      createdAt: now,
    };
  });
  await deps.uow.transaction(async (tx) => {
    for (const row of rows) {
      await tx.translations.insert(row);
      await tx.jobs.enqueue({ kind: 'translate_video', payload: { translationId: row.id }, spaceId, maxAttempts: JOB_POLICY.translate_video.attempts });
    }
  });
  return rows.map((r) => r.id);
}
