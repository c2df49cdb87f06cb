// Speaking the translation: every sentence once at normal speed to measure it, then again at the speed
// that fits its group (a sentence, or a whole scene that must keep one speed) to the source's length.
// The files and word times are what the dub or the re-render is built from.
import path from 'node:path';
import type { SourceSentence, TimedWord } from '../../domain/video-translation.js';
import { fittedSpeed, type SpeechTake } from './schedule-speech.js';
import type { TranslationSpeech } from './translation-ports.js';

export interface SentenceToSpeak {
  source: SourceSentence;
  text: string;
  /** Sentences of one group are spoken at one speed. */
  group: number;
}

export interface SpokenSentence extends SentenceToSpeak {
  speed: number;
  take: SpeechTake;
  /** Word times inside the sentence's own file. */
  words: TimedWord[];
  wavPath: string;
}

/** A voice can say it: letters or digits (a translation of "…" alone is dropped, not spoken). */
export const speakable = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/** The speech parser reads tags and entities: text that holds < or & is escaped to be said as written. */
export const escapeForSpeech = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** From the first word's start to the last word's end: the voice's own silences do not count. */
function spokenLength(durationSec: number, words: readonly TimedWord[]): number {
  return words.length > 0 ? words[words.length - 1]!.end - words[0]!.start : durationSec;
}

export interface SpeakDeps {
  speech: TranslationSpeech;
  voiceId: string;
  workDir: string;
  signal?: AbortSignal;
  onSentence?: (done: number, total: number) => void;
}

export async function speakSentences(deps: SpeakDeps, sentences: readonly SentenceToSpeak[]): Promise<SpokenSentence[]> {
  const say = (text: string, speed: number, name: string) =>
    deps.speech.synthesize({ text: escapeForSpeech(text), voiceId: deps.voiceId, speed, pitch: 0, outPath: path.join(deps.workDir, name), ...(deps.signal ? { signal: deps.signal } : {}) });
  const natural: { durationSec: number; words: TimedWord[] }[] = [];
  for (const [i, s] of sentences.entries()) natural.push(await say(s.text, 1, `natural-${i}.wav`));
  const speeds = new Map<number, number>();
  for (const group of new Set(sentences.map((s) => s.group))) {
    const members = sentences.map((s, i) => ({ s, i })).filter((m) => m.s.group === group);
    const spoken = members.reduce((sum, m) => sum + spokenLength(natural[m.i]!.durationSec, natural[m.i]!.words), 0);
    const source = members.reduce((sum, m) => sum + (m.s.source.end - m.s.source.start), 0);
    speeds.set(group, fittedSpeed(spoken, source));
  }
  const out: SpokenSentence[] = [];
  for (const [i, s] of sentences.entries()) {
    const speed = speeds.get(s.group) ?? 1;
    const name = `sentence-${i}.wav`;
    const result = await say(s.text, speed, name);
    out.push({ ...s, speed, take: { durationSec: result.durationSec, lead: result.words[0]?.start ?? 0 }, words: result.words, wavPath: path.join(deps.workDir, name) });
    deps.onSentence?.(i + 1, sentences.length);
  }
  return out;
}
