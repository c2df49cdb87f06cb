// The words a caption shows, with where they sit in the text. Positions count Unicode code points,
// because that is how espeak-ng reports text positions.

export interface TextWord {
  /** The word as written, punctuation included ("there,"), since captions show it that way. */
  text: string;
  /** Code-point index of the first character. */
  start: number;
  /** Code-point index one past the last character. */
  end: number;
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whitespace-separated tokens that contain a letter or digit ("—" and "..." are not words). */
export function splitWords(text: string): TextWord[] {
  const chars = Array.from(text);
  const words: TextWord[] = [];
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && /\s/u.test(chars[i]!)) i++;
    const start = i;
    while (i < chars.length && !/\s/u.test(chars[i]!)) i++;
    if (i > start) {
      const token = chars.slice(start, i).join('');
      if (HAS_WORD_CHAR.test(token)) words.push({ text: token, start, end: i });
    }
  }
  return words;
}

/** Splits `[start, end]` among `words` in proportion to their length: for words an engine ran together. */
export function spreadOverWords(words: readonly TextWord[], start: number, end: number): { word: string; start: number; end: number }[] {
  const total = words.reduce((n, w) => n + (w.end - w.start), 0) || 1;
  const out: { word: string; start: number; end: number }[] = [];
  let t = start;
  for (const w of words) {
    const next = t + ((end - start) * (w.end - w.start)) / total;
    out.push({ word: w.text, start: t, end: next });
    t = next;
  }
  if (out.length > 0) out[out.length - 1]!.end = end;
  return out;
}
