// A still timed layer (shape, text, image) drawn ONCE into a transparent PNG: its box plus the room its
// text shadow needs, cut down to the pixels that show, so the encoder blends no empty area per frame.
import { createCanvas } from '@napi-rs/canvas';
import { writeFile } from 'node:fs/promises';
import type { BackgroundLayer } from '../../domain/render-plan.js';
import { drawLayer, shadowBleed, type LayerImage } from './draw-layer.js';
import { pixelBox, type Px } from './layer-box.js';

/** The smallest box holding every pixel with any alpha; null when nothing shows (an empty text). */
export function inkBounds(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Px | null {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[(y * width + x) * 4 + 3] === 0) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  return right < 0 ? null : { x: left, y: top, w: right - left + 1, h: bottom - top + 1 };
}

/** Draws the layer into `outPath`; returns where the PNG sits on the frame, or null when nothing shows. */
export async function drawTimedStill(layer: BackgroundLayer, frame: { width: number; height: number }, image: LayerImage | null, outPath: string): Promise<Px | null> {
  const box = pixelBox(layer.box, frame.width, frame.height);
  const bleed = shadowBleed(layer, frame.height);
  const canvas = createCanvas(box.w + 2 * bleed, box.h + 2 * bleed);
  const ctx = canvas.getContext('2d');
  await drawLayer(ctx, layer, { x: bleed, y: bleed, w: box.w, h: box.h }, frame.height, image);
  const ink = inkBounds(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
  if (!ink) return null;
  const cut = createCanvas(ink.w, ink.h);
  cut.getContext('2d').drawImage(canvas, ink.x, ink.y, ink.w, ink.h, 0, 0, ink.w, ink.h);
  await writeFile(outPath, await cut.encode('png'));
  return { x: box.x - bleed + ink.x, y: box.y - bleed + ink.y, w: ink.w, h: ink.h };
}
