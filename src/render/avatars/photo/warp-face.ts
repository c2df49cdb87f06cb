// Draws a photo with its face mesh moved: every triangle whose corners moved is redrawn from the
// source with the affine map of its corners (canvas setTransform + a clip per triangle), then the
// opened mouth gets a dark interior and a band of upper teeth.
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Point } from './detect-face-landmarks.js';
import { INNER_LOWER_LIP, INNER_UPPER_LIP, LOWER_LIP_MIDDLE, UPPER_LIP_MIDDLE } from './face-mesh-regions.js';

export type Triangle = readonly [number, number, number];

/** Triangles are grown this much around their centre so neighbours overlap and no seams show. */
const SEAM_PX = 0.6;
const MOVED_PX = 0.05;
const MOUTH_INSIDE = '#3a1414';
const TEETH = '#e8e2d6';

const innerLip = new Set<number>([...INNER_UPPER_LIP, ...INNER_LOWER_LIP]);

/** A photo whose lips are parted this much (pixels) shows its own teeth: they are reused when opening. */
const PHOTO_TEETH_GAP_PX = 2;

/**
 * Paints `source` (warped from `from` to `to`) onto `ctx`, which already holds the unwarped picture.
 * `teeth` is the share of the opening filled by upper teeth; null keeps the photo's own mouth as is.
 */
export function warpFace(ctx: SKRSContext2D, source: Canvas, from: readonly Point[], to: readonly Point[], triangles: readonly Triangle[], teeth: number | null): void {
  for (const tri of triangles) {
    // The triangles spanning the gap between the lips are the mouth's inside, painted below.
    if (innerLip.has(tri[0]) && innerLip.has(tri[1]) && innerLip.has(tri[2])) continue;
    if (!tri.some((i) => Math.abs(from[i]!.x - to[i]!.x) > MOVED_PX || Math.abs(from[i]!.y - to[i]!.y) > MOVED_PX)) continue;
    drawTriangle(ctx, source, tri.map((i) => from[i]!), tri.map((i) => to[i]!));
  }
  if (teeth === null) return;
  const gap = to[LOWER_LIP_MIDDLE]!.y - to[UPPER_LIP_MIDDLE]!.y;
  if (gap > 0.75) paintMouthInside(ctx, source, from, to, gap, teeth);
}

function drawTriangle(ctx: SKRSContext2D, source: Canvas, s: Point[], d: Point[]): void {
  const [s0, s1, s2] = s as [Point, Point, Point];
  const [d0, d1, d2] = d as [Point, Point, Point];
  const den = (s1.x - s0.x) * (s2.y - s0.y) - (s2.x - s0.x) * (s1.y - s0.y);
  if (Math.abs(den) < 1e-6) return;
  const a = ((d1.x - d0.x) * (s2.y - s0.y) - (d2.x - d0.x) * (s1.y - s0.y)) / den;
  const c = ((d2.x - d0.x) * (s1.x - s0.x) - (d1.x - d0.x) * (s2.x - s0.x)) / den;
  const b = ((d1.y - d0.y) * (s2.y - s0.y) - (d2.y - d0.y) * (s1.y - s0.y)) / den;
  const dd = ((d2.y - d0.y) * (s1.x - s0.x) - (d1.y - d0.y) * (s2.x - s0.x)) / den;
  const cx = (d0.x + d1.x + d2.x) / 3;
  const cy = (d0.y + d1.y + d2.y) / 3;
  ctx.save();
  ctx.beginPath();
  for (const [k, p] of [d0, d1, d2].entries()) {
    const len = Math.hypot(p.x - cx, p.y - cy) || 1;
    const x = p.x + ((p.x - cx) / len) * SEAM_PX;
    const y = p.y + ((p.y - cy) / len) * SEAM_PX;
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.clip();
  ctx.setTransform(a, b, c, dd, d0.x - a * s0.x - c * s0.y, d0.y - b * s0.x - dd * s0.y);
  ctx.drawImage(source, 0, 0);
  ctx.restore();
}

function mouthPath(ctx: SKRSContext2D, mesh: readonly Point[], dx = 0, dy = 0): void {
  const outline = [...INNER_UPPER_LIP, ...[...INNER_LOWER_LIP].reverse()].map((i) => mesh[i]!);
  ctx.beginPath();
  outline.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x + dx, p.y + dy) : ctx.lineTo(p.x + dx, p.y + dy)));
  ctx.closePath();
}

function paintMouthInside(ctx: SKRSContext2D, source: Canvas, from: readonly Point[], to: readonly Point[], gap: number, teeth: number): void {
  const upper = INNER_UPPER_LIP.map((i) => to[i]!);
  ctx.save();
  mouthPath(ctx, to);
  ctx.fillStyle = MOUTH_INSIDE;
  ctx.fill();
  ctx.clip();
  const photoGap = from[LOWER_LIP_MIDDLE]!.y - from[UPPER_LIP_MIDDLE]!.y;
  if (photoGap > PHOTO_TEETH_GAP_PX) {
    // The photo's own teeth hang from the upper lip: moved with it, they look far more real than paint.
    const dx = to[UPPER_LIP_MIDDLE]!.x - from[UPPER_LIP_MIDDLE]!.x;
    const dy = to[UPPER_LIP_MIDDLE]!.y - from[UPPER_LIP_MIDDLE]!.y;
    mouthPath(ctx, from, dx, dy);
    ctx.clip();
    ctx.drawImage(source, dx, dy);
  } else if (teeth > 0) {
    const depth = gap * teeth;
    ctx.beginPath();
    upper.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x, p.y - 1) : ctx.lineTo(p.x, p.y - 1)));
    [...upper].reverse().forEach((p) => ctx.lineTo(p.x, p.y + depth));
    ctx.closePath();
    ctx.fillStyle = TEETH;
    ctx.fill();
  }
  ctx.restore();
}
