// Scene transitions (issue #12): how one scene's picture gives way to the next (fade, slide) inside the
// single encode pass, without changing any scene's length (so speech and picture stay in sync).
//
// Scene B does not start late: its first frames play on time, and scene A's last picture, held, fades
// out over them (fade) or is pushed out sideways by them (slide). Only the transition's own frames pass
// through a transition filter; the rest of the picture is cut into plain pieces and concatenated
// around them by reference, so the cost is a few dozen blended frames, and memory does not grow with
// the scenes' or transitions' length (each transition's filters keep a few frames of buffers).
import type { ScenePlan } from '../../domain/render-plan.js';

export interface TransitionInput {
  type: 'fade' | 'slide';
  /** The first frame of the scene being joined to the one before it. */
  atFrame: number;
  frames: number;
}

/** The contract's bounds on a transition's length (SceneTransitionPlan). */
export const TRANSITION_SECONDS = { min: 0.1, max: 2 } as const;

/**
 * The transitions of a plan's scenes, on the video's frame grid, each clamped to 0.1–2 s and to the
 * shorter of its two scenes. A transition also stops one frame short of the end of its scene when the
 * next scene has one too, so the picture that one holds is the scene's own, not a blend.
 */
export function transitionInputs(scenes: readonly Pick<ScenePlan, 'transition'>[], sceneStarts: readonly number[], fps: number, totalFrames: number): TransitionInput[] {
  const lengths = sceneStarts.map((start, i) => (sceneStarts[i + 1] ?? totalFrames) - start);
  const inputs: TransitionInput[] = [];
  for (let i = 1; i < scenes.length && i < sceneStarts.length; i++) {
    const transition = scenes[i]!.transition;
    if (!transition || !Number.isFinite(transition.seconds)) continue;
    const seconds = Math.min(TRANSITION_SECONDS.max, Math.max(TRANSITION_SECONDS.min, transition.seconds));
    const nextHolds = scenes[i + 1]?.transition ? 1 : 0;
    const frames = Math.min(Math.max(1, Math.round(seconds * fps)), lengths[i - 1]!, lengths[i]! - nextHolds);
    if (frames >= 1) inputs.push({ type: transition.type, atFrame: sceneStarts[i]!, frames });
  }
  return inputs;
}

/**
 * The frames a transition can change (see changing-frames.ts): its blended frames and the first after
 * them; one left a cut (overlapping another) changes at most these too.
 */
export function transitionChangeSpans(transitions: readonly TransitionInput[]): { start: number; end: number }[] {
  return transitions.map((t) => ({ start: t.atFrame, end: t.atFrame + t.frames + 1 }));
}

/** The picture the transitions work on: its rate and the composition's pixel format (alpha or not). */
export interface TransitionVideo {
  fps: number;
  width: number;
  height: number;
  pixelFormat: string;
}

/** xfade's looks: a cross-dissolve, and a push (B comes in from the right and pushes A out to the left). */
const XFADE_TRANSITION: Record<TransitionInput['type'], string> = { fade: 'fade', slide: 'slideleft' };

/** Appends the transitions' filters after the picture labelled `current`; returns the new label. */
export function appendTransitions(graph: string[], current: string, transitions: readonly TransitionInput[], video: TransitionVideo): string {
  const kept = nonOverlapping(transitions);
  if (!kept.length) return current;
  const pieces = piecesOf(kept);
  const branches: string[] = [];
  const segments: string[] = [];
  const chains: string[] = [];
  pieces.forEach((piece, p) => {
    if (piece.kind === 'plain') {
      const label = `txp${p}`;
      branches.push(label);
      const range = [piece.start > 0 ? `start_frame=${piece.start}` : '', piece.end !== null ? `end_frame=${piece.end}` : ''].filter(Boolean).join(':');
      chains.push(`[${label}]trim=${range},setpts=PTS-STARTPTS[txs${p}]`);
    } else {
      branches.push(`txa${p}`, `txb${p}`);
      chains.push(...transitionChains(piece.transition, p, video));
    }
    segments.push(`[txs${p}]`);
  });
  // Frame numbers as timestamps: xfade measures its progress in them, and every frame is one grid slot.
  graph.push(`[${current}]settb=1/${video.fps},setpts=N,split=${branches.length}${branches.map((b) => `[${b}]`).join('')}`);
  graph.push(...chains);
  graph.push(`${segments.join('')}concat=n=${segments.length}:v=1:a=0,settb=1/${video.fps},setpts=N[txout]`);
  return 'txout';
}

/**
 * One transition as its own segment of N frames: A's last picture held N frames, against B's first N.
 * xfade starts one frame early (offset −1 frame, duration N+1), so its first output is already 1/(N+1)
 * B and its last N/(N+1): its 100 % A frame would be a copy of A's last, and xfade's slide misreads
 * the first column there. xfade (ffmpeg 5.1) works in 4:4:4 only: the held picture is converted once,
 * before it is repeated, and only the transition's frames make the round trip.
 */
function transitionChains(transition: TransitionInput, p: number, video: TransitionVideo): string[] {
  const { atFrame, frames } = transition;
  const alpha = video.pixelFormat.startsWith('yuva');
  // Alpha is blended premultiplied: a straight mix of an opaque pixel with a transparent one greys it.
  const premultiplied = alpha && transition.type === 'fade';
  const into = `format=${alpha ? 'yuva444p' : 'yuv444p'}${premultiplied ? ',premultiply=inplace=1' : ''}`;
  const back = `${premultiplied ? 'unpremultiply=inplace=1,' : ''}format=${video.pixelFormat}`;
  const hold = frames > 1 ? `,tpad=stop_mode=clone:stop=${frames - 1}` : '';
  const [duration, offset] = [(frames + 1) / video.fps, -1 / video.fps].map((s) => s.toFixed(6));
  return [
    `[txa${p}]trim=start_frame=${atFrame - 1}:end_frame=${atFrame},setpts=PTS-STARTPTS,${into}${hold}[txh${p}]`,
    `[txb${p}]trim=start_frame=${atFrame}:end_frame=${atFrame + frames},setpts=PTS-STARTPTS,${into}[txn${p}]`,
    `[txh${p}][txn${p}]xfade=transition=${XFADE_TRANSITION[transition.type]}:duration=${duration}:offset=${offset},${back}[txs${p}]`,
  ];
}

type Piece = { kind: 'plain'; start: number; end: number | null } | { kind: 'transition'; transition: TransitionInput };

/** The picture cut in order: plain frames (ending with the one a transition holds), its segment, …, plain frames to the end. */
function piecesOf(transitions: readonly TransitionInput[]): Piece[] {
  const pieces: Piece[] = [];
  let next = 0;
  for (const transition of transitions) {
    if (transition.atFrame > next) pieces.push({ kind: 'plain', start: next, end: transition.atFrame });
    pieces.push({ kind: 'transition', transition });
    next = transition.atFrame + transition.frames;
  }
  pieces.push({ kind: 'plain', start: next, end: null });
  return pieces;
}

/** In frame order; one that would hold a frame another transition is still blending is left a cut. */
function nonOverlapping(transitions: readonly TransitionInput[]): TransitionInput[] {
  const kept: TransitionInput[] = [];
  let free = 0;
  for (const t of [...transitions].sort((a, b) => a.atFrame - b.atFrame)) {
    if (t.frames < 1 || t.atFrame < 1 || t.atFrame - 1 < free) continue;
    kept.push(t);
    free = t.atFrame + t.frames;
  }
  return kept;
}
