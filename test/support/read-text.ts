// Reads text back from a region of a decoded frame with tesseract (Debian's tesseract-ocr and
// tesseract-ocr-eng): the region is cut out, made dark ink on white (light text on a dark fill is
// inverted), stretched to full contrast, scaled up and thresholded, which is what tesseract reads best.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

export interface PixelRegion {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A box in fractions of the frame, in whole pixels of a `width`×`height` frame (clamped inside it). */
export function pixelRegion(box: { x: number; y: number; width: number; height: number }, width: number, height: number): PixelRegion {
  const x = Math.max(0, Math.round(box.x * width));
  const y = Math.max(0, Math.round(box.y * height));
  return { x, y, w: Math.min(width - x, Math.round(box.width * width)), h: Math.min(height - y, Math.round(box.height * height)) };
}

/** The outermost row and column of pixels on each side. */
function edgeOf(grey: Buffer, w: number, h: number): number[] {
  const out: number[] = [];
  for (let x = 0; x < w; x++) out.push(grey[x]!, grey[(h - 1) * w + x]!);
  for (let y = 0; y < h; y++) out.push(grey[y * w]!, grey[y * w + w - 1]!);
  return out;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** What tesseract reads in `region` of the picture (`--psm 6`: one block of text). */
export async function readTextIn(picture: string | Buffer, region: PixelRegion, options: { scale?: number } = {}): Promise<string> {
  const scale = options.scale ?? 3;
  // One step per pipeline: sharp applies a pipeline's operations in its own fixed order, not in call order.
  const grey = await sharp(picture).extract({ left: region.x, top: region.y, width: region.w, height: region.h }).greyscale().raw().toBuffer();
  // The region's edge is the fill around the text: a dark one means light text, inverted to dark on light.
  if (median(edgeOf(grey, region.w, region.h)) < 128) for (let i = 0; i < grey.length; i++) grey[i] = 255 - grey[i]!;
  const raw = { raw: { width: region.w, height: region.h, channels: 1 as const } };
  const large = await sharp(grey, raw).normalise().resize({ width: region.w * scale, height: region.h * scale, kernel: 'lanczos3' }).png().toBuffer();
  const dir = await mkdtemp(join(tmpdir(), 'orator-ocr-'));
  try {
    const file = join(dir, 'region.png');
    // A white margin: tesseract misses glyphs that touch the picture's edge.
    await sharp(large).threshold(160).extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#ffffff' }).png().toFile(file);
    const { stdout } = await run('tesseract', [file, '-', '--psm', '6'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    return stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Lower case, letters, digits, `$` and single spaces: what two readings of the same words share. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9$]+/g, ' ').trim();
}
