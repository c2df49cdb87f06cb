// Engines report word times that can overlap or be missing (a word merged into its neighbour, phones
// lost in context). Captions and mouth tracks need them in order: each word starts no earlier than the
// previous one ended, and a word without a span sits, zero-length, where the previous one ended.
import type { WordTiming } from '../../domain/render-plan.js';

export function monotoneWordTimings(words: readonly string[], spanOf: (index: number) => { start: number; end: number } | undefined, origin = 0): WordTiming[] {
  const out: WordTiming[] = [];
  let last = origin;
  words.forEach((word, i) => {
    const span = spanOf(i);
    const start = Math.max(span?.start ?? last, last);
    const end = Math.max(span?.end ?? start, start);
    out.push({ word, start, end });
    last = end;
  });
  return out;
}
