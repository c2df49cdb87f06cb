// The render_video job: plan → renderVideo into scratch space → blobs → CAS completion.
// Completion and the job's own `done` commit in one transaction that first checks our lease, so a
// worker that lost its lease (watchdog re-queued the job) cannot complete the video a second time.
import path from 'node:path';
import { retryWhileUnreachable } from '../../domain/dependency-outage.js';
import { ERROR_TABLE, isOratorError } from '../../domain/errors.js';
import { redactPaths } from '../../domain/redact-paths.js';
import type { JobMetrics } from '../../domain/metrics.js';
import type { VideoBlobKeys, VideoError } from '../../domain/video.js';
import { LeaseLostError, type JobContext, type JobHandler } from '../../domain/job-handler.js';
import type { RenderResult } from '../../domain/render-plan.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace, TransactionScope, UnitOfWork, VideoRepository } from '../ports.js';
import { videoBlobPrefix } from './video-status.js';
import { resolveStoredMedia } from './resolve-stored-media.js';

export interface RenderVideoJobDeps {
  uow: UnitOfWork;
  videos: VideoRepository;
  blobs: BlobStore;
  engine: RenderEngine;
  scratch: ScratchSpace;
  clock: Clock;
  log?: (msg: string, extra?: object) => void;
  /** Render duration and real-time factor of each render that produced a video. */
  metrics?: JobMetrics;
  /** Runs inside the transaction that completes or fails the video (the webhook outbox writes there). */
  onFinished?: (tx: TransactionScope, videoId: string) => Promise<void>;
}

/** The catalogue error a failed video reports (`video_status.get` `data.error`). */
export function videoErrorFrom(err: unknown): VideoError {
  if (isOratorError(err)) return { code: err.spec.legacyCode, message: err.message, detail: err.detail ?? null };
  const spec = ERROR_TABLE.render_failed;
  // An unexpected error's text (ENOENT, a tool's stderr) names server files: clients see their names only.
  return { code: spec.legacyCode, message: spec.message, detail: redactPaths(err instanceof Error ? err.message : String(err)) };
}

/** How long a finished render waits for the database to come back before giving its work up. */
const COMPLETION_OUTAGE_WAIT_MS = 120_000;

/**
 * Runs the completion transaction, retrying while the database is unreachable: the render is done and
 * its blobs are stored, so waiting out a restart beats rendering the video again. The transaction
 * re-checks the lease each time, so a retry can never complete a video another worker took over.
 */
function commitWhenReachable(run: () => Promise<void>, signal: AbortSignal, log?: RenderVideoJobDeps['log']): Promise<void> {
  return retryWhileUnreachable(run, {
    waitMs: COMPLETION_OUTAGE_WAIT_MS,
    maxDelayMs: 5000,
    stop: () => signal.aborted,
    onRetry: (delay) => log?.('database unreachable while completing a render; retrying', { retryInMs: delay }),
  });
}

function blobKeys(prefix: string, r: RenderResult): { keys: VideoBlobKeys; files: [string, string][] } {
  const ext = (p: string) => path.extname(p) || '';
  const keys: VideoBlobKeys = {
    video: `${prefix}/video${ext(r.video)}`,
    captionVideo: r.captionedVideo ? `${prefix}/video_caption${ext(r.captionedVideo)}` : null,
    thumbnail: `${prefix}/thumbnail${ext(r.thumbnail)}`,
    gif: `${prefix}/preview${ext(r.gif)}`,
    srt: `${prefix}/captions.srt`,
    vtt: `${prefix}/captions.vtt`,
  };
  const files: [string, string][] = [
    [keys.video!, r.video],
    [keys.thumbnail!, r.thumbnail],
    [keys.gif!, r.gif],
    [keys.srt!, r.srt],
    [keys.vtt!, r.vtt],
  ];
  if (r.captionedVideo && keys.captionVideo) files.push([keys.captionVideo, r.captionedVideo]);
  return { keys, files };
}

export function createRenderVideoHandler(deps: RenderVideoJobDeps): JobHandler<'render_video'> {
  return {
    async run({ videoId }, ctx: JobContext) {
      const video = await deps.videos.findById(videoId);
      // Finished, deleted or gone: an earlier attempt got there; nothing to do.
      if (!video || video.deletedAt !== null || video.status === 'completed' || video.status === 'failed') return;
      if (!(await deps.videos.markProcessing(videoId))) return;

      const workDir = await deps.scratch.create(`render-${videoId}`);
      try {
        let lastPercent = -1;
        let lastWrite = 0;
        const plan = await resolveStoredMedia(video.plan, deps.blobs, path.join(workDir, 'media'));
        const renderStarted = performance.now();
        const result = await deps.engine.render(plan, path.join(workDir, 'out'), {
          workDir: path.join(workDir, 'work'),
          signal: ctx.signal,
          onProgress: (p) => {
            // Map render progress into 1–95 (upload is the rest); write at most about once a second.
            const percent = Math.max(1, Math.min(95, Math.round(p.percent * 0.95)));
            const now = Date.now();
            if (percent !== lastPercent && now - lastWrite >= 1000) {
              lastPercent = percent;
              lastWrite = now;
              void deps.videos.updateProgress(videoId, percent).catch(() => {});
            }
          },
        });
        if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('aborted');
        deps.metrics?.renderFinished((performance.now() - renderStarted) / 1000, result.durationSec);
        const prefix = videoBlobPrefix(video);
        const { keys, files } = blobKeys(prefix, result);
        // Deterministic keys: a re-run after a crash overwrites the same blobs instead of leaking new ones.
        for (const [key, file] of files) await deps.blobs.putFile(key, file);
        // Progress is cosmetic: a database blip here must not cost the finished render.
        await deps.videos.updateProgress(videoId, 99).catch(() => {});

        await commitWhenReachable(
          () =>
            deps.uow.transaction(async (tx) => {
              if (!(await tx.jobs.complete(ctx.jobId, ctx.owner))) throw new LeaseLostError(ctx.jobId);
              const done = await tx.videos.markCompleted(
                videoId,
                { blobs: keys, durationSec: result.durationSec, width: result.width, height: result.height, quality: result.quality, ...(result.timings ? { renderTimings: result.timings } : {}) },
                deps.clock.now(),
              );
              if (done) await deps.onFinished?.(tx, videoId);
            }),
          ctx.signal,
          deps.log,
        );
        // Deleted while rendering: drop what we just uploaded.
        const after = await deps.videos.findById(videoId).catch(() => undefined);
        if (after?.deletedAt !== null && after?.deletedAt !== undefined) await deps.blobs.deletePrefix(prefix);
        deps.log?.('video rendered', { videoId, durationSec: result.durationSec, attempt: ctx.attempt });
      } finally {
        await deps.scratch.remove(workDir);
      }
    },

    async giveUp({ videoId }, error) {
      // One transaction so the failure and its webhook deliveries commit together.
      await deps.uow.transaction(async (tx) => {
        if (await tx.videos.markFailed(videoId, videoErrorFrom(error), deps.clock.now())) await deps.onFinished?.(tx, videoId);
      });
    },
  };
}
