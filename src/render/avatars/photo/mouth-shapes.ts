// Mouth shapes as displacements of the face mesh, in the face's own frame (x along the line between
// the eyes, y down the face), so a tilted portrait opens its mouth along its own chin. Each shape sets
// the inner-lip gap (sized by the face: the eye distance and the mouth's width), the corners' spread,
// rounding and pressing; the jaw and chin follow the lower lip and the upper lip rises a little. The
// gap is measured from the photo's own mouth, so a smile showing teeth closes for the closed shapes.
// Pure geometry, so the shapes can be tested without drawing.
import type { Viseme } from '../../visemes/viseme.js';
import type { Point } from './detect-face-landmarks.js';
import { EYES, FACE_OVAL, INNER_LOWER_LIP, INNER_UPPER_LIP, LOWER_LIP_POINTS, MOUTH_CORNERS, NOSE_BOTTOM, OUTER_LOWER_LIP, OUTER_UPPER_LIP, UPPER_LIP_POINTS } from './face-mesh-regions.js';
import { faceFrame, type FaceFrame } from './face-frame.js';

export interface MouthShape {
  /** Inner-lip gap in the middle of the mouth, as a fraction of the mean of the eye distance and the mouth's width. */
  gap: number;
  /** Corners moved out (+) or in (−), as a fraction of half the mouth's width. */
  spread: number;
  /** 0–1: lips pushed forward into an O (the inner opening narrows more than the outer lips). */
  round: number;
  /** 0–1: lips pressed together (thinner), as on M, B and P. */
  press: number;
  /** Shares of the opening that upper teeth, lower teeth and the tongue fill (drawn by mouth-interior.ts). */
  upperTeeth: number;
  lowerTeeth: number;
  tongue: number;
}

const shape = (gap: number, spread: number, teeth: Partial<Pick<MouthShape, 'upperTeeth' | 'lowerTeeth' | 'tongue' | 'round' | 'press'>> = {}): MouthShape =>
  ({ gap, spread, round: 0, press: 0, upperTeeth: 0, lowerTeeth: 0, tongue: 0, ...teeth });

/**
 * Rhubarb's mouth alphabet on a photo. Gaps rise with the opening the viseme track gives each shape
 * (visemes/viseme-track.ts), so loudness scaling (softer shapes on quieter frames) opens the mouth less.
 */
export const MOUTH_SHAPES: Record<Viseme, MouthShape> = {
  X: shape(0, 0, { press: 0.5 }),
  A: shape(0, -0.02, { press: 0.6 }),
  B: shape(0.15, 0.08, { upperTeeth: 0.5 }),
  C: shape(0.28, -0.02, { upperTeeth: 0.35, tongue: 0.3 }),
  D: shape(0.42, -0.06, { upperTeeth: 0.25, tongue: 0.45 }),
  E: shape(0.2, -0.14, { round: 0.45, upperTeeth: 0.25, tongue: 0.2 }),
  F: shape(0.1, -0.28, { round: 1 }),
  G: shape(0.07, 0.02, { upperTeeth: 1 }),
  H: shape(0.21, 0.03, { upperTeeth: 0.35, tongue: 0.65 }),
};

/** Share of an opening taken by the upper lip rising; the jaw takes the rest. */
const UPPER_SHARE = 0.22;

const smooth = (t: number): number => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

/** A contour as y over x in the face frame, interpolated linearly and held flat past its ends. */
function contour(frame: FaceFrame, mesh: readonly Point[], indices: readonly number[]): (x: number) => number {
  const pts = indices.map((i) => frame.toLocal(mesh[i]!)).sort((a, b) => a.x - b.x);
  return (x) => {
    if (x <= pts[0]!.x) return pts[0]!.y;
    for (let k = 1; k < pts.length; k++) {
      const a = pts[k - 1]!;
      const b = pts[k]!;
      if (x <= b.x) return b.x - a.x < 1e-9 ? b.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
    }
    return pts[pts.length - 1]!.y;
  };
}

interface MouthGeometry {
  frame: FaceFrame;
  eyes: number;
  centreX: number;
  halfWidth: number;
  faceHalfWidth: number;
  chinY: number;
  noseY: number;
  innerUpper: (x: number) => number;
  innerLower: (x: number) => number;
  outerUpper: (x: number) => number;
  outerLower: (x: number) => number;
}

function mouthGeometry(mesh: readonly Point[]): MouthGeometry {
  const frame = faceFrame(mesh);
  const local = (i: number): Point => frame.toLocal(mesh[i]!);
  const left = local(MOUTH_CORNERS.left);
  const right = local(MOUTH_CORNERS.right);
  const oval = FACE_OVAL.map(local);
  return {
    frame,
    eyes: frame.eyeDistance,
    centreX: (left.x + right.x) / 2,
    halfWidth: Math.max(1, Math.abs(right.x - left.x) / 2),
    faceHalfWidth: Math.max(1, (Math.max(...oval.map((p) => p.x)) - Math.min(...oval.map((p) => p.x))) / 2),
    chinY: Math.max(...oval.map((p) => p.y)),
    noseY: local(NOSE_BOTTOM).y,
    innerUpper: contour(frame, mesh, INNER_UPPER_LIP),
    innerLower: contour(frame, mesh, INNER_LOWER_LIP),
    outerUpper: contour(frame, mesh, OUTER_UPPER_LIP),
    outerLower: contour(frame, mesh, OUTER_LOWER_LIP),
  };
}

/** Vertical moves (face frame, + = down) of the four lip contours at column x for `s`. */
function lipMoves(g: MouthGeometry, s: MouthShape, x: number): { innerUpper: number; innerLower: number; outerUpper: number; outerLower: number } {
  const iu = g.innerUpper(x);
  const il = g.innerLower(x);
  const middle = (iu + il) / 2;
  // The opening is almond-shaped across the mouth and tapers out at the lips' outer corners: tapering
  // at the inner corners instead stretched the corners' lip tissue into tall strips. Rounding narrows it.
  const inner = g.halfWidth * (1 - 0.35 * s.round);
  const across = Math.max(0, 1 - ((x - g.centreX) / inner) ** 2);
  // Sized by the eye distance and the mouth's own width together: a narrow mouth opened by the eye
  // distance alone turns into a tall box with straight sides.
  const target = s.gap * ((g.eyes + 2 * g.halfWidth) / 2) * across ** (0.9 - 0.4 * s.round);
  const innerUpper = middle - UPPER_SHARE * target - iu;
  const innerLower = middle + (1 - UPPER_SHARE) * target - il;
  const upperThick = Math.max(0, iu - g.outerUpper(x));
  const lowerThick = Math.max(0, g.outerLower(x) - il);
  // Opening lifts the whole upper lip; covering teeth stretches it (its outer edge stays). Same below.
  const pushOut = 0.15 * s.round - 0.2 * s.press;
  return {
    innerUpper,
    innerLower,
    outerUpper: innerUpper * (innerUpper < 0 ? 0.8 : 0.3) - pushOut * upperThick + s.press * 0.1 * upperThick,
    outerLower: innerLower * (innerLower > 0 ? 0.95 : 0.35) + pushOut * lowerThick - s.press * 0.1 * lowerThick,
  };
}

type LipSide = 'upper' | 'lower' | null;

/**
 * The vertical move of a point at (x, y) in the face frame: lips by where it lies between their
 * contours, jaw below. `side` names the lip of a lip landmark: on closed lips both contours share
 * their positions, so only the landmark's own lip says which way it goes.
 */
function verticalMove(g: MouthGeometry, s: MouthShape, x: number, y: number, jaw: number, side: LipSide): number {
  const m = lipMoves(g, s, x);
  const [ou, iu, il, ol] = [g.outerUpper(x), g.innerUpper(x), g.innerLower(x), g.outerLower(x)];
  const beside = 1 - smooth((Math.abs(x - g.centreX) - g.halfWidth) / (0.5 * g.halfWidth));
  const middle = (iu + il) / 2;
  if (side === 'upper' && y >= iu) return m.innerUpper;
  if (side === 'lower' && y <= il) return m.innerLower;
  if (side === 'upper' || (side === null && y <= middle)) {
    if (y >= iu) return m.innerUpper;
    if (y >= ou) return m.outerUpper + ((m.innerUpper - m.outerUpper) * (y - ou)) / Math.max(1e-6, iu - ou);
    // Above the lip the skin stretches up to the nose.
    return m.outerUpper * beside * (1 - smooth((ou - y) / Math.max(1, ou - g.noseY)));
  }
  if (y <= il) return m.innerLower;
  if (y <= ol) return m.innerLower + ((m.outerLower - m.innerLower) * (y - il)) / Math.max(1e-6, ol - il);
  // The jaw hinges near the ears: the chin drops with the lower lip, the cheeks beside it less.
  const acrossFace = Math.max(0, 1 - ((x - g.centreX) / g.faceHalfWidth) ** 2);
  const below = jaw * acrossFace * (1 - 0.15 * smooth((y - ol) / Math.max(1, g.chinY - ol)));
  return m.outerLower * beside + below * (1 - beside);
}

/** The mesh with the mouth set to `s`. Points far from the mouth (and the eyes) do not move. */
export function shapeMouth(mesh: readonly Point[], s: MouthShape): Point[] {
  const g = mouthGeometry(mesh);
  const jaw = Math.max(0, lipMoves(g, s, g.centreX).outerLower);
  const eyes = new Set<number>(EYES.flatMap((e) => [...e.upper, ...e.lower, ...e.crease]));
  const upper = new Set<number>(UPPER_LIP_POINTS);
  const lower = new Set<number>(LOWER_LIP_POINTS);
  return mesh.map((p, i) => {
    if (eyes.has(i)) return { x: p.x, y: p.y };
    const q = g.frame.toLocal(p);
    if (q.y < g.noseY - 0.2 * g.eyes) return { x: p.x, y: p.y };
    const dy = verticalMove(g, s, q.x, q.y, jaw, lower.has(i) && !upper.has(i) ? 'lower' : upper.has(i) && !lower.has(i) ? 'upper' : null);
    // Corners spread or squeeze (rounding narrows the opening itself, in lipMoves).
    const r = Math.hypot((q.x - g.centreX) / g.halfWidth, q.y / (0.7 * g.halfWidth));
    const reach = r <= 1 ? 1 : 1 - smooth((r - 1) / 0.8);
    const dx = (q.x - g.centreX) * s.spread * reach;
    return g.frame.toImage({ x: q.x + dx, y: q.y + dy });
  });
}

/**
 * The mesh with both eyes shut: the upper lids come down most of the way and the lower lids rise to
 * meet them, so no iris is left between them; the creases follow the lids partway (the skin stretches).
 */
export function closeEyes(mesh: readonly Point[]): Point[] {
  const out = mesh.map((p) => ({ x: p.x, y: p.y }));
  for (const eye of EYES) {
    eye.upper.forEach((u, k) => {
      const upper = mesh[u]!;
      const lower = mesh[eye.lower[k]!]!;
      const target = { x: upper.x + (lower.x - upper.x) * 0.86, y: upper.y + (lower.y - upper.y) * 0.86 };
      out[u] = target;
      out[eye.lower[k]!] = { x: target.x, y: target.y + 0.01 * (lower.y - upper.y) };
      const crease = mesh[eye.crease[k]!]!;
      out[eye.crease[k]!] = { x: crease.x + (target.x - upper.x) * 0.4, y: crease.y + (target.y - upper.y) * 0.4 };
    });
  }
  return out;
}
