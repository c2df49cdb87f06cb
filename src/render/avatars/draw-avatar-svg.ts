// One SVG generator for every stock avatar: a look (data) plus a mouth shape, an eye state and a style
// gives a complete illustration. The figure is drawn on a fixed 1000 x 1250 design canvas; styles and
// partial renders only change the viewBox, so any sub-rectangle renders pixel-identical to the
// same region of the full picture.
import type { AvatarStyle } from '../../domain/render-plan.js';
import type { Viseme } from '../visemes/viseme.js';
import type { AvatarLook } from './avatar-look.js';
import { CHIN_Y, CX, drawAgeLines, drawBrows, drawEars, drawEyes, drawFace, drawFacialHair, drawGlasses, drawNose, facePath, faceGeom } from './draw-face.js';
import { drawHair } from './draw-hair.js';
import { drawMouth, jawDrop } from './draw-mouth.js';
import { drawHijabBack, drawHijabFront, drawNeck, drawOutfit, softShadow } from './draw-outfit.js';
import { light, shade } from './svg-colour.js';

export interface Rect { x: number; y: number; width: number; height: number }

export interface StyleFrame {
  /** The part of the design canvas this style shows. */
  view: Rect;
  circle?: { cx: number; cy: number; r: number };
}

export const STYLE_FRAMES: Record<AvatarStyle, StyleFrame> = {
  normal: { view: { x: 0, y: 40, width: 1000, height: 1250 - 40 } },
  closeUp: { view: { x: 150, y: 130, width: 700, height: 700 } },
  circle: { view: { x: 130, y: 150, width: 740, height: 740 }, circle: { cx: 500, cy: 520, r: 370 } },
};

/** The disc sits this far inside the circle frame; the ring is centred on the disc's edge. */
export const CIRCLE_INSET = 10;
export const CIRCLE_RING = 5;

/** Design-canvas regions that change with the mouth and with the eyes (everything else is static). */
export const MOUTH_REGION: Rect = { x: 330, y: 520, width: 340, height: 240 };
export const EYE_REGION: Rect = { x: 360, y: 380, width: 280, height: 120 };

export interface AvatarPose {
  viseme: Viseme;
  eyesOpen: boolean;
  style: AvatarStyle;
}

/** Head bounds (hair, ears, chin at rest) in design units. */
export function headRect(look: AvatarLook): Rect {
  const hair = drawHair(look, 'x');
  const covering = look.headCovering ? 200 : 0;
  const half = Math.max(hair.halfWidth, look.face.width + 40, covering);
  const top = look.headCovering ? 172 : Math.min(hair.top, 250);
  // Room for the widest jaw drop and the beard below the chin.
  const bottom = CHIN_Y + (look.facialHair?.style === 'beard' ? 44 : 24);
  return { x: CX - half, y: top, width: half * 2, height: bottom - top };
}

export function drawAvatarSvg(look: AvatarLook, pose: AvatarPose, view: Rect, px: { width: number; height: number }): string {
  const drop = jawDrop(pose.viseme);
  const frame = STYLE_FRAMES[pose.style];
  const hair = drawHair(look, 'h');
  const g = faceGeom(look, drop);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px.width}" height="${px.height}" viewBox="${view.x} ${view.y} ${view.width} ${view.height}">`,
  );
  if (frame.circle) {
    // The disc only; the circular crop itself is applied to the pixels (see build-avatar-rig.ts),
    // because a clip group around the whole figure trips resvg when parts of it are off-canvas.
    const c = frame.circle;
    out.push(
      `<defs><radialGradient id="disc" cx="0.45" cy="0.3" r="0.8"><stop offset="0" stop-color="${light(look.backdrop, 0.35)}"/><stop offset="1" stop-color="${look.backdrop}"/></radialGradient></defs>`,
      `<circle cx="${c.cx}" cy="${c.cy}" r="${c.r - CIRCLE_INSET}" fill="url(#disc)"/>`,
    );
  }
  out.push(hair.back);
  out.push(drawNeck(look, drop, 'n'));
  out.push(drawOutfit(look, 'n'));
  out.push(drawHijabBack(look));
  out.push(hair.locks);
  if (!look.headCovering) out.push(drawEars(look));
  out.push(drawFace(look, drop, 'f'));
  if (hair.frontPath) {
    // The hair casts a soft shadow on the forehead.
    out.push(
      `<defs><clipPath id="hairshadow"><path d="${facePath(g)}"/></clipPath></defs>` +
        `<g clip-path="url(#hairshadow)">${softShadow(hair.frontPath, shade(look.skin, 0.45), 0.45, 4, 10)}</g>`,
    );
  }
  out.push(drawAgeLines(look));
  out.push(drawNose(look));
  out.push(drawFacialHair(look, drop, 'b'));
  out.push(drawMouth(pose.viseme, look.lips, look.skin, 'm'));
  out.push(drawEyes(look, pose.eyesOpen, 'e'));
  out.push(drawBrows(look));
  out.push(hair.front);
  out.push(drawHijabFront(look, drop));
  out.push(drawGlasses(look));
  if (frame.circle) {
    const c = frame.circle;
    out.push(`<circle cx="${c.cx}" cy="${c.cy}" r="${c.r - CIRCLE_INSET}" fill="none" stroke="#ffffff" stroke-width="${CIRCLE_RING}"/>`);
  }
  out.push('</svg>');
  return withoutOffCanvasClips(withoutGroupOpacity(out.join('')), view);
}

/** Bounding box of a path made of absolute M/L/C/Z commands (control points bound the curve). */
function pathBox(d: string): [number, number, number, number] | null {
  if (!/^[MLCZ0-9.,\s-]+$/.test(d)) return null;
  const n = d.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  if (n.length < 2 || n.length % 2) return null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < n.length; i += 2) {
    x0 = Math.min(x0, n[i]!); x1 = Math.max(x1, n[i]!);
    y0 = Math.min(y0, n[i + 1]!); y1 = Math.max(y1, n[i + 1]!);
  }
  return [x0, y0, x1, y1];
}

/**
 * Drops clipped groups whose clip region lies wholly outside the view. They draw nothing there, and
 * resvg 2.6 panics on them, which matters when the rig renders just the mouth or eye region.
 */
function withoutOffCanvasClips(svg: string, view: Rect): string {
  const boxes = new Map<string, [number, number, number, number]>();
  for (const m of svg.matchAll(/<clipPath id="([^"]+)"><path d="([^"]+)"\/><\/clipPath>/g)) {
    const b = pathBox(m[2]!);
    if (b) boxes.set(m[1]!, b);
  }
  const pad = 0;
  return svg.replace(/<g clip-path="url\(#([^)]+)\)">((?:(?!<g[\s>])[\s\S])*?)<\/g>/g, (all, id: string) => {
    const b = boxes.get(id);
    if (!b) return all;
    const outside = b[2] < view.x - pad || b[0] > view.x + view.width + pad || b[3] < view.y - pad || b[1] > view.y + view.height + pad;
    return outside ? '' : all;
  });
}

/**
 * Turns `opacity` on single shapes into `fill-opacity` / `stroke-opacity`. Same picture, but resvg 2.6
 * panics on an opacity layer that lies wholly outside the canvas, which happens when the rig renders
 * just the mouth or eye region.
 */
function withoutGroupOpacity(svg: string): string {
  return svg.replace(/<(path|ellipse|circle|rect)\b([^>]*?) opacity="([^"]+)"([^>]*)\/>/g, (_m, tag: string, a: string, o: string, b: string) => {
    const attrs = a + b;
    const hasStroke = / stroke="(?!none)/.test(attrs);
    const noFill = / fill="none"/.test(attrs);
    const paint = hasStroke && noFill ? ` stroke-opacity="${o}"` : hasStroke ? ` fill-opacity="${o}" stroke-opacity="${o}"` : ` fill-opacity="${o}"`;
    return `<${tag}${a}${paint}${b}/>`;
  });
}
