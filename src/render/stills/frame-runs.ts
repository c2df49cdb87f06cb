// The frame sequence of the precomposited path: which still and which crop-window position each
// frame of the fps grid shows, reduced to runs of identical frames (each run is one encoded frame).

export interface WindowPosition {
  x: number;
  y: number;
}

export interface FrameRun extends WindowPosition {
  /** The still shown (a StillFactory key). */
  key: string;
  startFrame: number;
  frames: number;
}

/** How far (in frames) a step of the idle motion may move to land on a frame that changes anyway. */
export const MOTION_SNAP_FRAMES = 3;

/**
 * Moves each step of the idle motion (a 2 px jump of the whole picture) onto a nearby frame where
 * the still changes anyway (a mouth shape or a blink), when there is one within `window` frames.
 * A step then costs no frame of its own: with speech the mouth changes several times a second, so
 * most steps merge, and a sway step a few frames early or late is invisible. Steps keep their order.
 */
export function alignMotionToChanges(keys: readonly string[], positions: readonly WindowPosition[], window = MOTION_SNAP_FRAMES): WindowPosition[] {
  const changes: boolean[] = keys.map((key, f) => f > 0 && key !== keys[f - 1]);
  const out: WindowPosition[] = new Array(positions.length);
  let current = positions[0]!;
  let lastStep = 0;
  let next = 0; // frames before this one are already written
  for (let f = 1; f < positions.length; f++) {
    if (positions[f]!.x === positions[f - 1]!.x && positions[f]!.y === positions[f - 1]!.y) continue;
    let at = f;
    for (let d = 0; d <= window; d++) {
      if (f - d > lastStep && changes[f - d]) { at = f - d; break; }
      if (f + d < positions.length && changes[f + d]) { at = f + d; break; }
    }
    at = Math.max(at, lastStep + 1);
    for (; next < at; next++) out[next] = current;
    current = positions[f]!;
    lastStep = at;
  }
  for (; next < positions.length; next++) out[next] = current;
  return out;
}

/**
 * Runs of frames showing the same picture (still and window position). The last frame always stands
 * alone: a container gives the final frame a single frame's duration, so a longer held picture at the
 * end would shorten the video.
 */
export function frameRuns(keys: readonly string[], positions: readonly WindowPosition[]): FrameRun[] {
  const runs: FrameRun[] = [];
  for (let f = 0; f < keys.length; f++) {
    const { x, y } = positions[f]!;
    const last = runs[runs.length - 1];
    if (last && last.key === keys[f] && last.x === x && last.y === y && f !== keys.length - 1) last.frames += 1;
    else runs.push({ key: keys[f]!, x, y, startFrame: f, frames: 1 });
  }
  return runs;
}
