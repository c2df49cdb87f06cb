// Captions stage: word times across the whole video as SRT and WebVTT files, and (when the plan asks)
// a variant of the finished video with them burned in.
import { copyFile, writeFile } from 'node:fs/promises';
import type { WordTiming } from '../../domain/render-plan.js';
import { buildBurnCaptionsArgs } from '../media/build-burn-captions-args.js';
import { buildCaptionCues, formatSrt, formatWebVtt } from '../media/caption-cues.js';
import { runFfmpeg, type RunToolOptions } from '../run-program.js';
import type { OutputFiles } from './outputs-stage.js';
import type { RenderContext } from './render-context.js';
import type { SpeechStageOutput } from './speech-stage.js';

export interface CaptionsStageOutput {
  /** Every spoken word, timed from the start of the video. */
  words: WordTiming[];
}

export async function writeCaptionFiles(ctx: RenderContext, speech: SpeechStageOutput, files: OutputFiles): Promise<CaptionsStageOutput> {
  const fps = ctx.plan.fps;
  const words = speech.scenes.flatMap((s, i) => s.words.map((w) => shiftWord(w, speech.sceneStarts[i]! / fps)));
  const cues = buildCaptionCues(words);
  await writeFile(files.srt, formatSrt(cues));
  await writeFile(files.vtt, formatWebVtt(cues));
  return { words };
}

/**
 * The captioned variant, read from the finished video and the SRT file. With nothing said there is
 * nothing to burn in (and ffmpeg's subtitles filter refuses an empty SRT): the variant is a copy.
 */
export async function burnCaptions(ctx: RenderContext, captions: CaptionsStageOutput, files: OutputFiles & { captionedVideo: string }, options: RunToolOptions): Promise<void> {
  const { plan } = ctx;
  if (captions.words.length === 0) return copyFile(files.video, files.captionedVideo);
  await runFfmpeg(buildBurnCaptionsArgs({ videoPath: files.video, srtPath: files.srt, format: ctx.format, height: plan.height, fps: plan.fps, outPath: files.captionedVideo }), options);
}

function shiftWord(word: WordTiming, offset: number): WordTiming {
  return { word: word.word, start: round3(word.start + offset), end: round3(word.end + offset) };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
