// Long texts are synthesised as two halves on two processes (the engines are single-threaded), split
// at the sentence end nearest the middle. Engines already treat a sentence end as an utterance
// boundary, so the halves sound as the whole would; the joined timeline is the same shape.

/** Below this a second process costs more (start-up) than it saves. */
export const PARALLEL_MIN_CHARS = 400;

/**
 * A sentence end: a word of three or more lower-case letters or digits, then . ! or ? (closing quotes
 * and brackets included), whitespace, and a capital. The word rule keeps "Mr. Smith" and "U.S. Army"
 * together, where a split would add a pause the speaker would not make.
 */
const SENTENCE_END = /(?<=[a-z0-9]{3}[.!?]["')\]\u201D\u2019]*)\s+(?=["'(\[\u201C\u2018]*[A-Z])/gu;

/** The text in up to two parts, split at the sentence end nearest the middle; one part when short or unsplittable. */
export function splitForParallel(text: string, minChars: number = PARALLEL_MIN_CHARS): string[] {
  if (text.length < minChars) return [text];
  const middle = text.length / 2;
  let best: { at: number; end: number } | null = null;
  for (const m of text.matchAll(SENTENCE_END)) {
    const at = m.index;
    if (!best || Math.abs(at - middle) < Math.abs(best.at - middle)) best = { at, end: at + m[0].length };
  }
  if (!best) return [text];
  const parts = [text.slice(0, best.at).trim(), text.slice(best.end).trim()];
  return parts.every((p) => /[\p{L}\p{N}]/u.test(p)) ? parts : [text];
}

/**
 * Runs `work` over `items` with at most `limit` at a time; results keep the input order. After a
 * failure no new item starts, and the error is thrown only once the running ones have settled, so
 * none is still writing when the caller cleans up.
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await work(items[i]!, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}
