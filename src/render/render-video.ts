// The render engine's entry points: validate a plan, render it. Rendering is a pipeline of named
// stages (stages/*-stage.ts: speech, visuals, encode, captions, quality, outputs), each taking the
// typed outputs of the ones before; this orchestrator only calls them, times them and owns the work
// dir. New engines plug in as stages or as avatar sources (RenderDeps), not as branches here.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QualityFigures, RenderPlan, RenderProgress, RenderResult } from '../domain/render-plan.js';
import type { RenderDeps } from './render-deps.js';
import { realRenderDeps } from './real-render-deps.js';
import { validateRenderPlanWith } from './validate-render-plan.js';
import type { RunToolOptions } from './run-program.js';
import { burnCaptions, writeCaptionFiles } from './stages/captions-stage.js';
import { runEncodeStage } from './stages/encode-stage.js';
import { outputFiles, renderResult } from './stages/outputs-stage.js';
import { runQualityStage } from './stages/quality-stage.js';
import { effectiveFormat, runStep, type RenderContext, type RenderOptions } from './stages/render-context.js';
import { runSpeechStage } from './stages/speech-stage.js';
import { runVisualsStage } from './stages/visuals-stage.js';

/** Checks a plan before it is accepted (dimensions, scene count, avatar and voice ids). Throws OratorError. */
export function validateRenderPlan(plan: RenderPlan): void {
  validateRenderPlanWith(plan, realRenderDeps());
}

/** Renders `plan` into `outDir` and returns the files it wrote (absolute paths). */
export async function renderVideo(plan: RenderPlan, outDir: string, options: RenderOptions): Promise<RenderResult> {
  return runRenderPipeline(plan, outDir, options, realRenderDeps());
}

/** renderVideo with the speech, viseme and avatar engines handed in (tests pass doubles). */
export async function runRenderPipeline(plan: RenderPlan, outDir: string, options: RenderOptions, deps: RenderDeps): Promise<RenderResult> {
  validateRenderPlanWith(plan, deps);
  const report = (percent: number, stage: string): void => options.onProgress?.({ percent: Math.round(percent), stage } satisfies RenderProgress);
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'orator-render-')));
  const ctx: RenderContext = { plan, format: effectiveFormat(plan), workDir, options, deps, report, localCopies: new Map() };
  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
  // Work started in parallel must settle before the work dir goes, or it would write into a removed dir.
  const pending: Promise<unknown>[] = [];
  try {
    await mkdir(workDir, { recursive: true });
    await mkdir(outDir, { recursive: true });
    const files = outputFiles(plan, ctx.format, outDir);
    report(0, 'preparing');
    // Pictures and sound are independent until the encode: visuals are prepared while speech is made.
    const visualsPromise = timed('visuals', () => runVisualsStage(ctx));
    pending.push(visualsPromise);
    visualsPromise.catch(() => undefined); // a failure surfaces at the await below, not as unhandled
    const speech = await timed('speech', () => runSpeechStage(ctx));
    const visuals = await visualsPromise;
    report(28, 'backgrounds');
    const encoded = await timed('encode', () => runEncodeStage(ctx, speech, visuals, files));
    const captions = await timed('captions', () => writeCaptionFiles(ctx, speech, files));
    const captionedVideo = files.captionedVideo;
    const quality = await sideBySide(ctx, {
      quality: encoded.tracks.length > 0 ? (o) => timed('quality', () => runQualityStage(ctx, encoded, files, o)) : null,
      captions: captionedVideo ? (o) => timed('burn_captions', () => burnCaptions(ctx, captions, { ...files, captionedVideo }, o)) : null,
    });
    report(100, 'done');
    return renderResult(plan, files, speech.totalFrames, captions.words, quality, timings);
  } finally {
    await Promise.allSettled(pending);
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The captioned variant and the quality figures read the finished file (the previews came out of the
 * encode pass); they run side by side because each leaves a core partly idle. A failure in one stops
 * the other: no ffmpeg keeps writing after the render has thrown. No avatar, no figures: zeros.
 */
async function sideBySide(
  ctx: RenderContext,
  stages: { quality: ((o: RunToolOptions) => Promise<QualityFigures>) | null; captions: ((o: RunToolOptions) => Promise<void>) | null },
): Promise<QualityFigures> {
  const { signal } = ctx.options;
  let finished = 0;
  const parallel = (stages.captions ? 1 : 0) + 1;
  const siblings = new AbortController();
  const forward = (): void => siblings.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  const step = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    try {
      const value = await runStep(stage, work);
      ctx.report(85 + (14 * ++finished) / parallel, stage);
      return value;
    } catch (error) {
      siblings.abort(error);
      throw error;
    }
  };
  const options = { signal: siblings.signal };
  const { quality, captions } = stages;
  const [figures] = await Promise.all([
    quality ? step('quality', () => quality(options)) : Promise.resolve({ envelopeCorrelation: 0, avOffsetMs: 0 }),
    captions ? step('captions', () => captions(options)) : Promise.resolve(null),
  ]).finally(() => signal?.removeEventListener('abort', forward));
  return figures;
}
