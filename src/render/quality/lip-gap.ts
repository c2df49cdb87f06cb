// The mouth opening a viewer reads off a face: the gap between the inner lips, as a fraction of the
// distance between the eyes (so it does not depend on how big the face is on screen).
import type { Point } from '../avatars/photo/detect-face-landmarks.js';
import { faceFrame } from '../avatars/photo/face-frame.js';
import { innerLipGapPx } from '../avatars/photo/mouth-gap.js';

export type MeshPoint = Point;

/** Mean inner-lip gap over the middle of the mouth, across the face, divided by the eye distance (0 = lips together). */
export function innerLipGap(mesh: readonly MeshPoint[]): number {
  return innerLipGapPx(mesh) / faceFrame(mesh).eyeDistance;
}
