// A fixed ring of points around the face outline, joined to it by a strip of triangles. Moving the
// chin (or the head) then stretches the neck, hair and backdrop between the outline and the ring
// smoothly instead of tearing at the face's edge; beyond the ring nothing moves.
import type { Point } from './detect-face-landmarks.js';
import { FACE_OVAL } from './face-mesh-regions.js';
import type { Triangle } from './warp-face.js';

/** How far out the ring lies, in multiples of the outline's distance from the face centre; further below the chin (the neck takes the jaw's drop). */
const RING_SCALE = 1.35;
const RING_SCALE_BELOW = 0.45;

export interface RingedMesh {
  /** The face mesh followed by one ring point per outline point. */
  points: Point[];
  /** The strip joining outline and ring (indices into `points`). */
  strip: Triangle[];
}

export function ringAround(mesh: readonly Point[]): RingedMesh {
  const oval = FACE_OVAL.map((i) => mesh[i]!);
  const centre = { x: oval.reduce((s, p) => s + p.x, 0) / oval.length, y: oval.reduce((s, p) => s + p.y, 0) / oval.length };
  const ring = oval.map((p) => {
    const dx = p.x - centre.x;
    const dy = p.y - centre.y;
    const down = Math.max(0, dy / (Math.hypot(dx, dy) || 1));
    const k = RING_SCALE + RING_SCALE_BELOW * down;
    return { x: centre.x + dx * k, y: centre.y + dy * k };
  });
  const base = mesh.length;
  const strip: Triangle[] = [];
  for (let i = 0; i < FACE_OVAL.length; i++) {
    const j = (i + 1) % FACE_OVAL.length;
    strip.push([FACE_OVAL[i]!, FACE_OVAL[j]!, base + i], [FACE_OVAL[j]!, base + j, base + i]);
  }
  return { points: [...mesh, ...ring], strip };
}

/** `moved` (a face mesh) with the ring of `rest` appended unchanged. */
export function withRing(moved: readonly Point[], rest: RingedMesh): Point[] {
  return [...moved, ...rest.points.slice(moved.length)];
}
