// The overlay path's frames that can differ from the frame before (issue #12, template speed): the
// encoder then gets only those, each held until the next (variable frame rate on the fps grid, as on
// the precomposited path), and decodes to the same picture at every time. The engine knows every
// source of change: where a background or a scene starts, a moving background plays, the avatar's
// still or its idle-motion position steps, a timed layer animates or plays, a transition blends.
// A frame marked that does not change costs a little encode; a change left unmarked would be lost,
// so every rule here errs towards marking.
import type { IdleMotion } from '../motion/idle-motion.js';

/** Frames `start` to `end - 1` of the video's grid. */
export interface FrameSpan {
  start: number;
  end: number;
}

/** A background segment as the changes see it: a picture that holds, or a clip that plays. */
export interface ChangingBackground {
  kind: string;
  frames: number;
  playStyle?: string;
}

/** An avatar track on the grid: where its still changes (frames from its start) and how it sways. */
export interface ChangingAvatar {
  startFrame: number;
  frames: number;
  /** The frames (from the track's first) where its still changes; the first is 0. */
  stateChanges: readonly number[];
  x: number;
  y: number;
  motion: IdleMotion;
}

/** Sorted, merged (touching spans join), inside `[0, totalFrames)`, always with the first and last frame. */
export function mergeSpans(spans: readonly FrameSpan[], totalFrames: number): FrameSpan[] {
  // The last frame stands alone: the container gives the final frame one frame's duration, so a
  // longer held picture at the end would shorten the video.
  const all = [...spans, { start: 0, end: 1 }, { start: totalFrames - 1, end: totalFrames }]
    .map((s) => ({ start: Math.max(0, Math.floor(s.start)), end: Math.min(totalFrames, Math.ceil(s.end)) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: FrameSpan[] = [];
  for (const span of all) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

export function frameCount(spans: readonly FrameSpan[]): number {
  return spans.reduce((sum, s) => sum + s.end - s.start, 0);
}

/**
 * A `select` expression keeping frame `n` when it lies in one of `spans` (merged): a binary search of
 * `if`s, so a frame costs a few comparisons however long the video, and ffmpeg's parser, which refuses
 * a flat sum of more than 100 terms, sees a tree only as deep as log2 of the spans.
 */
export function selectFramesExpression(spans: readonly FrameSpan[]): string {
  const tree = (from: number, to: number): string => {
    if (to - from === 1) {
      const s = spans[from]!;
      return s.end - s.start === 1 ? `eq(n,${s.start})` : `between(n,${s.start},${s.end - 1})`;
    }
    const middle = (from + to) >> 1;
    return `if(lt(n,${spans[middle]!.start}),${tree(from, middle)},${tree(middle, to)})`;
  };
  return spans.length === 0 ? '0' : tree(0, spans.length);
}

/** A background holds its picture, so only its first frame changes; a playing clip changes on all of them. */
export function backgroundChangeSpans(backgrounds: readonly ChangingBackground[]): FrameSpan[] {
  const spans: FrameSpan[] = [];
  let start = 0;
  for (const b of backgrounds) {
    const plays = b.kind === 'video' && b.playStyle !== 'freeze';
    spans.push({ start, end: plays ? start + b.frames : start + 1 });
    start += b.frames;
  }
  return spans;
}

/** Where the avatar appears, changes still, steps in its idle motion, and disappears (the frame after its last). */
export function avatarChangeSpans(avatar: ChangingAvatar, fps: number, chromaShift: { x: number; y: number }): FrameSpan[] {
  const at = (f: number): FrameSpan => ({ start: f, end: f + 1 });
  const spans = avatar.stateChanges.map((f) => at(avatar.startFrame + f));
  spans.push(at(avatar.startFrame), at(avatar.startFrame + avatar.frames));
  for (const f of idleMotionSteps(avatar, fps, chromaShift)) spans.push(at(f));
  return spans;
}

/**
 * The frames where the overlay's position for the idle motion differs from the frame before. The
 * overlay evaluates `rest + amplitude·sin(2π·t/period + phase)` (idleMotionExpressions) on each frame,
 * truncates it to whole pixels and clears the low bits the chroma grid needs; this does the same in
 * the same order of operations. A value within a hair of a boundary, where libm and V8 could round
 * apart, counts as a step on its frame and the next.
 */
export function idleMotionSteps(avatar: Pick<ChangingAvatar, 'startFrame' | 'frames' | 'x' | 'y' | 'motion'>, fps: number, chromaShift: { x: number; y: number }): number[] {
  const m = avatar.motion;
  const sway = { amp: m.swayPx, period: Number(m.swayPeriodSec.toFixed(4)), phase: Number(m.swayPhase.toFixed(4)) };
  const breathe = { amp: m.breathePx, period: Number(m.breathePeriodSec.toFixed(4)), phase: Number(m.breathePhase.toFixed(4)) };
  const frameSec = 1 / fps;
  const steps: number[] = [];
  let previous: Position | null = null;
  for (let f = avatar.startFrame; f < avatar.startFrame + avatar.frames; f++) {
    const t = f * frameSec;
    const x = overlayPosition(avatar.x + sway.amp * Math.sin((2 * Math.PI * t) / sway.period + sway.phase), chromaShift.x);
    const y = overlayPosition(avatar.y + breathe.amp * Math.sin((2 * Math.PI * t) / breathe.period + breathe.phase), chromaShift.y);
    const here = { x: x.at, y: y.at, unsure: x.unsure || y.unsure };
    if (previous && (here.x !== previous.x || here.y !== previous.y || here.unsure || previous.unsure)) steps.push(f);
    previous = here;
  }
  return steps;
}

interface Position {
  x: number;
  y: number;
  unsure: boolean;
}

const HAIR = 1e-7;

/** ffmpeg's overlay placement of a coordinate: `(int)value & ~((1 << shift) - 1)`; unsure near a boundary. */
function overlayPosition(value: number, shift: number): { at: number; unsure: boolean } {
  const place = (v: number): number => Math.trunc(v) & ~((1 << shift) - 1);
  const at = place(value);
  return { at, unsure: place(value - HAIR) !== at || place(value + HAIR) !== at };
}
