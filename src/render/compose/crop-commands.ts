// The idle motion on the precomposited path, as commands for ffmpeg's `sendcmd` filter: the crop
// window over the padded stills jumps to a new position only where the frame sequence says so. The
// positions are computed here, not by an expression in ffmpeg, so the sequence knows exactly which
// frames change and the encoder gets only those (variable frame rate on the fps grid).
import { formatSeconds } from './ffconcat.js';

/** The crop filter's instance name in the graph; the commands address it. */
export const MOTION_CROP = 'crop@motion';

export interface CropStep {
  /** First frame (on the fps grid) shown at this window position. */
  startFrame: number;
  x: number;
  y: number;
}

/**
 * One command line per position change after the first (the first is the filter's own x/y). Each is
 * timed half a frame before its frame: `sendcmd` fires on the first frame at or after that time,
 * which is exactly the intended frame, with no equality test on rounded microseconds.
 */
export function buildCropCommands(steps: readonly CropStep[], fps: number): string {
  const lines: string[] = [];
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    const at = formatSeconds((step.startFrame - 0.5) / fps);
    lines.push(`${at} ${MOTION_CROP} x ${step.x}, ${MOTION_CROP} y ${step.y};`);
  }
  return lines.join('\n') + '\n';
}
