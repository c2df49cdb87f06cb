// Full-frame stills for static backgrounds: background + avatar state composited once with sharp
// (a few ms each), written as y4m, on a canvas padded for the idle-motion crop window.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpegColor } from './background-filter.js';
import { rgbToY4m } from './y4m-still.js';


export interface CanvasSpec {
  width: number;
  height: number;
  padPx: number;
  fps: number;
}

/**
 * Raw RGB of a flat colour on the padded canvas. Only colour backgrounds are precomposited: the idle
 * motion crops a moving window, which over a picture would make the whole background jump.
 */
export function backgroundCanvas(color: string, spec: CanvasSpec): Buffer {
  const width = spec.width + 2 * spec.padPx;
  const height = spec.height + 2 * spec.padPx;
  const hex = ffmpegColor(color).slice(2);
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const out = Buffer.alloc(width * height * 3);
  for (let p = 0; p < out.length; p += 3) {
    out[p] = rgb[0]!;
    out[p + 1] = rgb[1]!;
    out[p + 2] = rgb[2]!;
  }
  return out;
}

/**
 * Composites `stillPng` (or nothing) at `x, y` (frame coordinates) over the canvas and writes a y4m.
 * Parts of the avatar outside the canvas are cut off first (sharp refuses overlays that overhang).
 */
export async function writeComposedStill(
  canvas: Buffer,
  spec: CanvasSpec,
  avatar: { stillPng: string; x: number; y: number; width: number; height: number } | null,
  outPath: string,
): Promise<string> {
  const width = spec.width + 2 * spec.padPx;
  const height = spec.height + 2 * spec.padPx;
  let pixels: Buffer = canvas;
  if (avatar) {
    const left = avatar.x + spec.padPx;
    const top = avatar.y + spec.padPx;
    const cropLeft = Math.max(0, -left);
    const cropTop = Math.max(0, -top);
    const visibleW = Math.min(avatar.width, width - left) - cropLeft;
    const visibleH = Math.min(avatar.height, height - top) - cropTop;
    if (visibleW > 0 && visibleH > 0) {
      // Raw RGBA between the two steps: a PNG there would be encoded and decoded again for nothing.
      const overlay = await sharp(avatar.stillPng).extract({ left: cropLeft, top: cropTop, width: visibleW, height: visibleH }).ensureAlpha().raw().toBuffer();
      pixels = await sharp(canvas, { raw: { width, height, channels: 3 } })
        .composite([{ input: overlay, raw: { width: visibleW, height: visibleH, channels: 4 }, left: left + cropLeft, top: top + cropTop }])
        .removeAlpha()
        .raw()
        .toBuffer();
    }
  }
  await writeFile(outPath, rgbToY4m(pixels, width, height, 3, spec.fps));
  return outPath;
}

export function composedStillPath(dir: string, key: string): string {
  return join(dir, `still-${key.replace(/[^A-Za-z0-9_-]/g, '_')}.y4m`);
}
