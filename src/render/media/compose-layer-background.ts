// A template scene's static layers (BackgroundPlan 'layers') drawn ONCE into a PNG at the output size:
// fill, shapes, images fitted into their boxes (sharp), text wrapped inside its box and shrunk until the
// lines fit. The encoder then shows the PNG like any image background; nothing is drawn per frame.
// Deterministic: the same plan and fonts give the same pixels.
import { createCanvas, GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { OratorError } from '../../domain/errors.js';
import type { BackgroundLayer, LayerBox, LayersBackground, MediaFetcher } from '../../domain/render-plan.js';
import { engineSource } from './engine-source.js';
import { describeSource, localMedia } from './local-media.js';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'];
let fontsRegistered = false;

function registerFonts(): void {
  if (fontsRegistered) return;
  for (const file of FONT_FILES) GlobalFonts.registerFromPath(join(FONT_DIR, file));
  fontsRegistered = true;
}

type Px = { x: number; y: number; w: number; h: number };
const px = (b: LayerBox, width: number, height: number): Px => ({ x: Math.round(b.x * width), y: Math.round(b.y * height), w: Math.max(1, Math.round(b.width * width)), h: Math.max(1, Math.round(b.height * height)) });

/** Greedy word wrap at `maxWidth`; a single word wider than the box stays on its own line. */
export function wrapLines(ctx: Pick<SKRSContext2D, 'measureText'>, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(candidate).width > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/** The largest size (≤ the layer's) whose wrapped lines fit the box, in pixels, and those lines. */
function fitText(ctx: SKRSContext2D, layer: Extract<BackgroundLayer, { type: 'text' }>, box: Px, frameHeight: number, inset: number): { size: number; lines: string[] } {
  const width = box.w - 2 * inset;
  const height = box.h - 2 * inset;
  let size = Math.max(4, Math.round(layer.fontSize * frameHeight));
  for (;;) {
    ctx.font = `${layer.fontWeight >= 600 ? 'bold' : 'normal'} ${size}px "${layer.fontFamily}"`;
    const lines = wrapLines(ctx, layer.text, width);
    const widest = Math.max(...lines.map((l) => ctx.measureText(l).width));
    if (size <= 4 || (lines.length * size * 1.2 <= height && widest <= width)) return { size, lines };
    size = Math.max(4, Math.floor(size * 0.92));
  }
}

function roundRect(ctx: SKRSContext2D, b: Px, radius: number): void {
  ctx.beginPath();
  ctx.roundRect(b.x, b.y, b.w, b.h, Math.min(radius, b.w / 2, b.h / 2));
  ctx.fill();
}

function drawText(ctx: SKRSContext2D, layer: Extract<BackgroundLayer, { type: 'text' }>, box: Px, frameHeight: number): void {
  const inset = layer.background ? Math.round(layer.background.padding * frameHeight) : 0;
  if (layer.background) {
    ctx.fillStyle = layer.background.color;
    roundRect(ctx, box, layer.background.cornerRadius * frameHeight);
  }
  const { size, lines } = fitText(ctx, layer, box, frameHeight, inset);
  ctx.fillStyle = layer.color;
  ctx.textBaseline = 'top';
  ctx.textAlign = layer.align;
  const x = layer.align === 'left' ? box.x + inset : layer.align === 'right' ? box.x + box.w - inset : box.x + box.w / 2;
  // Lines sit at the top of a plain box and in the middle of one with a background (a badge).
  const block = lines.length * size * 1.2;
  const top = layer.background ? box.y + (box.h - block) / 2 : box.y + inset;
  lines.forEach((line, i) => ctx.fillText(line, x, top + i * size * 1.2 + size * 0.1));
}

async function drawImage(ctx: SKRSContext2D, layer: Extract<BackgroundLayer, { type: 'image' }>, box: Px, path: string, name: string, param: string): Promise<void> {
  let png: Buffer;
  try {
    png = await sharp(path, { failOn: 'error' }).rotate()
      .resize(box.w, box.h, { fit: layer.fit === 'contain' || layer.fit === 'none' ? 'contain' : 'cover', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png().toBuffer();
  } catch (error) {
    throw new OratorError('video_file_corrupted', `Image ${name} is corrupted or not a supported image`, { param, cause: error });
  }
  ctx.drawImage(await loadImage(png), box.x, box.y, box.w, box.h);
}

/** Draws the layers and writes `background<scene>.png` in workDir; returns its path. */
export async function composeLayerBackground(bg: LayersBackground, scene: number, width: number, height: number, workDir: string, options: { fetcher: MediaFetcher; signal?: AbortSignal }): Promise<string> {
  registerFonts();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = bg.color;
  ctx.fillRect(0, 0, width, height);
  for (const [j, layer] of bg.layers.entries()) {
    options.signal?.throwIfAborted();
    const box = px(layer.box, width, height);
    if (layer.type === 'shape') {
      ctx.fillStyle = layer.color;
      roundRect(ctx, box, (layer.cornerRadius ?? 0) * height);
    } else if (layer.type === 'text') drawText(ctx, layer, box, height);
    else {
      const source = engineSource(layer.source);
      const input = await localMedia(source, workDir, `scene${scene}-layer${j}`, options);
      await drawImage(ctx, layer, box, input, describeSource(source), `scenes[${scene}].layers[${j}]`);
    }
  }
  const path = join(workDir, `background${scene}.png`);
  await writeFile(path, await canvas.encode('png'));
  return path;
}
