// Draws a photo with its face mesh moved: every triangle whose corners moved is redrawn from the
// source with the affine map of its corners (canvas setTransform + a clip per triangle). The
// triangles spanning the gap between the lips are left out: that is the mouth's inside, painted
// separately (mouth-interior.ts) before the lips are drawn over its edge.
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Point } from './detect-face-landmarks.js';
import { INNER_LOWER_LIP, INNER_UPPER_LIP, LOWER_LIP_MIDDLE, LOWER_LIP_RINGS, MOUTH_CORNER_WEDGES, UPPER_LIP_MIDDLE, UPPER_LIP_RINGS } from './face-mesh-regions.js';

export type Triangle = readonly [number, number, number];

/** Triangles are grown this much around their centre so neighbours overlap and no seams show. */
const SEAM_PX = 0.6;
const MOVED_PX = 0.05;
/** How far into each lip its inner edge is sampled from, in pixels. */
const LIP_EDGE_PX = 1.5;
/** ... and at least this share of the lip's thickness (the edge against teeth is soft in most photos). */
const LIP_EDGE_SHARE = 0.2;

const innerLip = new Set<number>([...INNER_UPPER_LIP, ...INNER_LOWER_LIP]);

/**
 * Redraws every triangle that moved between `from` and `to`, except the mouth's inside and, for an
 * open mouth, its corner wedges (both painted by mouth-interior.ts).
 */
export function warpTriangles(ctx: SKRSContext2D, source: Canvas, from: readonly Point[], to: readonly Point[], triangles: readonly Triangle[], open: boolean): void {
  for (const tri of triangles) {
    if (innerLip.has(tri[0]) && innerLip.has(tri[1]) && innerLip.has(tri[2])) continue;
    if (open && isCornerWedge(tri)) continue;
    if (!tri.some((i) => Math.abs(from[i]!.x - to[i]!.x) > MOVED_PX || Math.abs(from[i]!.y - to[i]!.y) > MOVED_PX)) continue;
    drawTriangle(ctx, source, tri.map((i) => from[i]!), tri.map((i) => to[i]!));
  }
}

/**
 * The source mesh to sample lips from: the inner-lip landmarks sit on the edge between the lips (the
 * dark line where closed lips meet, or the edge of the teeth), so they are moved a pixel or so into the
 * lip; otherwise an opened mouth would carry that line, stretched into a grey rim, along its lips, and
 * a closed one a light sliver of teeth. Where the photo's lips are parted, the tracker also lets the
 * lips' middle rings stray onto the teeth: they are resampled evenly between each lip's edges.
 */
export function lipSamplingMesh(mesh: readonly Point[]): Point[] {
  const out = mesh.map((p) => ({ x: p.x, y: p.y }));
  const parted = Math.hypot(mesh[UPPER_LIP_MIDDLE]!.x - mesh[LOWER_LIP_MIDDLE]!.x, mesh[UPPER_LIP_MIDDLE]!.y - mesh[LOWER_LIP_MIDDLE]!.y) > 1.5;
  for (const rings of [UPPER_LIP_RINGS, LOWER_LIP_RINGS]) {
    const [outer, ring2, ring3, inner] = rings;
    const offset = ring2.length < outer.length ? 1 : 0;
    for (let k = 1; k < inner.length - 1; k++) {
      const p = mesh[inner[k]!]!;
      const o = mesh[outer[k]!]!;
      const thickness = Math.hypot(o.x - p.x, o.y - p.y);
      const t = Math.min(0.35, Math.max(LIP_EDGE_SHARE, LIP_EDGE_PX / Math.max(1, thickness)));
      const edge = { x: p.x + (o.x - p.x) * t, y: p.y + (o.y - p.y) * t };
      out[inner[k]!] = edge;
      if (!parted || k - offset < 0 || k - offset >= ring2.length) continue;
      out[ring2[k - offset]!] = { x: o.x + (edge.x - o.x) / 3, y: o.y + (edge.y - o.y) / 3 };
      out[ring3[k - offset]!] = { x: o.x + ((edge.x - o.x) * 2) / 3, y: o.y + ((edge.y - o.y) * 2) / 3 };
    }
  }
  return out;
}

const wedgeKeys = new Set(MOUTH_CORNER_WEDGES.map((t) => [...t].sort((a, b) => a - b).join(',')));
function isCornerWedge(tri: Triangle): boolean {
  return wedgeKeys.has([...tri].sort((a, b) => a - b).join(','));
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
