// One frame's mouth re-drawn to a new shape with the talking-photo machinery: the face mesh of this
// frame is moved to the shape (shapeMouth), the inside of the mouth painted (teeth, tongue, dark), and
// the face warped onto the moved mesh, inside a box around the face only; everything outside the warp's
// outer ring is left exactly as the source frame was.
import type { Canvas } from '@napi-rs/canvas';
import type { Point } from '../avatars/photo/detect-face-landmarks.js';
import { ringAround, withRing } from '../avatars/photo/face-ring.js';
import { innerLipGapPx } from '../avatars/photo/mouth-gap.js';
import { drawLipContact, mouthPalette, paintMouthInterior } from '../avatars/photo/mouth-interior.js';
import { MOUTH_SHAPES, shapeMouth } from '../avatars/photo/mouth-shapes.js';
import { lipSamplingMesh, warpTriangles, type Triangle } from '../avatars/photo/warp-face.js';
import type { Viseme } from '../visemes/viseme.js';
import { workRegion } from './mouth-track.js';

type CanvasLib = typeof import('@napi-rs/canvas');

export interface MouthRedrawer {
  /** Re-draws the mouth of `frame` (RGBA, width × height) in place. */
  redraw(frame: Buffer, mesh: readonly Point[], viseme: Viseme): void;
}

/**
 * Only triangles that move: the canvas already holds the source frame, so a triangle copied onto itself
 * changes nothing, and the eyes, brow and cheeks (most of the mesh) stay still for every mouth shape.
 */
export function movedTriangles(triangles: readonly Triangle[], from: readonly Point[], to: readonly Point[]): Triangle[] {
  const moved = (i: number) => Math.abs(from[i]!.x - to[i]!.x) > 0.01 || Math.abs(from[i]!.y - to[i]!.y) > 0.01;
  return triangles.filter((t) => moved(t[0]) || moved(t[1]) || moved(t[2]));
}

export function createMouthRedrawer(canvasLib: CanvasLib, faceTriangles: readonly Triangle[], width: number, height: number): MouthRedrawer {
  const make = (w: number, h: number): Canvas => canvasLib.createCanvas(w, h);
  return {
    redraw(frame, fullMesh, viseme) {
      const r = workRegion(fullMesh, width, height);
      const mesh = fullMesh.map((p) => ({ x: p.x - r.x, y: p.y - r.y }));
      const crop = new Uint8ClampedArray(r.width * r.height * 4);
      for (let y = 0; y < r.height; y++) {
        const from = ((r.y + y) * width + r.x) * 4;
        crop.set(frame.subarray(from, from + r.width * 4), y * r.width * 4);
      }
      const source = make(r.width, r.height);
      source.getContext('2d').putImageData(new canvasLib.ImageData(crop, r.width, r.height), 0, 0);
      const canvas = make(r.width, r.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(source, 0, 0);
      const ring = ringAround(mesh);
      const shape = MOUTH_SHAPES[viseme];
      const to = shapeMouth(mesh, shape);
      const palette = mouthPalette(source, mesh);
      paintMouthInterior(ctx, source, mesh, to, shape, palette, make);
      const closed = innerLipGapPx(to) < 0.75;
      const parted = innerLipGapPx(mesh) > 1.5;
      const fromPts = withRing(closed && !parted ? mesh : lipSamplingMesh(mesh), ring);
      const toPts = withRing(to, ring);
      warpTriangles(ctx, source, fromPts, toPts, movedTriangles([...faceTriangles, ...ring.strip], fromPts, toPts), !closed);
      if (closed && parted) drawLipContact(ctx, to, palette);
      const out = ctx.getImageData(0, 0, r.width, r.height).data;
      for (let y = 0; y < r.height; y++) {
        const to = ((r.y + y) * width + r.x) * 4;
        frame.set(out.subarray(y * r.width * 4, (y + 1) * r.width * 4), to);
      }
    },
  };
}
