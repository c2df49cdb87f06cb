// Proofreads (HeyGen's review step): a translation stopped at its text. The caller downloads the
// translated SRT, edits it, uploads it back (PUT …/srt: read strictly, 400672 naming the line), and
// generates the video, which speaks the edited words at their times (nothing is translated again).
import { Readable } from 'node:stream';
import { OratorError } from '../../domain/errors.js';
import { newVideoId } from '../../domain/ids.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import type { SuppliedFile, TranslatedSentence, VideoTranslationRecord } from '../../domain/video-translation.js';
import type { BlobStore, Clock, UnitOfWork } from '../ports.js';
import { createTranslations, resolveSuppliedFile, type CreateTranslationDeps, type TranslationRequest } from './create-translation.js';
import { formatSrt, parseSrtStrict, type SrtCue } from './srt-cues.js';
import { proofreadOriginalSrtKey, proofreadSrtKey } from './translation-blob-keys.js';
import type { TranslationStore } from './translation-ports.js';
import { assertHttpUrl } from '../videos/plan-parts.js';
import { scriptView } from './translation-views.js';

export interface ProofreadServiceDeps {
  create: CreateTranslationDeps;
  store: TranslationStore;
  blobs: BlobStore;
  uow: UnitOfWork;
  clock: Clock;
  /** The text of a caller's file (a URL fetched, or a stored blob). */
  readText(file: SuppliedFile): Promise<string>;
}

export type SrtInput = { url: string } | { assetId: string } | { text: string };

export interface GenerateRequest {
  callbackId?: string | null;
  callbackUrl?: string | null;
  translateAudioOnly?: boolean | null;
}

const STATUS = { pending: 'processing', running: 'processing', completed: 'completed', failed: 'failed' } as const;

export function proofreadView(t: VideoTranslationRecord) {
  return {
    id: t.id,
    title: t.title,
    status: STATUS[t.status],
    output_language: t.outputLanguage,
    input_language: t.inputLanguage,
    submitted_for_review: false,
    created_at: Math.floor(t.createdAt / 1000),
    failure_message: t.error ? (t.error.detail ? `${t.error.message}: ${t.error.detail}` : t.error.message) : null,
    stage: t.stage,
    progress: t.progress,
    voice_id: t.voiceId,
    proofread_script: scriptView(t.script),
  };
}

export type ProofreadView = ReturnType<typeof proofreadView>;

/** Each edited cue keeps the source words of the proofread sentence nearest its start. */
export function scriptFromCues(cues: readonly SrtCue[], before: readonly TranslatedSentence[]): TranslatedSentence[] {
  return cues.map((c) => {
    const nearest = before.reduce<TranslatedSentence | undefined>((best, s) => (!best || Math.abs(s.sourceStart - c.start) < Math.abs(best.sourceStart - c.start) ? s : best), undefined);
    return { sourceText: nearest?.sourceText ?? '', text: c.text, sourceStart: c.start, sourceEnd: c.end, start: c.start, end: c.end, speed: 1 };
  });
}

export function createProofreadService(deps: ProofreadServiceDeps) {
  const found = async (spaceId: string, id: string): Promise<VideoTranslationRecord> => {
    const t = await deps.store.find(spaceId, id);
    if (!t || t.kind !== 'proofread') throw new OratorError('translation_not_found', `proofread_id ${id} is not a proofread of this space`, { param: 'proofread_id' });
    return t;
  };
  const completed = async (spaceId: string, id: string): Promise<VideoTranslationRecord> => {
    const t = await found(spaceId, id);
    if (t.status !== 'completed') throw new OratorError('invalid_parameter', `Proofread ${id} is ${STATUS[t.status]}: its SRT exists once it has completed`, { param: 'proofread_id' });
    return t;
  };
  return {
    create: (spaceId: string, request: TranslationRequest) => createTranslations(deps.create, spaceId, { ...request, kind: 'proofread' }),
    get: async (spaceId: string, id: string) => proofreadView(await found(spaceId, id)),
    async srtUrls(spaceId: string, id: string) {
      const t = await completed(spaceId, id);
      return { srt_url: await deps.blobs.signedUrl(proofreadSrtKey(t)), original_srt_url: await deps.blobs.signedUrl(proofreadOriginalSrtKey(t)) };
    },
    async uploadSrt(spaceId: string, id: string, input: SrtInput) {
      const t = await completed(spaceId, id);
      const text = 'text' in input ? input.text : await deps.readText(await resolveSuppliedFile(deps.create, spaceId, input, 'srt'));
      const script = scriptFromCues(parseSrtStrict(text, 'srt'), t.script ?? []);
      await deps.blobs.putStream(proofreadSrtKey(t), Readable.from([Buffer.from(formatSrt(script.map((s) => ({ start: s.start, end: s.end, text: s.text }))))]));
      if (!(await deps.store.updateScript(spaceId, id, script, deps.clock.now()))) throw new OratorError('translation_not_found', `proofread_id ${id} was deleted`, { param: 'proofread_id' });
      return proofreadView(await found(spaceId, id));
    },
    async generate(spaceId: string, id: string, request: GenerateRequest) {
      const p = await completed(spaceId, id);
      if (request.callbackUrl) assertHttpUrl(request.callbackUrl, 'callback_url', deps.create.refusedUrlHost);
      const row = {
        id: newVideoId(),
        spaceId,
        kind: 'translation' as const,
        title: p.title,
        source: p.source,
        sourceLabel: p.sourceLabel,
        inputLanguage: p.inputLanguage,
        outputLanguage: p.outputLanguage,
        voiceId: p.voiceId,
        options: {
          translateAudioOnly: request.translateAudioOnly ?? p.options.translateAudioOnly,
          dropOriginalAudio: p.options.dropOriginalAudio,
          givenScript: (p.script ?? []).map((s) => ({ sourceText: s.sourceText, text: s.text, sourceStart: s.sourceStart, sourceEnd: s.sourceEnd })),
          proofreadId: p.id,
        },
        callbackId: request.callbackId ?? null,
        callbackUrl: request.callbackUrl ?? null,
        folderId: p.folderId,
        createdAt: deps.clock.now(),
      };
      await deps.uow.transaction(async (tx) => {
        await tx.translations.insert(row);
        await tx.jobs.enqueue({ kind: 'translate_video', payload: { translationId: row.id }, spaceId, maxAttempts: JOB_POLICY.translate_video.attempts });
      });
      return { video_translation_id: row.id, status: 'processing' as const };
    },
  };
}

export type ProofreadService = ReturnType<typeof createProofreadService>;
