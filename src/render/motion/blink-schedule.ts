// When the eyes close. People blink every few seconds for ~100–150 ms; a seeded schedule keeps the
// rendering deterministic while avoiding a metronome look.
import { createSeededRandom } from './seeded-random.js';

export interface Blink {
  /** First frame with the eyes closed. */
  startFrame: number;
  /** How many frames the eyes stay closed. */
  frames: number;
}

export interface BlinkScheduleOptions {
  totalFrames: number;
  fps: number;
  seed: number;
  minIntervalSec?: number;
  maxIntervalSec?: number;
}

export function buildBlinkSchedule(options: BlinkScheduleOptions): Blink[] {
  const { totalFrames, fps, seed } = options;
  const minInterval = options.minIntervalSec ?? 2.5;
  const maxInterval = options.maxIntervalSec ?? 6;
  const random = createSeededRandom(seed * 7919 + 17);
  const blinks: Blink[] = [];
  // The first blink comes sooner than a full interval so short clips still blink.
  let time = 0.8 + random() * (minInterval - 0.8);
  for (;;) {
    const startFrame = Math.round(time * fps);
    // ~120–160 ms closed: 3–4 frames at 25 fps, scaled for other rates.
    const frames = Math.max(1, Math.round(((random() < 0.5 ? 3 : 4) * fps) / 25));
    if (startFrame + frames > totalFrames) break;
    blinks.push({ startFrame, frames });
    time += (startFrame + frames) / fps - time + minInterval + random() * (maxInterval - minInterval);
  }
  return blinks;
}

/** Per-frame eye state: true where the eyes are closed. */
export function eyesClosedMask(blinks: readonly Blink[], totalFrames: number): boolean[] {
  const mask = new Array<boolean>(totalFrames).fill(false);
  for (const blink of blinks) {
    for (let f = blink.startFrame; f < Math.min(totalFrames, blink.startFrame + blink.frames); f++) mask[f] = true;
  }
  return mask;
}
