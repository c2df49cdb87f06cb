// Word times for uploaded audio with a transcript: the recogniser gives phones, not words, so the
// transcript's words are laid over the spoken stretches in proportion to their length. Good enough
// for caption cues (which span several words); not a forced alignment.
import type { WordTiming } from '../../domain/render-plan.js';
import type { PhoneTiming } from '../visemes/viseme.js';

export function spreadTranscriptWords(transcript: string, phones: readonly PhoneTiming[]): WordTiming[] {
  const words = transcript.split(/\s+/).filter(Boolean);
  const spoken = phones.filter((p) => p.viseme !== 'X' && p.end > p.start);
  if (words.length === 0 || spoken.length === 0) return [];
  // Spoken time as a list of intervals; words are placed on the concatenated speech timeline.
  const intervals = mergeIntervals(spoken.map((p) => [p.start, p.end] as [number, number]), 0.05);
  const speechTotal = intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
  const weights = words.map((w) => w.length + 1);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const toClock = (speechTime: number): number => {
    let remaining = speechTime;
    for (const [a, b] of intervals) {
      if (remaining <= b - a) return a + remaining;
      remaining -= b - a;
    }
    return intervals[intervals.length - 1]![1];
  };
  let cursor = 0;
  return words.map((word, i) => {
    const length = (weights[i]! / weightTotal) * speechTotal;
    const timing = { word, start: round3(toClock(cursor)), end: round3(toClock(cursor + length * 0.95)) };
    cursor += length;
    return timing;
  });
}

function mergeIntervals(intervals: [number, number][], joinGap: number): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a - last[1] <= joinGap) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
