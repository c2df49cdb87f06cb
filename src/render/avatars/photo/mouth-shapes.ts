// Mouth shapes as displacements of the face mesh: a jaw drop that opens the lips (lower lip and chin
// move down, the upper lip a little up) and a horizontal squeeze toward the mouth centre for rounded
// shapes. Pure geometry, so the shapes can be tested without drawing.
import type { Viseme } from '../../visemes/viseme.js';
import type { Point } from './detect-face-landmarks.js';
import { CHIN, EYES, FACE_OVAL, INNER_LOWER_LIP, INNER_UPPER_LIP, LOWER_LIP_MIDDLE, MOUTH_CORNERS, OUTER_LOWER_LIP, OUTER_UPPER_LIP, UPPER_LIP_MIDDLE } from './face-mesh-regions.js';

export interface MouthShape {
  /** Gap between the inner lips as a fraction of the mouth width; null keeps the photo's own mouth. */
  open: number | null;
  /** Horizontal squeeze toward the mouth centre (0.3 = lips 30% narrower); negative widens. */
  squeeze: number;
  /** Upper teeth visible, as a fraction of the gap. */
  teeth: number;
}

// Small openings look natural on a warped photo; the widest is kept moderate (wider looks cartoonish).
export const MOUTH_SHAPES: Record<Viseme, MouthShape> = {
  X: { open: null, squeeze: 0, teeth: 0 },
  A: { open: 0, squeeze: 0.03, teeth: 0 },
  B: { open: 0.09, squeeze: -0.04, teeth: 0.55 },
  C: { open: 0.2, squeeze: 0, teeth: 0.35 },
  D: { open: 0.34, squeeze: 0.04, teeth: 0.25 },
  E: { open: 0.17, squeeze: 0.16, teeth: 0.15 },
  F: { open: 0.1, squeeze: 0.3, teeth: 0 },
  G: { open: 0.05, squeeze: 0, teeth: 0.8 },
  H: { open: 0.15, squeeze: 0, teeth: 0.4 },
};

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);
const smooth = (t: number): number => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

/** The mesh with the mouth set to `shape`. Points far from the mouth do not move. */
export function shapeMouth(mesh: readonly Point[], shape: MouthShape): Point[] {
  const out = mesh.map((p) => ({ x: p.x, y: p.y }));
  const left = mesh[MOUTH_CORNERS.left]!;
  const right = mesh[MOUTH_CORNERS.right]!;
  const mouthWidth = Math.max(1, dist(left, right));
  const centre = { x: (left.x + right.x) / 2, y: (mesh[UPPER_LIP_MIDDLE]!.y + mesh[LOWER_LIP_MIDDLE]!.y) / 2 };
  const gap = Math.max(0, mesh[LOWER_LIP_MIDDLE]!.y - mesh[UPPER_LIP_MIDDLE]!.y);
  const faceHalfWidth = Math.max(mouthWidth, (Math.max(...FACE_OVAL.map((i) => mesh[i]!.x)) - Math.min(...FACE_OVAL.map((i) => mesh[i]!.x))) / 2);
  const chinDrop = Math.max(1, mesh[CHIN]!.y - centre.y);
  const change = shape.open === null ? 0 : shape.open * mouthWidth - gap;
  const lowerLip = new Set<number>([...INNER_LOWER_LIP, ...OUTER_LOWER_LIP]);
  const upperLip = new Set<number>([...INNER_UPPER_LIP, ...OUTER_UPPER_LIP]);
  const eyes = new Set<number>(EYES.flatMap((e) => [...e.upper, ...e.lower, ...e.crease]));
  mesh.forEach((p, i) => {
    if (eyes.has(i)) return;
    const dx = p.x - centre.x;
    const dy = p.y - centre.y;
    // Across the lips the opening is widest in the middle and zero at the corners.
    const acrossMouth = Math.max(0, 1 - (dx / (mouthWidth / 2)) ** 2);
    // The jaw is rigid in the middle and hinges toward the ears.
    const acrossFace = Math.max(0, 1 - (dx / faceHalfWidth) ** 2);
    let move = 0;
    if (lowerLip.has(i)) move = change * 0.85 * acrossMouth;
    else if (upperLip.has(i)) move = -change * 0.15 * acrossMouth;
    else if (dy > 0) move = change * 0.85 * acrossFace * smooth(dy / (0.2 * mouthWidth)) * (1 - 0.3 * smooth(dy / chinDrop));
    // Rounding pulls points toward the mouth centre, fading out a mouth width away.
    const reach = Math.exp(-((dx / mouthWidth) ** 2 + (dy / (0.6 * mouthWidth)) ** 2) * 1.5);
    out[i] = { x: p.x - dx * shape.squeeze * reach, y: p.y + move };
  });
  return out;
}

/** The mesh with both upper eyelids lowered onto the lower ones (creases follow halfway). */
export function closeEyes(mesh: readonly Point[]): Point[] {
  const out = mesh.map((p) => ({ x: p.x, y: p.y }));
  for (const eye of EYES) {
    eye.upper.forEach((u, k) => {
      const upper = mesh[u]!;
      const lower = mesh[eye.lower[k]!]!;
      const target = { x: upper.x + (lower.x - upper.x) * 0.9, y: upper.y + (lower.y - upper.y) * 0.9 };
      out[u] = target;
      const crease = mesh[eye.crease[k]!]!;
      out[eye.crease[k]!] = { x: crease.x, y: crease.y + (target.y - upper.y) * 0.45 };
    });
  }
  return out;
}
