// Outputs stage: the files a render hands back — where each goes in the output dir (named by the
// container) — and the RenderResult that lists them.
import { join, resolve } from 'node:path';
import type { OutputFormat, QualityFigures, RenderPlan, RenderResult, WordTiming } from '../../domain/render-plan.js';
import { fileExtension } from '../compose/encoder-args.js';

/** The files of a RenderResult (captionedVideo present when the plan asks for captions burned in). */
export type OutputFiles = Pick<RenderResult, 'video' | 'captionedVideo' | 'thumbnail' | 'gif' | 'srt' | 'vtt'>;

/** Absolute paths of every file the render writes into `outDir`. */
export function outputFiles(plan: RenderPlan, format: OutputFormat, outDir: string): OutputFiles {
  const out = resolve(outDir);
  const ext = fileExtension(format);
  return {
    video: join(out, `video.${ext}`),
    captionedVideo: plan.burnCaptions ? join(out, `video.captioned.${ext}`) : null,
    thumbnail: join(out, 'thumbnail.jpg'),
    gif: join(out, 'preview.gif'),
    srt: join(out, 'captions.srt'),
    vtt: join(out, 'captions.vtt'),
  };
}

export function renderResult(plan: RenderPlan, files: OutputFiles, totalFrames: number, words: WordTiming[], quality: QualityFigures, timings: Record<string, number>): RenderResult {
  return {
    video: files.video, captionedVideo: files.captionedVideo, thumbnail: files.thumbnail, gif: files.gif, srt: files.srt, vtt: files.vtt,
    durationSec: Math.round((totalFrames / plan.fps) * 1000) / 1000, width: plan.width, height: plan.height, words, quality, timings,
  };
}
