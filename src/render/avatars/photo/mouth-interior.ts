// The inside of an opened mouth, painted under the lips: a dark cavity shaded from the photo's own lip
// colour (never flat black), the photo's own upper teeth when it shows them (else a tooth band shaded
// into the corners), lower teeth and the tongue for the wider shapes, and a soft shadow under the lips
// so the edge is feathered rather than cut.
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Point } from './detect-face-landmarks.js';
import { faceFrame } from './face-frame.js';
import { INNER_LOWER_LIP, INNER_UPPER_LIP, LOWER_LIP_MIDDLE, MOUTH_CORNER_WEDGES, OUTER_LOWER_LIP, OUTER_UPPER_LIP, UPPER_LIP_MIDDLE } from './face-mesh-regions.js';
import type { MouthShape } from './mouth-shapes.js';

type Rgb = [number, number, number];
/** @napi-rs/canvas's createCanvas, passed in so this module loads no native code itself. */
export type MakeCanvas = (width: number, height: number) => Canvas;

export interface MouthPalette {
  lip: Rgb;
  /** The mouth's inside at the lips (darker further in): the lip colour deepened toward a dark red. */
  cavity: Rgb;
  tongue: Rgb;
  tooth: Rgb;
  /** The photo's lips are parted enough to show teeth that can be reused. */
  photoTeeth: boolean;
}

/** Teeth are reused when the photo's lips are parted by this share of the eye distance. */
const PHOTO_TEETH_GAP = 0.07;
const TOOTH: Rgb = [234, 220, 194];
/** Lighting of a well-lit face's lips: teeth are dimmed in darker photos so they never glow. */
const REFERENCE_LIP_LUMA = 150;

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const css = ([r, g, b]: Rgb, k = 1, alpha = 1): string =>
  `rgba(${Math.round(Math.min(255, r * k))},${Math.round(Math.min(255, g * k))},${Math.round(Math.min(255, b * k))},${alpha})`;
const luma = ([r, g, b]: Rgb): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** Colours sampled from the photo: the lips (between their outer and inner edges) and a tooth tone. */
export function mouthPalette(source: Canvas, mesh: readonly Point[]): MouthPalette {
  const ctx = source.getContext('2d');
  const sum: Rgb = [0, 0, 0];
  let n = 0;
  for (const [outer, inner] of [[OUTER_UPPER_LIP, INNER_UPPER_LIP], [OUTER_LOWER_LIP, INNER_LOWER_LIP]] as const) {
    for (let k = 2; k < outer.length - 2; k++) {
      const a = mesh[outer[k]!]!;
      const b = mesh[inner[k]!]!;
      const x = Math.round((a.x + b.x) / 2);
      const y = Math.round((a.y + b.y) / 2);
      if (x < 0 || y < 0 || x >= source.width || y >= source.height) continue;
      const px = ctx.getImageData(x, y, 1, 1).data;
      sum[0] += px[0]!;
      sum[1] += px[1]!;
      sum[2] += px[2]!;
      n++;
    }
  }
  const lip: Rgb = n ? [sum[0] / n, sum[1] / n, sum[2] / n] : [150, 80, 80];
  const light = Math.max(0.55, Math.min(1, luma(lip) / REFERENCE_LIP_LUMA));
  const frame = faceFrame(mesh);
  const gap = frame.toLocal(mesh[LOWER_LIP_MIDDLE]!).y - frame.toLocal(mesh[UPPER_LIP_MIDDLE]!).y;
  // Teeth catch a little of the lips' colour (warm light inside the mouth), dimmed in darker photos.
  const tooth = mix([TOOTH[0] * light, TOOTH[1] * light, TOOTH[2] * light], lip, 0.22);
  return { lip, cavity: mix(mix(lip, [0, 0, 0], 0.62), [92, 26, 26], 0.5), tongue: mix(lip, [185, 85, 90], 0.6), tooth, photoTeeth: gap > PHOTO_TEETH_GAP * frame.eyeDistance };
}

function innerPath(ctx: SKRSContext2D, mesh: readonly Point[], withCorners = false): void {
  const outline = [...INNER_UPPER_LIP, ...[...INNER_LOWER_LIP].reverse()].map((i) => mesh[i]!);
  ctx.beginPath();
  outline.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.closePath();
  if (!withCorners) return;
  for (const tri of MOUTH_CORNER_WEDGES) {
    tri.forEach((i, k) => (k === 0 ? ctx.moveTo(mesh[i]!.x, mesh[i]!.y) : ctx.lineTo(mesh[i]!.x, mesh[i]!.y)));
    ctx.closePath();
  }
}

/** A band hanging off a lip contour: `depth(k)` pixels along `dir` at each contour point. */
function bandPath(ctx: SKRSContext2D, contour: readonly Point[], dir: Point, depth: (k: number) => number): void {
  ctx.beginPath();
  contour.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  for (let k = contour.length - 1; k >= 0; k--) ctx.lineTo(contour[k]!.x + dir.x * depth(k), contour[k]!.y + dir.y * depth(k));
  ctx.closePath();
}

/**
 * Paints the inside of the mouth of `to` (the shaped mesh) onto `ctx`, before its lips are drawn.
 * `from` is the photo's mesh (where its own teeth are). Nothing is drawn for a closed mouth.
 */
export function paintMouthInterior(ctx: SKRSContext2D, source: Canvas, from: readonly Point[], to: readonly Point[], shape: MouthShape, palette: MouthPalette, makeCanvas: MakeCanvas): void {
  const frame = faceFrame(to);
  const up = to[UPPER_LIP_MIDDLE]!;
  const low = to[LOWER_LIP_MIDDLE]!;
  const gap = frame.toLocal(low).y - frame.toLocal(up).y;
  if (gap < 0.75) return;
  const eyes = frame.eyeDistance;
  const down = { x: frame.toImage({ x: 0, y: 1 }).x - frame.origin.x, y: frame.toImage({ x: 0, y: 1 }).y - frame.origin.y };
  const upper = INNER_UPPER_LIP.map((i) => to[i]!);
  const lower = INNER_LOWER_LIP.map((i) => to[i]!);
  const halfWidth = Math.max(1, Math.hypot(upper[10]!.x - upper[0]!.x, upper[10]!.y - upper[0]!.y) / 2);
  const centre = { x: (up.x + low.x) / 2, y: (up.y + low.y) / 2 };
  // Teeth and tongue are deepest in the middle and vanish into the corners.
  const across = (k: number): number => Math.sqrt(Math.max(0, 1 - ((k - 5) / 5) ** 2));
  ctx.save();
  // Grown by a pixel where the lips will be drawn over it, so no light hairline shows between.
  innerPath(ctx, to, true);
  ctx.lineWidth = 1;
  ctx.strokeStyle = css(palette.cavity);
  ctx.stroke();
  ctx.clip();
  const cavity = ctx.createRadialGradient(centre.x, centre.y, 0, centre.x, centre.y, halfWidth);
  cavity.addColorStop(0, css(palette.cavity, 0.5));
  cavity.addColorStop(1, css(palette.cavity, 1.05));
  ctx.fillStyle = cavity;
  ctx.fillRect(centre.x - halfWidth - gap, centre.y - halfWidth - gap, 2 * (halfWidth + gap), 2 * (halfWidth + gap));
  if (shape.tongue > 0) {
    const h = gap * shape.tongue * 0.55;
    const tongue = ctx.createLinearGradient(low.x - down.x * h * 2, low.y - down.y * h * 2, low.x, low.y);
    tongue.addColorStop(0, css(palette.tongue, 0.45));
    tongue.addColorStop(1, css(palette.tongue, 0.8));
    ctx.fillStyle = tongue;
    ctx.beginPath();
    ctx.ellipse(low.x - down.x * h * 0.4, low.y - down.y * h * 0.4, halfWidth * 0.62, h, Math.atan2(-down.x, down.y), 0, Math.PI * 2);
    ctx.fill();
  }
  if (shape.lowerTeeth > 0) {
    // Lower teeth sit in the jaw's shadow: only their tips catch light, only in the middle.
    const depth = gap * shape.lowerTeeth;
    bandPath(ctx, lower, { x: -down.x, y: -down.y }, (k) => depth * across(k) ** 8);
    const tips = ctx.createLinearGradient(low.x - down.x * depth, low.y - down.y * depth, low.x, low.y);
    tips.addColorStop(0, css(mix(palette.tooth, palette.cavity, 0.15), 1));
    tips.addColorStop(1, css(mix(palette.tooth, palette.cavity, 0.55), 1));
    ctx.fillStyle = tips;
    ctx.fill();
  }
  if (palette.photoTeeth) drawPhotoTeeth(ctx, source, from, to, down, makeCanvas);
  else if (shape.upperTeeth > 0) drawUpperTeeth(ctx, upper, down, Math.min(gap * shape.upperTeeth, 0.16 * eyes), across, palette);
  // Shade under the lips: the cavity's edge darkens softly instead of ending in a cut line.
  innerPath(ctx, to);
  ctx.lineJoin = 'round';
  for (const [width, alpha] of [[0.09, 0.18], [0.05, 0.25], [0.025, 0.3]] as const) {
    ctx.lineWidth = Math.max(1, width * eyes);
    ctx.strokeStyle = css(palette.cavity, 0.5, alpha);
    ctx.stroke();
  }
  ctx.restore();
}

function drawUpperTeeth(ctx: SKRSContext2D, upper: readonly Point[], down: Point, depth: number, across: (k: number) => number, palette: MouthPalette): void {
  const mid = upper[5]!;
  bandPath(ctx, upper, down, (k) => depth * across(k));
  const shade = ctx.createLinearGradient(mid.x, mid.y, mid.x + down.x * depth, mid.y + down.y * depth);
  // In the upper lip's shadow at the top (a warm shadow: the inside of the mouth lights it), brightest below.
  shade.addColorStop(0, css(mix(palette.tooth, palette.cavity, 0.35), 1));
  shade.addColorStop(0.4, css(palette.tooth, 1));
  shade.addColorStop(1, css(mix(palette.tooth, palette.cavity, 0.12), 1));
  ctx.fillStyle = shade;
  ctx.fill();
  // Teeth turn away from the light toward the corners.
  const [a, b] = [upper[0]!, upper[upper.length - 1]!];
  const corners = ctx.createLinearGradient(a.x, a.y, b.x, b.y);
  corners.addColorStop(0, css(palette.cavity, 0.6, 0.7));
  corners.addColorStop(0.35, css(palette.cavity, 0.6, 0));
  corners.addColorStop(0.65, css(palette.cavity, 0.6, 0));
  corners.addColorStop(1, css(palette.cavity, 0.6, 0.7));
  ctx.fillStyle = corners;
  ctx.fill();
}

/**
 * The photo's own teeth, which hang from the upper jaw: the upper part of the photo's open mouth,
 * moved with the upper lip and faded out toward its lower edge, so the jaw can drop away from it.
 */
function drawPhotoTeeth(ctx: SKRSContext2D, source: Canvas, from: readonly Point[], to: readonly Point[], down: Point, makeCanvas: MakeCanvas): void {
  const dx = to[UPPER_LIP_MIDDLE]!.x - from[UPPER_LIP_MIDDLE]!.x;
  const dy = to[UPPER_LIP_MIDDLE]!.y - from[UPPER_LIP_MIDDLE]!.y;
  const top = from[UPPER_LIP_MIDDLE]!;
  const bottom = from[LOWER_LIP_MIDDLE]!;
  const gap = Math.hypot(bottom.x - top.x, bottom.y - top.y);
  const xs = [...INNER_UPPER_LIP, ...INNER_LOWER_LIP].map((i) => from[i]!.x);
  const ys = [...INNER_UPPER_LIP, ...INNER_LOWER_LIP].map((i) => from[i]!.y);
  const pad = 2;
  const x0 = Math.floor(Math.min(...xs) - pad);
  const y0 = Math.floor(Math.min(...ys) - pad);
  const w = Math.ceil(Math.max(...xs) + pad) - x0;
  const h = Math.ceil(Math.max(...ys) + pad) - y0;
  if (w <= 0 || h <= 0) return;
  const off = makeCanvas(w, h);
  const octx = off.getContext('2d');
  innerPath(octx, from.map((p) => ({ x: p.x - x0, y: p.y - y0 })));
  octx.clip();
  octx.drawImage(source, -x0, -y0);
  // Faded from 60 % of the photo's gap down: below that lie the lower teeth or the dark of the mouth.
  const fade = octx.createLinearGradient(top.x - x0, top.y - y0, top.x - x0 + down.x * gap, top.y - y0 + down.y * gap);
  fade.addColorStop(0, 'rgba(0,0,0,1)');
  fade.addColorStop(0.6, 'rgba(0,0,0,1)');
  fade.addColorStop(0.95, 'rgba(0,0,0,0)');
  octx.globalCompositeOperation = 'destination-in';
  octx.fillStyle = fade;
  octx.fillRect(0, 0, w, h);
  ctx.drawImage(off, x0 + dx, y0 + dy);
}

/** Closed lips that were parted in the photo meet in a soft dark line, as real lips do. */
export function drawLipContact(ctx: SKRSContext2D, to: readonly Point[], palette: MouthPalette): void {
  const frame = faceFrame(to);
  const line = INNER_UPPER_LIP.map((i, k) => {
    const a = to[i]!;
    const b = to[INNER_LOWER_LIP[k]!]!;
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  });
  ctx.save();
  ctx.beginPath();
  line.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = Math.max(0.8, 0.016 * frame.eyeDistance);
  ctx.strokeStyle = css(mix(palette.lip, palette.cavity, 0.6), 0.8, 0.55);
  ctx.stroke();
  ctx.restore();
}
