// A proofread runs the pipeline up to the translated text and stops: each source sentence with its
// translation at the source's time, written as two SRTs (the source's words and the translation) for a
// person to check and edit (PUT …/srt) before a video is generated from it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TranslatedSentence, TranslationEngines } from '../../domain/video-translation.js';
import type { VideoRecord } from '../../domain/video.js';
import { readOwnRenderScript } from './own-render-script.js';
import { footageSentences, textsToSpeak } from './source-sentences.js';
import { formatSrt } from './srt-cues.js';
import { checkFootage } from './translate-footage.js';
import { noSpeechError, type PipelineContext, type TranslatedText } from './translation-pipeline.js';

export interface ProofreadOutput {
  script: TranslatedSentence[];
  durationSec: number;
  engines: TranslationEngines;
  /** The translation as SRT (the file a person edits). */
  srt: string;
  /** The source's words as SRT. */
  originalSrt: string;
}

/** A proofread sentence keeps the source's times: nothing is spoken yet. */
export function proofreadScript(texts: readonly TranslatedText[]): TranslatedSentence[] {
  return texts.map((s) => ({ sourceText: s.source.text, text: s.text, sourceStart: s.source.start, sourceEnd: s.source.end, start: s.source.start, end: s.source.end, speed: 1 }));
}

async function written(ctx: PipelineContext, texts: readonly TranslatedText[], durationSec: number, transcript: string): Promise<ProofreadOutput> {
  const t = ctx.translation;
  const script = proofreadScript(texts);
  const srt = path.join(ctx.workDir, 'proofread.srt');
  const originalSrt = path.join(ctx.workDir, 'original.srt');
  await writeFile(srt, formatSrt(script.map((s) => ({ start: s.start, end: s.end, text: s.text }))));
  await writeFile(originalSrt, formatSrt(script.map((s) => ({ start: s.sourceStart, end: s.sourceEnd, text: s.sourceText }))));
  const engines: TranslationEngines = {
    transcript,
    translation: ctx.engines.translator.describe({ source: t.inputLanguage, target: t.outputLanguage }),
    speech: 'not spoken yet: POST …/generate speaks the proofread text',
    resync: 'not made yet: POST …/generate makes the video',
  };
  return { script, durationSec, engines, srt, originalSrt };
}

export async function proofreadFootage(ctx: PipelineContext, videoPath: string, maxSec: number): Promise<ProofreadOutput> {
  await ctx.stage('preparing', 5);
  const probe = checkFootage(await ctx.engines.media.probe(videoPath), ctx.translation.sourceLabel, maxSec);
  await ctx.stage('transcribing', 10);
  const { sentences, transcript } = await footageSentences(ctx, videoPath);
  await ctx.stage('translating', 60);
  return written(ctx, await textsToSpeak(ctx, sentences), probe.durationSec, transcript);
}

export async function proofreadOwnRender(ctx: PipelineContext, video: VideoRecord, captions: string | null): Promise<ProofreadOutput> {
  await ctx.stage('transcribing', 10);
  const script = await readOwnRenderScript(video.plan, captions, video.durationSec ?? 0, { speech: ctx.engines.speech, workDir: ctx.workDir, signal: ctx.signal });
  if (script.sentences.length === 0) throw noSpeechError(ctx.translation.sourceLabel, 'its script has no words');
  await ctx.stage('translating', 60);
  return written(ctx, await textsToSpeak(ctx, script.sentences, true), video.durationSec ?? 0, 'the render’s own script (no recognition)');
}
