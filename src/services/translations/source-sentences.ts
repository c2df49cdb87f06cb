// Where a run's sentences come from before they are spoken: a proofread's edited script (nothing to
// recognise or translate), a caller's SRT of the source (no recognition), or speech recognition; and the
// text to speak for each: the edited words, or the machine translation.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { GivenSentence, SourceSentence, SuppliedFile } from '../../domain/video-translation.js';
import { sentencesFromWords } from './sentence-segments.js';
import { speakable } from './speak-translation.js';
import { parseSrtStrict } from './srt-cues.js';
import { noSpeechError, translateSentences, type PipelineContext, type TranslatedText } from './translation-pipeline.js';

/** A pause this long in recognised speech ends a sentence (pocketsphinx gives no punctuation). */
export const RECOGNISED_PAUSE_SEC = 0.3;

const fromGiven = (given: readonly GivenSentence[]): SourceSentence[] => given.map((g) => ({ text: g.sourceText, start: g.sourceStart, end: g.sourceEnd }));

async function suppliedSrt(ctx: PipelineContext, file: SuppliedFile): Promise<SourceSentence[]> {
  const dest = path.join(ctx.workDir, 'source-transcript.srt');
  await ctx.readSupplied(file, dest);
  return parseSrtStrict(await readFile(dest, 'utf8'), 'srt').map((c) => ({ text: c.text, start: c.start, end: c.end }));
}

/** What footage says, with times: the proofread script, the caller's SRT, or what recognition hears. */
export async function footageSentences(ctx: PipelineContext, videoPath: string): Promise<{ sentences: SourceSentence[]; transcript: string }> {
  const t = ctx.translation;
  if (t.options.givenScript) return { sentences: fromGiven(t.options.givenScript), transcript: `the proofread script of ${t.options.proofreadId ?? 'a proofread'}` };
  if (t.options.sourceSrt) return { sentences: await suppliedSrt(ctx, t.options.sourceSrt), transcript: 'the SRT supplied with the request (no recognition)' };
  const { media, transcriber } = ctx.engines;
  const wav = path.join(ctx.workDir, 'speech-16k.wav');
  await media.extractSpeech(videoPath, wav, ctx.signal);
  const words = await transcriber.transcribe(wav, t.inputLanguage, ctx.signal);
  const sentences = sentencesFromWords(words, { pauseSec: RECOGNISED_PAUSE_SEC });
  if (sentences.length === 0) throw noSpeechError(t.sourceLabel, transcriber.name);
  return { sentences, transcript: transcriber.name };
}

/**
 * The edited words for each source sentence: every given sentence whose start falls in the source
 * sentence's time (up to the next one's start) belongs to it. An Orator render's sentences carry their
 * scene, so this keeps the scene split while the words come from the proofread.
 */
export function applyGivenScript(sentences: readonly SourceSentence[], given: readonly GivenSentence[]): TranslatedText[] {
  const owner = (at: number) => {
    let best = 0;
    for (const [i, s] of sentences.entries()) if (s.start - 0.05 <= at) best = i;
    return best;
  };
  const texts = sentences.map(() => [] as string[]);
  for (const g of given) texts[owner(g.sourceStart)]!.push(g.text);
  return sentences.map((source, i) => ({ source, text: texts[i]!.join(' ').trim() })).filter((s) => speakable(s.text));
}

/** The words to speak: the proofread's where there is one, else the machine translation of each sentence. */
export async function textsToSpeak(ctx: PipelineContext, sentences: readonly SourceSentence[], byTime = false): Promise<TranslatedText[]> {
  const given = ctx.translation.options.givenScript;
  if (!given) return translateSentences(ctx, sentences);
  const out = byTime ? applyGivenScript(sentences, given) : given.map((g, i) => ({ source: sentences[i]!, text: g.text.trim() })).filter((s) => speakable(s.text));
  if (out.length === 0) throw noSpeechError(ctx.translation.sourceLabel, 'the proofread script has no words a voice can say');
  return out;
}
