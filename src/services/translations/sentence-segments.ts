// Words with times → sentences with start and end: the unit that is translated, spoken and fitted. A
// script's words carry punctuation; recognised words have none, so pauses cut them instead, and a run
// with no pause long enough is cut at its longest gap so no segment is longer than one breath.
import type { SourceSentence, TimedWord } from '../../domain/video-translation.js';

export interface SegmentOptions {
  /** A silence this long between words ends a sentence (recognised speech); absent = punctuation only. */
  pauseSec?: number;
  /** Longer runs of words are cut at their longest gap. */
  maxWords?: number;
  scene?: number;
}

const SENTENCE_END = /[.!?…]["'”’)\]]*$/;

function sentenceOf(words: readonly TimedWord[], scene: number | undefined): SourceSentence {
  return {
    text: words.map((w) => w.word.trim()).filter(Boolean).join(' '),
    start: words[0]!.start,
    end: words[words.length - 1]!.end,
    ...(scene === undefined ? {} : { scene }),
  };
}

/** Cuts a run into pieces of at most `maxWords`, each cut at the widest gap in the run. */
function capLength(run: readonly TimedWord[], maxWords: number): TimedWord[][] {
  if (run.length <= maxWords) return [run.slice()];
  let cut = Math.floor(run.length / 2);
  let widest = -Infinity;
  // Cut somewhere in the middle half, so neither side is left with a word or two.
  for (let i = Math.ceil(run.length / 4); i < Math.floor((3 * run.length) / 4); i++) {
    const gap = run[i]!.start - run[i - 1]!.end;
    if (gap > widest) {
      widest = gap;
      cut = i;
    }
  }
  return [...capLength(run.slice(0, cut), maxWords), ...capLength(run.slice(cut), maxWords)];
}

export function sentencesFromWords(words: readonly TimedWord[], options: SegmentOptions = {}): SourceSentence[] {
  const maxWords = options.maxWords ?? 30;
  const runs: TimedWord[][] = [];
  let current: TimedWord[] = [];
  for (const [i, word] of words.entries()) {
    if (!word.word.trim()) continue;
    const previous = current[current.length - 1];
    if (previous && options.pauseSec !== undefined && word.start - previous.end >= options.pauseSec) {
      runs.push(current);
      current = [];
    }
    current.push(word);
    if (SENTENCE_END.test(word.word.trim()) || i === words.length - 1) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs.filter((r) => r.length > 0).flatMap((r) => capLength(r, maxWords)).map((r) => sentenceOf(r, options.scene));
}
