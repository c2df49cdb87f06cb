// What both translation paths (an Orator render re-rendered, footage re-voiced) share: the context a run
// works in, the translation step, and the translated script as the API reports it.
import { OratorError } from '../../domain/errors.js';
import type {
  SourceSentence,
  SuppliedFile,
  TranslatedSentence,
  TranslationEngines,
  TranslationStage,
  VideoTranslationRecord,
} from '../../domain/video-translation.js';
import type { PlacedTake } from './schedule-speech.js';
import { speakable, type SpokenSentence } from './speak-translation.js';
import type { TranslationEngineSet } from './translation-ports.js';

export interface PipelineContext {
  translation: VideoTranslationRecord;
  engines: TranslationEngineSet;
  workDir: string;
  signal: AbortSignal;
  /** Records the stage running and the progress over the whole run (0–100). */
  stage(stage: TranslationStage, progress: number): Promise<void>;
  /** Copies a caller-supplied file (a URL fetched, or a stored blob) to `dest`. */
  readSupplied(file: SuppliedFile, dest: string): Promise<void>;
}

/** Files in the work dir and what the record keeps about them. */
export interface PipelineResult {
  video: string;
  audio: string | null;
  srt: string;
  vtt: string;
  durationSec: number;
  script: TranslatedSentence[];
  engines: TranslationEngines;
}

export interface TranslatedText {
  source: SourceSentence;
  text: string;
}

/** Each sentence translated on its own line; sentences that translate to nothing a voice can say are left out. */
export async function translateSentences(ctx: PipelineContext, sentences: readonly SourceSentence[]): Promise<TranslatedText[]> {
  const t = ctx.translation;
  const pair = { source: t.inputLanguage, target: t.outputLanguage };
  const texts = await ctx.engines.translator.translate(sentences.map((s) => s.text), pair, ctx.signal);
  const out = sentences.map((source, i) => ({ source, text: (texts[i] ?? '').trim() })).filter((s) => speakable(s.text));
  if (out.length === 0) throw new OratorError('invalid_parameter', `Nothing in ${t.sourceLabel} translated into words a voice can say`, { param: 'video' });
  return out;
}

export function noSpeechError(label: string, how: string): OratorError {
  return new OratorError('invalid_parameter', `No speech was found in ${label} (${how}); there is nothing to translate`, { param: 'video' });
}

/** The script the API reports: each sentence, where it is spoken now and where it was. */
export function translatedScript(spoken: readonly SpokenSentence[], placed: readonly PlacedTake[]): TranslatedSentence[] {
  return spoken.map((s, i) => {
    const p = placed[i]!;
    const lastWord = s.words[s.words.length - 1];
    return {
      sourceText: s.source.text,
      text: s.text,
      sourceStart: s.source.start,
      sourceEnd: s.source.end,
      start: p.start,
      end: lastWord ? p.pieceStart + lastWord.end : p.pieceEnd,
      speed: s.speed,
    };
  });
}

export function enginesUsed(ctx: PipelineContext, transcript: string, resync: string): TranslationEngines {
  const t = ctx.translation;
  return {
    transcript,
    translation: ctx.engines.translator.describe({ source: t.inputLanguage, target: t.outputLanguage }),
    speech: `${ctx.engines.speech.engineOf(t.voiceId)} (${t.voiceId})`,
    resync,
  };
}
