// One template layer (shape, image, text) drawn onto a canvas inside its pixel box: shared by the layers
// background (every static layer of a scene on one frame-size image) and timed layers (each layer alone
// on a transparent image of its box). Deterministic: the same layer and fonts give the same pixels.
import { GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { OratorError } from '../../domain/errors.js';
import type { BackgroundLayer } from '../../domain/render-plan.js';
import type { Px } from './layer-box.js';
import { LAYER_FONT_FILES } from './layer-fonts.js';

export type TextLayer = Extract<BackgroundLayer, { type: 'text' }>;
export type ImageLayer = Extract<BackgroundLayer, { type: 'image' }>;

/** An image layer's picture as a local file, with the names its errors use. */
export interface LayerImage {
  path: string;
  /** How the client knows the source (describeSource). */
  name: string;
  param: string;
}

let fontsRegistered = false;

export function registerLayerFonts(): void {
  if (fontsRegistered) return;
  for (const file of LAYER_FONT_FILES) GlobalFonts.registerFromPath(file);
  fontsRegistered = true;
}

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
function fitText(ctx: SKRSContext2D, layer: TextLayer, box: Px, frameHeight: number, inset: number): { size: number; lines: string[] } {
  const width = box.w - 2 * inset;
  const height = box.h - 2 * inset;
  let size = Math.max(4, Math.round(layer.fontSize * frameHeight));
  for (;;) {
    // A numeric weight picks Inter's own cut; DejaVu has regular and bold, which CSS matching picks from.
    ctx.font = `${layer.fontWeight} ${size}px "${layer.fontFamily}"`;
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

/** Pixels a text layer's shadow reaches past its box (0 without a shadow). */
export function shadowBleed(layer: BackgroundLayer, frameHeight: number): number {
  if (layer.type !== 'text' || !layer.shadow) return 0;
  const s = layer.shadow;
  // Canvas shadowBlur is twice the Gaussian sigma; three sigmas hold all that shows.
  return Math.ceil((1.5 * s.blur + Math.max(Math.abs(s.offsetX), Math.abs(s.offsetY))) * frameHeight);
}

function drawText(ctx: SKRSContext2D, layer: TextLayer, box: Px, frameHeight: number): void {
  const inset = layer.background ? Math.round(layer.background.padding * frameHeight) : 0;
  if (layer.background) {
    ctx.fillStyle = layer.background.color;
    roundRect(ctx, box, layer.background.cornerRadius * frameHeight);
  }
  const { size, lines } = fitText(ctx, layer, box, frameHeight, inset);
  ctx.save();
  if (layer.shadow) {
    // Under the glyphs only, not under a badge behind them.
    ctx.shadowColor = layer.shadow.color;
    ctx.shadowBlur = layer.shadow.blur * frameHeight;
    ctx.shadowOffsetX = layer.shadow.offsetX * frameHeight;
    ctx.shadowOffsetY = layer.shadow.offsetY * frameHeight;
  }
  ctx.fillStyle = layer.color;
  ctx.textBaseline = 'top';
  ctx.textAlign = layer.align;
  const x = layer.align === 'left' ? box.x + inset : layer.align === 'right' ? box.x + box.w - inset : box.x + box.w / 2;
  // Lines sit at the top of a plain box and in the middle of one with a background (a badge).
  const block = lines.length * size * 1.2;
  const top = layer.background ? box.y + (box.h - block) / 2 : box.y + inset;
  lines.forEach((line, i) => ctx.fillText(line, x, top + i * size * 1.2 + size * 0.1));
  ctx.restore();
}

async function drawImage(ctx: SKRSContext2D, layer: ImageLayer, box: Px, image: LayerImage): Promise<void> {
  let png: Buffer;
  try {
    png = await sharp(image.path, { failOn: 'error' }).rotate()
      .resize(box.w, box.h, { fit: layer.fit === 'contain' || layer.fit === 'none' ? 'contain' : 'cover', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png().toBuffer();
  } catch (error) {
    throw new OratorError('video_file_corrupted', `Image ${image.name} is corrupted or not a supported image`, { param: image.param, cause: error });
  }
  ctx.drawImage(await loadImage(png), box.x, box.y, box.w, box.h);
}

/** Draws one layer inside `box`; an image layer needs its picture as a local file. */
export async function drawLayer(ctx: SKRSContext2D, layer: BackgroundLayer, box: Px, frameHeight: number, image: LayerImage | null): Promise<void> {
  registerLayerFonts();
  if (layer.type === 'shape') {
    ctx.fillStyle = layer.color;
    roundRect(ctx, box, (layer.cornerRadius ?? 0) * frameHeight);
  } else if (layer.type === 'text') drawText(ctx, layer, box, frameHeight);
  else {
    if (!image) throw new OratorError('internal_error', 'An image layer was drawn without its picture');
    await drawImage(ctx, layer, box, image);
  }
}
