// Full-frame stills for static backgrounds: a flat colour canvas (padded for the idle-motion crop
// window) with one avatar state on it, written as y4m. Only the avatar's block is decoded, blended
// and converted (sharp, a few ms); the rest of the frame is a copy of the colour's planes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpegColor } from '../compose/background-filter.js';
import { drawRgbBlock, flatY4m, type Y4mFrame } from './y4m-still.js';

export interface CanvasSpec {
  width: number;
  height: number;
  padPx: number;
  fps: number;
}

/** The padded canvas in one flat colour; its RGB is kept to blend the avatar's edges against. */
export interface BackgroundCanvas {
  rgb: [number, number, number];
  frame: Y4mFrame;
}

/**
 * A flat colour on the padded canvas. Only colour backgrounds are precomposited: the idle motion
 * crops a moving window, which over a picture would make the whole background jump.
 */
export function backgroundCanvas(color: string, spec: CanvasSpec): BackgroundCanvas {
  const hex = ffmpegColor(color).slice(2);
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return { rgb, frame: flatY4m(spec.width + 2 * spec.padPx, spec.height + 2 * spec.padPx, rgb, spec.fps) };
}

/**
 * Composites `stillPng` (or nothing) at `x, y` (frame coordinates) over the canvas and writes a y4m.
 * The avatar's visible part, widened to the chroma grid, is flattened onto the colour; parts outside
 * the canvas are cut off first (sharp refuses to extract beyond the image).
 */
export async function writeComposedStill(
  canvas: BackgroundCanvas,
  spec: CanvasSpec,
  avatar: { stillPng: string; x: number; y: number; width: number; height: number } | null,
  outPath: string,
): Promise<string> {
  const width = spec.width + 2 * spec.padPx;
  const height = spec.height + 2 * spec.padPx;
  let bytes = canvas.frame.bytes;
  if (avatar) {
    const left = avatar.x + spec.padPx;
    const top = avatar.y + spec.padPx;
    const visLeft = Math.max(0, left);
    const visTop = Math.max(0, top);
    const visRight = Math.min(width, left + avatar.width);
    const visBottom = Math.min(height, top + avatar.height);
    if (visRight > visLeft && visBottom > visTop) {
      const block = {
        left: visLeft & ~1, top: visTop & ~1,
        width: ((visRight + 1) & ~1) - (visLeft & ~1), height: ((visBottom + 1) & ~1) - (visTop & ~1),
      };
      const [r, g, b] = canvas.rgb;
      // sharp flattens before it extends, whatever the call order: the widening is opaque colour, and
      // the channel count is read back rather than assumed.
      const { data, info } = await sharp(avatar.stillPng)
        .extract({ left: visLeft - left, top: visTop - top, width: visRight - visLeft, height: visBottom - visTop })
        .flatten({ background: { r, g, b } })
        .extend({
          left: visLeft - block.left, top: visTop - block.top,
          right: block.left + block.width - visRight, bottom: block.top + block.height - visBottom,
          background: { r, g, b, alpha: 1 },
        })
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.width !== block.width || info.height !== block.height || (info.channels !== 3 && info.channels !== 4)) {
        throw new Error(`avatar block came out ${info.width}x${info.height}x${info.channels}, expected ${block.width}x${block.height}`);
      }
      const frame = { width, height, bytes: Buffer.from(canvas.frame.bytes) };
      drawRgbBlock(frame, data, block, info.channels);
      bytes = frame.bytes;
    }
  }
  await writeFile(outPath, bytes);
  return outPath;
}

export function composedStillPath(dir: string, key: string): string {
  return join(dir, `still-${key.replace(/[^A-Za-z0-9_-]/g, '_')}.y4m`);
}
