// Idle motion: a slow breathing bob and a smaller sideways sway, as overlay x/y expressions of `t`
// so ffmpeg moves the avatar per frame without any per-frame work in Node. Phases come from the seed.
// At least 2 px: the overlay snaps positions to the chroma grid (even pixels in 4:2:0), so 1 px never moves.
import { createSeededRandom } from './seeded-random.js';

export interface IdleMotion {
  /** Peak horizontal sway in pixels. */
  swayPx: number;
  swayPeriodSec: number;
  swayPhase: number;
  /** Peak vertical (breathing) motion in pixels. */
  breathePx: number;
  breathePeriodSec: number;
  breathePhase: number;
}

export function buildIdleMotion(seed: number, avatarHeightPx: number): IdleMotion {
  const random = createSeededRandom(seed * 104729 + 3);
  return {
    swayPx: Math.max(2, Math.round(avatarHeightPx * 0.004)),
    swayPeriodSec: 6 + random() * 3,
    swayPhase: random() * 2 * Math.PI,
    breathePx: Math.max(2, Math.round(avatarHeightPx * 0.005)),
    breathePeriodSec: 3.5 + random() * 1.5,
    breathePhase: random() * 2 * Math.PI,
  };
}

/** Overlay expressions for the top-left corner; `t` is the output time in seconds. */
export function idleMotionExpressions(motion: IdleMotion, restX: number, restY: number): { x: string; y: string } {
  const term = (amp: number, period: number, phase: number): string =>
    `${amp}*sin(2*PI*t/${period.toFixed(4)}+${phase.toFixed(4)})`;
  return {
    x: `${restX}+${term(motion.swayPx, motion.swayPeriodSec, motion.swayPhase)}`,
    y: `${restY}+${term(motion.breathePx, motion.breathePeriodSec, motion.breathePhase)}`,
  };
}

/** The displacement the expressions give at time `t` (quality figures follow the mouth with it). */
export function idleMotionAt(motion: IdleMotion, t: number): { dx: number; dy: number } {
  return {
    dx: motion.swayPx * Math.sin((2 * Math.PI * t) / Number(motion.swayPeriodSec.toFixed(4)) + Number(motion.swayPhase.toFixed(4))),
    dy: motion.breathePx * Math.sin((2 * Math.PI * t) / Number(motion.breathePeriodSec.toFixed(4)) + Number(motion.breathePhase.toFixed(4))),
  };
}

/**
 * The displacement snapped to even pixels (the chroma grid of 4:2:0), as whole-picture motion is
 * applied on the precomposited path: positions hold between steps, so a frame only changes when the
 * mouth, the eyes or the snapped position does.
 */
export function idleMotionStepAt(motion: IdleMotion, t: number): { dx: number; dy: number } {
  const { dx, dy } = idleMotionAt(motion, t);
  return { dx: 2 * Math.round(dx / 2), dy: 2 * Math.round(dy / 2) };
}
