// The face's own frame: origin between the lips, x along the line between the eye centres, y down the
// face. Mouth shapes and head poses are defined in it, so a tilted portrait moves along its own axes.
import type { Point } from './detect-face-landmarks.js';
import { EYES, LOWER_LIP_MIDDLE, UPPER_LIP_MIDDLE } from './face-mesh-regions.js';

export interface FaceFrame {
  origin: Point;
  /** Distance between the eye centres, in image pixels. */
  eyeDistance: number;
  toLocal(p: Point): Point;
  toImage(p: Point): Point;
}

export function eyeCentres(mesh: readonly Point[]): [Point, Point] {
  const centre = (eye: (typeof EYES)[number]): Point => {
    const pts = [...eye.upper, ...eye.lower].map((i) => mesh[i]!);
    return { x: pts.reduce((s, p) => s + p.x, 0) / pts.length, y: pts.reduce((s, p) => s + p.y, 0) / pts.length };
  };
  const [a, b] = [centre(EYES[0]), centre(EYES[1])];
  return a.x <= b.x ? [a, b] : [b, a];
}

export function faceFrame(mesh: readonly Point[]): FaceFrame {
  const [left, right] = eyeCentres(mesh);
  const eyeDistance = Math.max(1, Math.hypot(right.x - left.x, right.y - left.y));
  const ux = (right.x - left.x) / eyeDistance;
  const uy = (right.y - left.y) / eyeDistance;
  const up = mesh[UPPER_LIP_MIDDLE]!;
  const low = mesh[LOWER_LIP_MIDDLE]!;
  const origin = { x: (up.x + low.x) / 2, y: (up.y + low.y) / 2 };
  return {
    origin,
    eyeDistance,
    // y = (-uy, ux) is the x axis turned a quarter clockwise in image space (y down): down the face.
    toLocal: (p) => ({ x: (p.x - origin.x) * ux + (p.y - origin.y) * uy, y: -(p.x - origin.x) * uy + (p.y - origin.y) * ux }),
    toImage: (q) => ({ x: origin.x + q.x * ux - q.y * uy, y: origin.y + q.x * uy + q.y * ux }),
  };
}
