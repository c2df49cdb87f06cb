// Which part of the photo each style shows, and at what size. `normal` frames the face like a
// presenter at the video's aspect (head and shoulders, eyes about 40 % down, the face about a third of
// the height); `closeUp` and `circle` a square around the head. Where the photo does not reach the edge
// of that frame, the picture is extended from the photo's own backdrop (photo-backdrop.ts), so the
// framing never has to squeeze or letterbox the portrait.
import type { AvatarStyle } from '../../../domain/render-plan.js';
import type { FaceLandmarks, Point } from './detect-face-landmarks.js';
import { CHIN, FACE_OVAL } from './face-mesh-regions.js';
import { eyeCentres } from './face-frame.js';

export interface PhotoFraming {
  /** Source rectangle in the photo's pixels; it may reach past the photo's edges. */
  crop: { x: number; y: number; width: number; height: number };
  /** Output still size (even numbers: video encoders need them), bleed included. */
  width: number;
  height: number;
  /** Extra pixels on every side beyond the visible frame (see `bleedFor`). */
  bleed: number;
}

/** Forehead-to-chin height as a share of the frame: a presenter's head and shoulders. */
const PRESENTER_FACE = 0.34;
/** In tall frames the face's width is the limit instead. */
const PRESENTER_FACE_WIDTH = 0.52;
const PRESENTER_EYES = 0.4;
const CLOSE_UP_FACE = 0.5;
const CLOSE_UP_EYES = 0.42;
/** A crop may zoom in this much, and the face drift this far from its place, to stay inside the photo. */
const MAX_ZOOM_IN = 0.85;
const DRIFT = 0.08;

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/**
 * The margin a full-frame photo gets on every side: the encoder's idle sway moves the whole still by a
 * few pixels (0.5 % of its height at most), and a still that only just filled the frame would then
 * show the scene's background along one edge.
 */
export function bleedFor(frameHeight: number): number {
  return 2 * Math.ceil((0.006 * frameHeight + 4) / 2);
}

interface FaceMetrics { eyes: Point; top: number; chin: number; width: number }

function faceMetrics(face: Pick<FaceLandmarks, 'mesh'>): FaceMetrics {
  const [l, r] = eyeCentres(face.mesh);
  const oval = FACE_OVAL.map((i) => face.mesh[i]!);
  return {
    eyes: { x: (l.x + r.x) / 2, y: (l.y + r.y) / 2 },
    top: Math.min(...oval.map((p) => p.y)),
    chin: face.mesh[CHIN]!.y,
    width: Math.max(...oval.map((p) => p.x)) - Math.min(...oval.map((p) => p.x)),
  };
}

/**
 * The framing for `style` at `height` visible pixels and `aspect` (width / height; normal style only),
 * with `bleed` extra pixels on each side.
 */
export function framePhoto(face: Pick<FaceLandmarks, 'width' | 'height' | 'mesh'>, style: AvatarStyle, height: number, aspect = 16 / 9, bleed = 0): PhotoFraming {
  const m = faceMetrics(face);
  const faceHeight = Math.max(1, m.chin - m.top);
  const square = style !== 'normal';
  const a = square ? 1 : aspect;
  let cropH = faceHeight / (square ? CLOSE_UP_FACE : PRESENTER_FACE);
  if (!square && cropH * a * PRESENTER_FACE_WIDTH < m.width) cropH = m.width / PRESENTER_FACE_WIDTH / a;
  // Zoom in (a bigger face) rather than extend the photo, within limits.
  const fit = Math.min(1, face.width / (cropH * a), face.height / cropH);
  cropH *= Math.max(MAX_ZOOM_IN, fit);
  const cropW = cropH * a;
  const eyesAt = square ? CLOSE_UP_EYES : PRESENTER_EYES;
  const x = settle(m.eyes.x - cropW / 2, cropW, face.width, DRIFT * cropW);
  const y = settle(m.eyes.y - eyesAt * cropH, cropH, face.height, DRIFT * cropH);
  const h = even(height);
  const w = even(h * a);
  const k = cropH / h;
  return {
    crop: { x: x - bleed * k, y: y - bleed * k, width: cropW + 2 * bleed * k, height: cropH + 2 * bleed * k },
    width: w + 2 * bleed,
    height: h + 2 * bleed,
    bleed,
  };
}

/** Moves a crop start by at most `drift` toward lying inside [0, size]. */
function settle(start: number, length: number, size: number, drift: number): number {
  if (length >= size) return start + Math.max(-drift, Math.min(drift, (size - length) / 2 - start));
  const inside = Math.min(size - length, Math.max(0, start));
  return start + Math.max(-drift, Math.min(drift, inside - start));
}
