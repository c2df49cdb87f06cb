// Turns per-frame avatar state (mouth shape + eye state) into runs: only state changes become
// entries of the concat list, so ffmpeg decodes a still once per change, not once per frame.
import type { Viseme } from '../visemes/viseme.js';

export interface StillRun {
  viseme: Viseme;
  eyesClosed: boolean;
  /** Number of consecutive frames in this state (≥ 1). */
  frames: number;
}

export function buildStillRuns(visemes: readonly Viseme[], eyesClosed: readonly boolean[]): StillRun[] {
  const runs: StillRun[] = [];
  for (let i = 0; i < visemes.length; i++) {
    const viseme = visemes[i] as Viseme;
    const closed = eyesClosed[i] ?? false;
    const last = runs[runs.length - 1];
    if (last && last.viseme === viseme && last.eyesClosed === closed) last.frames += 1;
    else runs.push({ viseme, eyesClosed: closed, frames: 1 });
  }
  return runs;
}

/**
 * Concat entries for the runs. Each state change is placed half a frame early so the overlay, which
 * shows the newest avatar frame whose timestamp is ≤ the background frame's, never misses a change by
 * a rounding microsecond (1/30 s is not exact in microseconds).
 */
export function stillRunsToConcatEntries(
  runs: readonly StillRun[],
  fps: number,
  pathFor: (run: StillRun) => string,
): { path: string; durationSec: number }[] {
  const entries: { path: string; durationSec: number }[] = [];
  let frame = 0;
  let previousStart = 0;
  for (const run of runs) {
    frame += run.frames;
    const isLast = entries.length === runs.length - 1;
    const end = isLast ? frame / fps : Math.max(previousStart, (frame - 0.5) / fps);
    const endMicros = Math.round(end * 1_000_000);
    const startMicros = Math.round(previousStart * 1_000_000);
    entries.push({ path: pathFor(run), durationSec: (endMicros - startMicros) / 1_000_000 });
    previousStart = endMicros / 1_000_000;
  }
  return entries;
}
