// A layer's box (fractions of the frame) in pixels, rounded the same way wherever a layer is drawn or placed.
import type { LayerBox } from '../../domain/render-plan.js';

/** A box in pixels of the image being drawn. */
export interface Px {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function pixelBox(b: LayerBox, width: number, height: number): Px {
  return { x: Math.round(b.x * width), y: Math.round(b.y * height), w: Math.max(1, Math.round(b.width * width)), h: Math.max(1, Math.round(b.height * height)) };
}
