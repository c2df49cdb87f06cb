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
 * Concat entries for the runs. Each state change is placed a quarter frame early: the overlay shows
 * the newest avatar frame whose timestamp is ≤ the background frame's, and the `fps` filter rounds to
 * the nearest frame, so both land on the intended frame and no change is lost to a rounding
 * microsecond (1/30 s is not exact in microseconds).
 */
const EARLY_FRAMES = 0.25;
export function stillRunsToConcatEntries<R extends { frames: number }>(
  runs: readonly R[],
  fps: number,
  pathFor: (run: R) => string,
): { path: string; durationSec: number }[] {
  const entries: { path: string; durationSec: number }[] = [];
  let frame = 0;
  let previousStart = 0;
  for (const run of runs) {
    frame += run.frames;
    const isLast = entries.length === runs.length - 1;
    const end = isLast ? frame / fps : Math.max(previousStart, (frame - EARLY_FRAMES) / fps);
    const endMicros = Math.round(end * 1_000_000);
    const startMicros = Math.round(previousStart * 1_000_000);
    entries.push({ path: pathFor(run), durationSec: (endMicros - startMicros) / 1_000_000 });
    previousStart = endMicros / 1_000_000;
  }
  return entries;
}

/**
 * Concat entries for a variable-frame-rate sequence: no `fps` filter follows, so each entry starts
 * exactly on its frame (microseconds rounded from the frame count, never accumulated, so 1/30 s steps
 * do not drift) and the encoder receives one frame per entry.
 */
export function exactConcatEntries<R extends { frames: number }>(
  runs: readonly R[],
  fps: number,
  pathFor: (run: R) => string,
): { path: string; durationSec: number }[] {
  let frame = 0;
  return runs.map((run) => {
    const startMicros = Math.round((frame / fps) * 1_000_000);
    frame += run.frames;
    const endMicros = Math.round((frame / fps) * 1_000_000);
    return { path: pathFor(run), durationSec: (endMicros - startMicros) / 1_000_000 };
  });
}
