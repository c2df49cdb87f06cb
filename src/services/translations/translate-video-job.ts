// The translate_video job: bring the source next to the work (an Orator render's plan and captions, or a
// file from the blob store or a URL), run the pipeline for its kind, store the results under
// translations/<space>/<id>/, and complete the translation with its webhook event in one transaction
// that first checks the lease, so a worker that lost its job cannot complete it a second time.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ERROR_TABLE, isOratorError, OratorError } from '../../domain/errors.js';
import { LeaseLostError, type JobContext, type JobHandler } from '../../domain/job-handler.js';
import { redactPaths } from '../../domain/redact-paths.js';
import type { SuppliedFile, TranslationBlobKeys, TranslationCompletion, TranslationError, TranslationStage, VideoTranslationRecord } from '../../domain/video-translation.js';
import type { VideoRecord } from '../../domain/video.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace, TransactionScope, UnitOfWork, VideoRepository } from '../ports.js';
import { lipsyncFootage, lipsyncOwnRender } from '../lipsyncs/lipsync-pipeline.js';
import { scriptedVoices } from './own-render-script.js';
import { proofreadFootage, proofreadOwnRender } from './proofread-pipeline.js';
import { translateFootage } from './translate-footage.js';
import { translateOwnRender } from './translate-own-render.js';
import type { PipelineContext, PipelineResult } from './translation-pipeline.js';
import type { TranslationEngineSet, TranslationStore } from './translation-ports.js';
import { proofreadOriginalSrtKey, proofreadSrtKey, translationBlobPrefix } from './translation-blob-keys.js';

export interface TranslateVideoJobDeps {
  uow: UnitOfWork;
  store: TranslationStore;
  videos: VideoRepository;
  blobs: BlobStore;
  engine: Pick<RenderEngine, 'validate' | 'render' | 'extractAudio'>;
  engines: TranslationEngineSet;
  scratch: ScratchSpace;
  clock: Clock;
  maxSourceSec: number;
  log?: (msg: string, extra?: object) => void;
  /** Runs inside the transaction that completes or fails the translation (the webhook outbox writes there). */
  onFinished?: (tx: TransactionScope, translationId: string) => Promise<void>;
}

export function translationErrorFrom(err: unknown): TranslationError {
  if (isOratorError(err)) return { code: err.spec.legacyCode, message: err.message, detail: err.detail ?? null };
  const spec = ERROR_TABLE.render_failed;
  return { code: spec.legacyCode, message: 'Video translation failed', detail: redactPaths(err instanceof Error ? err.message : String(err)) };
}

async function copyBlob(blobs: BlobStore, key: string, dest: string, label: string): Promise<void> {
  if (!(await blobs.exists(key))) throw new OratorError('asset_not_found', `${label} is no longer stored on this server`, { param: 'video' });
  await pipeline(await blobs.getStream(key), createWriteStream(dest));
}

interface SourcePaths<T> {
  /** `asFootage` runs the footage path on the render's file instead (a render the path cannot re-render). */
  ownRender(video: VideoRecord, captions: string | null, asFootage: () => Promise<T>): Promise<T>;
  footage(file: string): Promise<T>;
}

/** Brings the source next to the work and picks its path: an Orator render's script, or footage. */
async function withSource<T>(deps: TranslateVideoJobDeps, ctx: PipelineContext, paths: SourcePaths<T>): Promise<T> {
  const t = ctx.translation;
  const source = t.source;
  const sourceFile = (ext: string) => path.join(ctx.workDir, `source${ext}`);
  if (source.type === 'url') {
    await ctx.stage('preparing', 1);
    const file = sourceFile(path.extname(new URL(source.url).pathname).slice(0, 8) || '.mp4');
    await deps.engines.fetcher.fetchToFile(source.url, file);
    return paths.footage(file);
  }
  if (source.type === 'blob') {
    const file = sourceFile(path.extname(source.blobKey) || '.mp4');
    await copyBlob(deps.blobs, source.blobKey, file, t.sourceLabel);
    return paths.footage(file);
  }
  const video = await deps.videos.findById(source.videoId);
  if (!video || video.deletedAt !== null || !video.blobs.video) throw new OratorError('video_not_found', `Video ${source.videoId} was deleted before it could be translated`, { param: 'video' });
  const videoKey = video.blobs.video;
  const asFootage = async () => {
    const file = sourceFile(path.extname(videoKey) || '.mp4');
    await copyBlob(deps.blobs, videoKey, file, t.sourceLabel);
    return paths.footage(file);
  };
  if (!scriptedVoices(video.plan) || t.options.translateAudioOnly) return asFootage();
  let captions: string | null = null;
  if (video.blobs.srt && (await deps.blobs.exists(video.blobs.srt))) {
    const file = sourceFile('.srt');
    await copyBlob(deps.blobs, video.blobs.srt, file, t.sourceLabel);
    captions = await readFile(file, 'utf8');
  }
  return paths.ownRender(video, captions, asFootage);
}

/** A translation or lip-sync: the new video, stored; its completion. */
async function runTranslation(deps: TranslateVideoJobDeps, ctx: PipelineContext): Promise<TranslationCompletion> {
  const own = { engine: deps.engine, blobs: deps.blobs };
  const paths: SourcePaths<PipelineResult> =
    ctx.translation.kind === 'lipsync'
      ? { ownRender: (video, _captions, asFootage) => lipsyncOwnRender(ctx, own, video, asFootage), footage: (file) => lipsyncFootage(ctx, file, deps.maxSourceSec) }
      : { ownRender: (video, captions) => translateOwnRender(ctx, own, video, captions), footage: (file) => translateFootage(ctx, file, deps.maxSourceSec) };
  const result = await withSource(deps, ctx, paths);
  ctx.signal.throwIfAborted();
  await ctx.stage('storing', 97);
  return { blobs: await storeResult(deps.blobs, ctx.translation, result), durationSec: result.durationSec, script: result.script, engines: result.engines };
}

/** A proofread: the translated text as SRT (and the source's), no video. */
async function runProofread(deps: TranslateVideoJobDeps, ctx: PipelineContext): Promise<TranslationCompletion> {
  const out = await withSource(deps, ctx, {
    ownRender: (video, captions) => proofreadOwnRender(ctx, video, captions),
    footage: (file) => proofreadFootage(ctx, file, deps.maxSourceSec),
  });
  await ctx.stage('storing', 97);
  const t = ctx.translation;
  await deps.blobs.putFile(proofreadSrtKey(t), out.srt);
  await deps.blobs.putFile(proofreadOriginalSrtKey(t), out.originalSrt);
  return { blobs: { video: null, audio: null, srt: proofreadSrtKey(t), vtt: null }, durationSec: out.durationSec, script: out.script, engines: out.engines };
}

async function readSupplied(deps: TranslateVideoJobDeps, file: SuppliedFile, dest: string): Promise<void> {
  if (file.type === 'url') return deps.engines.fetcher.fetchToFile(file.url, dest);
  return copyBlob(deps.blobs, file.blobKey, dest, file.label);
}

async function storeResult(blobs: BlobStore, t: VideoTranslationRecord, r: PipelineResult): Promise<TranslationBlobKeys> {
  const prefix = translationBlobPrefix(t);
  const keys: TranslationBlobKeys = {
    video: `${prefix}/video${path.extname(r.video)}`,
    audio: r.audio ? `${prefix}/audio${path.extname(r.audio)}` : null,
    srt: `${prefix}/captions.srt`,
    vtt: `${prefix}/captions.vtt`,
  };
  // Deterministic keys: a re-run after a crash overwrites the same blobs instead of leaking new ones.
  await blobs.putFile(keys.video!, r.video);
  if (keys.audio && r.audio) await blobs.putFile(keys.audio, r.audio);
  await blobs.putFile(keys.srt!, r.srt);
  await blobs.putFile(keys.vtt!, r.vtt);
  return keys;
}

/** Stage writes are cosmetic: at most about one a second, and a database blip never fails the run. */
function stageWriter(deps: TranslateVideoJobDeps, id: string): PipelineContext['stage'] {
  let last: { stage: TranslationStage; at: number } | undefined;
  return async (stage, progress) => {
    const now = Date.now();
    if (last && last.stage === stage && now - last.at < 1000) return;
    last = { stage, at: now };
    await deps.store.updateStage(id, stage, Math.max(0, Math.min(99, Math.round(progress))), deps.clock.now()).catch(() => {});
  };
}

export function createTranslateVideoHandler(deps: TranslateVideoJobDeps): JobHandler<'translate_video'> {
  return {
    async run({ translationId }, job: JobContext) {
      const t = await deps.store.findById(translationId);
      if (!t || t.deletedAt !== null || t.status === 'completed' || t.status === 'failed') return;
      if (!(await deps.store.markRunning(translationId, deps.clock.now()))) return;
      const workDir = await deps.scratch.create(`translate-${translationId}`);
      try {
        const ctx: PipelineContext = { translation: t, engines: deps.engines, workDir, signal: job.signal, stage: stageWriter(deps, translationId), readSupplied: (f, dest) => readSupplied(deps, f, dest) };
        const completion = t.kind === 'proofread' ? await runProofread(deps, ctx) : await runTranslation(deps, ctx);
        await deps.uow.transaction(async (tx) => {
          if (!(await tx.jobs.complete(job.jobId, job.owner))) throw new LeaseLostError(job.jobId);
          const done = await tx.translations.markCompleted(translationId, completion, deps.clock.now());
          if (done) await deps.onFinished?.(tx, translationId);
        });
        // Deleted while it ran: drop what was just stored.
        if ((await deps.store.findById(translationId))?.deletedAt) await deps.blobs.deletePrefix(translationBlobPrefix(t));
        deps.log?.(`${t.kind} done`, { translationId, language: t.outputLanguage, durationSec: completion.durationSec, attempt: job.attempt });
      } finally {
        await deps.scratch.remove(workDir);
      }
    },

    async giveUp({ translationId }, error) {
      await deps.uow.transaction(async (tx) => {
        if (await tx.translations.markFailed(translationId, translationErrorFrom(error), deps.clock.now())) await deps.onFinished?.(tx, translationId);
      });
    },
  };
}
