// Renders a stock avatar's rig: 18 RGBA stills (9 mouth shapes x eyes open/closed) for one style and
// height, cached on disk by a hash of the SVG sources. Only the static picture is rendered in full;
// the mouth and eye regions are rendered alone (same SVG, cropped viewBox) and pasted in, which is
// several times faster than 18 full renders and pixel-identical to them.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { AvatarStyle } from '../../domain/render-plan.js';
import { VISEMES, type Viseme } from '../visemes/viseme.js';
import { buildRigAtomically, readRigManifest, rigStillName, rigStills, type RigManifestBase } from './rig-cache.js';
import type { AvatarRig, PixelBox } from './avatar-catalogue.js';
import type { AvatarLook } from './avatar-look.js';
import { CIRCLE_INSET, CIRCLE_RING, drawAvatarSvg, EYE_REGION, headRect, MOUTH_REGION, STYLE_FRAMES, type Rect } from './draw-avatar-svg.js';
import { STOCK_AVATARS } from './stock-avatars.js';

/** Bump when the file layout or the compositing changes without the SVG changing. */
const RIG_FORMAT = 'orator-rig-1';

export interface BuildAvatarRigOptions {
  avatarId: string;
  style: AvatarStyle;
  /** Still height in pixels; rounded to an even number (video encoders need even sizes). */
  height: number;
  /** Root cache folder; rigs go under `<cacheDir>/avatars/<id>/<style>/<height>/<hash>/`. */
  cacheDir: string;
}

interface RigLayout {
  width: number;
  height: number;
  /** The design-canvas rectangle the still shows, adjusted so the scale is uniform. */
  view: Rect;
  scale: number;
}

type Resvg = typeof import('@resvg/resvg-js').Resvg;
type Sharp = typeof import('sharp');

// Heavy native modules are loaded on first render so listing avatars stays cheap.
let libs: Promise<{ Resvg: Resvg; sharp: Sharp }> | undefined;
function loadLibs(): Promise<{ Resvg: Resvg; sharp: Sharp }> {
  libs ??= Promise.all([import('@resvg/resvg-js'), import('sharp')]).then(([r, s]) => ({ Resvg: r.Resvg, sharp: s.default }));
  return libs;
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

export function rigLayout(style: AvatarStyle, height: number): RigLayout {
  const frame = STYLE_FRAMES[style].view;
  const h = even(height);
  const scale = h / frame.height;
  const w = even(frame.width * scale);
  const vw = w / scale;
  return { width: w, height: h, scale, view: { x: frame.x + (frame.width - vw) / 2, y: frame.y, width: vw, height: frame.height } };
}

interface PixelRect { x: number; y: number; width: number; height: number }

function regionPixels(layout: RigLayout, r: Rect): PixelRect | null {
  const x0 = Math.max(0, Math.floor((r.x - layout.view.x) * layout.scale));
  const y0 = Math.max(0, Math.floor((r.y - layout.view.y) * layout.scale));
  const x1 = Math.min(layout.width, Math.ceil((r.x + r.width - layout.view.x) * layout.scale));
  const y1 = Math.min(layout.height, Math.ceil((r.y + r.height - layout.view.y) * layout.scale));
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Regions are rendered with a margin and pasted without it: resvg anti-aliases shapes that cross the
 * edge of a cropped canvas slightly differently, so the outermost pixels are not trusted.
 */
const MARGIN_PX = 3;

function withMargin(layout: RigLayout, p: PixelRect): PixelRect {
  const x0 = Math.max(0, p.x - MARGIN_PX);
  const y0 = Math.max(0, p.y - MARGIN_PX);
  const x1 = Math.min(layout.width, p.x + p.width + MARGIN_PX);
  const y1 = Math.min(layout.height, p.y + p.height + MARGIN_PX);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function subView(layout: RigLayout, p: PixelRect): Rect {
  return {
    x: layout.view.x + p.x / layout.scale,
    y: layout.view.y + p.y / layout.scale,
    width: p.width / layout.scale,
    height: p.height / layout.scale,
  };
}

interface RigSources {
  base: string;
  mouth: Record<Viseme, string> | null;
  eyesClosed: string | null;
  eyesOpen: string | null;
  /** Where a region is pasted, and the larger rectangle it is rendered over. */
  mouthRect: PixelRect | null;
  mouthRender: PixelRect | null;
  eyeRect: PixelRect | null;
  eyeRender: PixelRect | null;
}

function rigSources(look: AvatarLook, style: AvatarStyle, layout: RigLayout): RigSources {
  const px = { width: layout.width, height: layout.height };
  const base = drawAvatarSvg(look, { viseme: 'X', eyesOpen: true, style }, layout.view, px);
  const mouthRect = regionPixels(layout, MOUTH_REGION);
  const eyeRect = regionPixels(layout, EYE_REGION);
  const mouthRender = mouthRect ? withMargin(layout, mouthRect) : null;
  const eyeRender = eyeRect ? withMargin(layout, eyeRect) : null;
  let mouth: Record<Viseme, string> | null = null;
  if (mouthRender) {
    const v = subView(layout, mouthRender);
    const sz = { width: mouthRender.width, height: mouthRender.height };
    mouth = Object.fromEntries(VISEMES.map((m) => [m, drawAvatarSvg(look, { viseme: m, eyesOpen: true, style }, v, sz)])) as Record<Viseme, string>;
  }
  let eyesOpen: string | null = null;
  let eyesClosed: string | null = null;
  if (eyeRender) {
    const v = subView(layout, eyeRender);
    const sz = { width: eyeRender.width, height: eyeRender.height };
    eyesOpen = drawAvatarSvg(look, { viseme: 'X', eyesOpen: true, style }, v, sz);
    eyesClosed = drawAvatarSvg(look, { viseme: 'X', eyesOpen: false, style }, v, sz);
  }
  return { base, mouth, eyesOpen, eyesClosed, mouthRect, mouthRender, eyeRect, eyeRender };
}

/** Copies the part `r` of a region rendered over `from` into the still. */
function paste(dst: Buffer, dstWidth: number, src: Buffer, from: PixelRect, r: PixelRect): void {
  const row = r.width * 4;
  for (let y = 0; y < r.height; y++) {
    const s = ((r.y - from.y + y) * from.width + (r.x - from.x)) * 4;
    src.copy(dst, ((r.y + y) * dstWidth + r.x) * 4, s, s + row);
  }
}

/** Anti-aliased coverage (0-1) of the circle style's crop: the disc plus the outer half of its ring. */
function circleMask(layout: RigLayout, style: AvatarStyle): Float32Array | null {
  const c = STYLE_FRAMES[style].circle;
  if (!c) return null;
  const cx = (c.cx - layout.view.x) * layout.scale;
  const cy = (c.cy - layout.view.y) * layout.scale;
  const r = (c.r - CIRCLE_INSET + CIRCLE_RING / 2) * layout.scale;
  const mask = new Float32Array(layout.width * layout.height);
  for (let y = 0; y < layout.height; y++) {
    for (let x = 0; x < layout.width; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      mask[y * layout.width + x] = Math.max(0, Math.min(1, r - d + 0.5));
    }
  }
  return mask;
}

/** Applies a coverage mask to premultiplied RGBA (all four channels scale together). */
function applyMask(buf: Buffer, mask: Float32Array): void {
  for (let p = 0; p < mask.length; p++) {
    const m = mask[p]!;
    if (m >= 1) continue;
    const i = p * 4;
    buf[i] = Math.round(buf[i]! * m);
    buf[i + 1] = Math.round(buf[i + 1]! * m);
    buf[i + 2] = Math.round(buf[i + 2]! * m);
    buf[i + 3] = Math.round(buf[i + 3]! * m);
  }
}

/** resvg hands out premultiplied RGBA; PNG wants straight alpha. */
function unpremultiply(buf: Buffer): void {
  for (let i = 0; i < buf.length; i += 4) {
    const a = buf[i + 3]!;
    if (a === 0 || a === 255) continue;
    buf[i] = Math.min(255, Math.round((buf[i]! * 255) / a));
    buf[i + 1] = Math.min(255, Math.round((buf[i + 1]! * 255) / a));
    buf[i + 2] = Math.min(255, Math.round((buf[i + 2]! * 255) / a));
  }
}

/** Bounding box of the pixels that differ between any two mouth renders. */
function mouthVariationBox(patches: Buffer[], r: PixelRect): PixelBox {
  let x0 = r.width;
  let y0 = r.height;
  let x1 = -1;
  let y1 = -1;
  const ref = patches[0]!;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const i = (y * r.width + x) * 4;
      for (let k = 1; k < patches.length; k++) {
        const p = patches[k]!;
        const d = Math.abs(p[i]! - ref[i]!) + Math.abs(p[i + 1]! - ref[i + 1]!) + Math.abs(p[i + 2]! - ref[i + 2]!) + Math.abs(p[i + 3]! - ref[i + 3]!);
        if (d > 12) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
          break;
        }
      }
    }
  }
  if (x1 < 0) return { x: r.x, y: r.y, width: r.width, height: r.height };
  const pad = 1;
  const bx = Math.max(0, x0 - pad);
  const by = Math.max(0, y0 - pad);
  return { x: r.x + bx, y: r.y + by, width: Math.min(r.width, x1 + pad + 1) - bx, height: Math.min(r.height, y1 + pad + 1) - by };
}

function headBox(look: AvatarLook, layout: RigLayout): PixelBox {
  const p = regionPixels(layout, headRect(look));
  return p ?? { x: 0, y: 0, width: layout.width, height: layout.height };
}

interface RigManifest extends RigManifestBase {
  avatarId: string;
}

function rigFromManifest(dir: string, m: RigManifest): AvatarRig {
  return { avatarId: m.avatarId, style: m.style, width: m.width, height: m.height, stills: rigStills(dir), mouthBox: m.mouthBox, headBox: m.headBox };
}

// Concurrent requests for the same rig in one process share one render.
const inFlight = new Map<string, Promise<AvatarRig>>();

/** Builds (or reuses from the cache) the stills of one stock avatar for a style and height. */
export function buildAvatarRig(options: BuildAvatarRigOptions): Promise<AvatarRig> {
  const data = STOCK_AVATARS.find((a) => a.avatar_id === options.avatarId);
  if (!data) {
    return Promise.reject(new OratorError('avatar_not_found', `Avatar not found: ${options.avatarId}`, { param: 'avatar_id' }));
  }
  if (!(options.style in STYLE_FRAMES)) {
    return Promise.reject(new OratorError('invalid_parameter', `Unknown avatar style: ${String(options.style)}`, { param: 'avatar_style' }));
  }
  if (!Number.isFinite(options.height) || options.height < 16 || options.height > 4320) {
    return Promise.reject(new OratorError('invalid_dimension', `Avatar height out of range: ${options.height}`));
  }
  const layout = rigLayout(options.style, options.height);
  const sources = rigSources(data.look, options.style, layout);
  const hash = createHash('sha256');
  hash.update(RIG_FORMAT);
  hash.update(JSON.stringify(layout));
  for (const s of [sources.base, ...(sources.mouth ? VISEMES.map((v) => sources.mouth![v]) : []), sources.eyesOpen ?? '', sources.eyesClosed ?? '']) {
    hash.update(s);
    hash.update('\0');
  }
  const parent = join(options.cacheDir, 'avatars', data.avatar_id, options.style, String(layout.height));
  const dir = join(parent, hash.digest('hex').slice(0, 16));
  let job = inFlight.get(dir);
  if (!job) {
    job = buildOrReuse(data.avatar_id, data.look, options.style, layout, sources, parent, dir).finally(() => inFlight.delete(dir));
    inFlight.set(dir, job);
  }
  return job;
}

async function buildOrReuse(
  avatarId: string,
  look: AvatarLook,
  style: AvatarStyle,
  layout: RigLayout,
  sources: RigSources,
  parent: string,
  dir: string,
): Promise<AvatarRig> {
  const cached = await readRigManifest<RigManifest>(dir, RIG_FORMAT);
  if (cached) return rigFromManifest(dir, cached);

  const { Resvg, sharp } = await loadLibs();
  const render = (svg: string): Buffer => new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
  const base = render(sources.base);
  const mouth = sources.mouth ? VISEMES.map((v) => render(sources.mouth![v])) : null;
  const eyes = sources.eyesOpen && sources.eyesClosed ? [render(sources.eyesOpen), render(sources.eyesClosed)] : null;
  const mouthBox = mouth && sources.mouthRender ? mouthVariationBox(mouth, sources.mouthRender) : { x: 0, y: 0, width: 0, height: 0 };

  const mask = circleMask(layout, style);
  const manifest = await buildRigAtomically<RigManifest>(dir, parent, async (tmp) => {
    const jobs: Array<Promise<unknown>> = [];
    for (const [vi, v] of VISEMES.entries()) {
      for (const open of [true, false]) {
        const buf = Buffer.from(base);
        if (mouth && sources.mouthRect && sources.mouthRender) paste(buf, layout.width, mouth[vi]!, sources.mouthRender, sources.mouthRect);
        if (eyes && sources.eyeRect && sources.eyeRender) paste(buf, layout.width, eyes[open ? 0 : 1]!, sources.eyeRender, sources.eyeRect);
        if (mask) applyMask(buf, mask);
        unpremultiply(buf);
        jobs.push(
          sharp(buf, { raw: { width: layout.width, height: layout.height, channels: 4 } })
            .png({ compressionLevel: 3, adaptiveFiltering: false })
            .toFile(join(tmp, rigStillName(v, open))),
        );
      }
    }
    await Promise.all(jobs);
    return { format: RIG_FORMAT, avatarId, style, width: layout.width, height: layout.height, mouthBox, headBox: headBox(look, layout) };
  });
  return rigFromManifest(dir, manifest);
}

/** Full-frame SVG of one still, for previews and for checking the region compositing. */
export function avatarStillSvg(avatarId: string, style: AvatarStyle, height: number, viseme: Viseme, eyesOpen: boolean): string {
  const data = STOCK_AVATARS.find((a) => a.avatar_id === avatarId);
  if (!data) throw new OratorError('avatar_not_found', `Avatar not found: ${avatarId}`, { param: 'avatar_id' });
  const layout = rigLayout(style, height);
  return drawAvatarSvg(data.look, { viseme, eyesOpen, style }, layout.view, { width: layout.width, height: layout.height });
}
