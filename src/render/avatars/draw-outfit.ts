// Neck, shoulders and clothing, plus the hijab (which wraps head and shoulders, so it is drawn in two
// parts around the face). Garments are shaded darker at the sides so the torso reads as round.
import type { AvatarLook } from './avatar-look.js';
import { CX, facePath, faceGeom, skinPalette } from './draw-face.js';
import { light, mix, shade } from './svg-colour.js';

const f = (n: number): string => (Math.round(n * 100) / 100).toString();

export interface BodyGeom {
  /** Neck half-width. */
  nw: number;
  /** Shoulder half-width. */
  sw: number;
}

export function bodyGeom(look: AvatarLook): BodyGeom {
  return look.gender === 'female' ? { nw: 50, sw: 300 } : { nw: 60, sw: 335 };
}

function torsoPath(b: BodyGeom): string {
  const { nw, sw } = b;
  return (
    `M${CX - nw - 6},730 C${CX - nw - 60},756 ${CX - sw + 90},772 ${CX - sw + 30},796 ` +
    `C${CX - sw - 12},816 ${CX - sw - 30},870 ${CX - sw - 34},950 L${CX - sw - 40},1262 L${CX + sw + 40},1262 L${CX + sw + 34},950 ` +
    `C${CX + sw + 30},870 ${CX + sw + 12},816 ${CX + sw - 30},796 C${CX + sw - 90},772 ${CX + nw + 60},756 ${CX + nw + 6},730 Z`
  );
}

/** Neck with the shadow the chin casts on it; the chin shadow follows the jaw as it drops. */
export function drawNeck(look: AvatarLook, drop: number, uid: string): string {
  const p = skinPalette(look.skin);
  const { nw } = bodyGeom(look);
  const neck = `M${CX - nw},560 L${CX + nw},560 L${CX + nw + 2},720 C${CX + nw + 6},740 ${CX + nw + 14},752 ${CX + nw + 24},760 L${CX - nw - 24},760 C${CX - nw - 14},752 ${CX - nw - 6},740 ${CX - nw - 2},720 Z`;
  const g = faceGeom(look, drop);
  return (
    `<defs><clipPath id="neck-${uid}"><path d="${neck}"/></clipPath>` +
    `<linearGradient id="neckg-${uid}" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${mix(p.base, p.dark, 0.5)}"/><stop offset="0.4" stop-color="${mix(p.base, p.dark, 0.35)}"/><stop offset="1" stop-color="${p.deep}"/></linearGradient>` +
    `<radialGradient id="chinshadow-${uid}"><stop offset="0.35" stop-color="${p.deep}" stop-opacity="0.6"/><stop offset="1" stop-color="${p.deep}" stop-opacity="0"/></radialGradient></defs>` +
    `<path d="${neck}" fill="url(#neckg-${uid})"/>` +
    `<g clip-path="url(#neck-${uid})"><ellipse cx="${CX}" cy="${f(g.chin + 4)}" rx="${f(g.jw + 24)}" ry="58" fill="url(#chinshadow-${uid})"/></g>`
  );
}

function gradientDefs(id: string, c: string): string {
  return (
    `<linearGradient id="${id}" x1="0" y1="0" x2="1" y2="0">` +
    `<stop offset="0" stop-color="${shade(c, 0.3)}"/><stop offset="0.16" stop-color="${c}"/><stop offset="0.45" stop-color="${light(c, 0.07)}"/>` +
    `<stop offset="0.8" stop-color="${c}"/><stop offset="1" stop-color="${shade(c, 0.34)}"/></linearGradient>`
  );
}

/**
 * A soft-edged shadow without filters: the shape plus widening translucent outlines. (resvg 2.6 panics
 * on a blur whose region falls outside a cropped render, and the rig renders cropped regions.)
 */
export function softShadow(d: string, colour: string, opacity: number, dx: number, dy: number): string {
  // The offset sits on each path: a nested group inside a clip group also trips resvg when off-canvas.
  const t = `transform="translate(${dx},${dy})"`;
  return (
    `<path d="${d}" ${t} fill="${colour}" opacity="${f(opacity * 0.55)}"/>` +
    `<path d="${d}" ${t} fill="none" stroke="${colour}" stroke-width="6" stroke-linejoin="round" opacity="${f(opacity * 0.35)}"/>` +
    `<path d="${d}" ${t} fill="none" stroke="${colour}" stroke-width="14" stroke-linejoin="round" opacity="${f(opacity * 0.2)}"/>` +
    `<path d="${d}" ${t} fill="none" stroke="${colour}" stroke-width="24" stroke-linejoin="round" opacity="${f(opacity * 0.1)}"/>`
  );
}

/** Torso and garment details. */
export function drawOutfit(look: AvatarLook, uid: string): string {
  const b = bodyGeom(look);
  const { nw, sw } = b;
  const o = look.outfit;
  const c = o.colour;
  const inner = o.inner ?? '#f4f4f2';
  const p = skinPalette(look.skin);
  const torso = torsoPath(b);
  const gid = `torso-${uid}`;
  const out: string[] = [`<defs>${gradientDefs(gid, c)}<clipPath id="torsoclip-${uid}"><path d="${torso}"/></clipPath></defs>`];
  out.push(`<path d="${torso}" fill="url(#${gid})"/>`);
  // Arm seams: where the sleeve meets the body, a soft crease on each side.
  const seams = `M${CX - sw + 40},900 C${CX - sw + 50},1000 ${CX - sw + 56},1120 ${CX - sw + 60},1262 M${CX + sw - 40},900 C${CX + sw - 50},1000 ${CX + sw - 56},1120 ${CX + sw - 60},1262`;
  out.push(`<path d="${seams}" stroke="${shade(c, 0.35)}" stroke-width="4" fill="none" opacity="0.35"/>`);
  const collarShadow = (d: string): string =>
    `<g clip-path="url(#torsoclip-${uid})">${softShadow(d, shade(c, 0.5), 0.3, 0, 8)}</g>`;
  const openNeck = `M${CX - nw + 8},712 L${CX},${o.kind === 'blouse' ? 850 : 812} L${CX + nw - 8},712 Z`;
  const neckV = `<path d="${openNeck}" fill="${mix(p.base, p.dark, 0.45)}"/><path d="M${CX - 18},790 Q${CX},800 ${CX + 18},790" stroke="${p.deep}" stroke-width="2.5" fill="none" opacity="0.25"/>`;
  const collarFlaps = (col: string): string => {
    const edge = shade(col, 0.25);
    return (
      `<path d="M${CX - nw - 12},744 C${CX - nw - 8},726 ${CX - nw + 2},714 ${CX - nw + 8},706 L${CX - 4},812 L${CX - 46},834 Z" fill="${light(col, 0.06)}" stroke="${edge}" stroke-width="2.5" stroke-linejoin="round"/>` +
      `<path d="M${CX + nw + 12},744 C${CX + nw + 8},726 ${CX + nw - 2},714 ${CX + nw - 8},706 L${CX + 4},812 L${CX + 46},834 Z" fill="${mix(col, shade(col, 0.1), 0.6)}" stroke="${edge}" stroke-width="2.5" stroke-linejoin="round"/>`
    );
  };
  const g: Garment = { look, uid, nw, sw, c, inner, neckV, collarShadow, collarFlaps };
  switch (o.kind) {
    case 'blazer':
      out.push(...blazerParts(g));
      break;
    case 'shirt': {
      out.push(neckV);
      out.push(collarShadow(`M${CX - nw - 12},744 L${CX - 4},812 L${CX - 46},834 Z M${CX + nw + 12},744 L${CX + 4},812 L${CX + 46},834 Z`));
      out.push(collarFlaps(c));
      out.push(`<path d="M${CX + 2},812 L${CX + 2},1262" stroke="${shade(c, 0.22)}" stroke-width="3"/>`);
      for (const y of [880, 980, 1080, 1180]) out.push(`<circle cx="${CX + 12}" cy="${y}" r="5.5" fill="${light(c, 0.3)}" stroke="${shade(c, 0.3)}" stroke-width="1.5"/>`);
      out.push(`<path d="M${CX + 110},900 L${CX + 200},900 L${CX + 200},990 C${CX + 180},1000 ${CX + 130},1000 ${CX + 110},990 Z" fill="none" stroke="${shade(c, 0.22)}" stroke-width="2.5"/>`);
      break;
    }
    case 'sweater':
    case 'cardigan':
      out.push(...knitParts(g));
      break;
    case 'turtleneck': {
      const roll = `M${CX - nw - 4},672 C${CX - 20},684 ${CX + 20},684 ${CX + nw + 4},672 L${CX + nw + 10},748 C${CX + nw + 30},756 ${CX + nw + 40},760 ${CX + nw + 50},766 L${CX - nw - 50},766 C${CX - nw - 40},760 ${CX - nw - 30},756 ${CX - nw - 10},748 Z`;
      out.push(collarShadow(roll));
      out.push(`<path d="${roll}" fill="url(#${gid})"/>`);
      out.push(`<path d="${roll}" fill="${shade(c, 0.1)}" opacity="0.5"/>`);
      out.push(`<path d="M${CX - nw},700 C${CX - 20},712 ${CX + 20},712 ${CX + nw},700 M${CX - nw + 2},726 C${CX - 20},738 ${CX + 20},738 ${CX + nw - 2},726" stroke="${shade(c, 0.35)}" stroke-width="3" fill="none" opacity="0.45"/>`);
      break;
    }
    case 'blouse': {
      out.push(neckV);
      const edge = `M${CX - nw - 16},738 L${CX},852 L${CX + nw + 16},738`;
      out.push(collarShadow(`${edge} L${CX + nw + 16},770 L${CX - nw - 16},770 Z`));
      out.push(`<path d="${edge}" stroke="${light(c, 0.15)}" stroke-width="14" fill="none" stroke-linejoin="round"/>`);
      out.push(`<path d="${edge}" stroke="${shade(c, 0.25)}" stroke-width="2" fill="none" transform="translate(0,9)" opacity="0.6"/>`);
      break;
    }
  }
  return out.join('');
}

/** The part of a hijab behind the face: drape over neck and shoulders. */
export function drawHijabBack(look: AvatarLook): string {
  const h = look.headCovering;
  if (!h) return '';
  const c = h.colour;
  const drape = `M${CX - 170},560 C${CX - 200},680 ${CX - 270},780 ${CX - 300},880 C${CX - 200},960 ${CX + 200},960 ${CX + 300},880 C${CX + 270},780 ${CX + 200},680 ${CX + 170},560 Z`;
  return (
    `<defs><linearGradient id="hijabdrape" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${shade(c, 0.28)}"/><stop offset="0.4" stop-color="${c}"/><stop offset="1" stop-color="${shade(c, 0.3)}"/></linearGradient></defs>` +
    `<path d="${drape}" fill="url(#hijabdrape)"/>` +
    `<path d="M${CX - 200},760 C${CX - 120},830 ${CX + 60},850 ${CX + 220},800 M${CX - 240},850 C${CX - 120},900 ${CX + 100},910 ${CX + 250},860" stroke="${shade(c, 0.3)}" stroke-width="4" fill="none" opacity="0.4" stroke-linecap="round"/>` +
    `<path d="M${CX - 150},700 C${CX - 60},760 ${CX + 60},760 ${CX + 150},700" stroke="${light(c, 0.25)}" stroke-width="6" fill="none" opacity="0.35" stroke-linecap="round"/>`
  );
}

/** The part of a hijab around the face: the face opening follows the jaw as it drops. */
export function drawHijabFront(look: AvatarLook, drop: number): string {
  const h = look.headCovering;
  if (!h) return '';
  const c = h.colour;
  const g = faceGeom(look, drop);
  const outer = `M${CX},172 C${CX + 140},170 ${CX + 200},260 ${CX + 196},410 C${CX + 194},520 ${CX + 186},620 ${CX + 170},700 C${CX + 80},736 ${CX - 80},736 ${CX - 170},700 C${CX - 186},620 ${CX - 194},520 ${CX - 196},410 C${CX - 200},260 ${CX - 140},170 ${CX},172 Z`;
  const ow = g.fw - 14;
  const opening = facePath({ fw: ow, jw: g.jw + 2, top: 300, chin: g.chin + 3 });
  // An under-scarf band along the forehead edge of the opening only.
  const band = `M${f(CX - ow)},430 C${f(CX - ow)},375 ${f(CX - ow * 0.6)},300 ${CX},300 C${f(CX + ow * 0.6)},300 ${f(CX + ow)},375 ${f(CX + ow)},430`;
  return (
    `<defs><linearGradient id="hijabhead" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light(c, 0.2)}"/><stop offset="0.5" stop-color="${c}"/><stop offset="1" stop-color="${shade(c, 0.3)}"/></linearGradient></defs>` +
    `<path d="${outer} ${opening}" fill="url(#hijabhead)" fill-rule="evenodd"/>` +
    `<path d="${band}" fill="none" stroke="${h.underband}" stroke-width="10" stroke-linecap="round"/>` +
    `<path d="${opening}" fill="none" stroke="${shade(c, 0.45)}" stroke-width="3" opacity="0.3"/>` +
    `<path d="M${CX - 120},230 C${CX - 60},196 ${CX + 40},194 ${CX + 110},220" stroke="#ffffff" stroke-width="10" fill="none" opacity="0.14" stroke-linecap="round"/>` +
    `<path d="M${CX + 150},560 C${CX + 160},600 ${CX + 150},660 ${CX + 120},700" stroke="${shade(c, 0.35)}" stroke-width="4" fill="none" opacity="0.4"/>`
  );
}

/** What every garment's details draw from. */
interface Garment {
  look: AvatarLook;
  uid: string;
  nw: number;
  sw: number;
  c: string;
  inner: string;
  neckV: string;
  collarShadow(d: string): string;
  collarFlaps(col: string): string;
}

/** Blazer: shirt V, collar, lapels, pocket square. */
function blazerParts(g: Garment): string[] {
  const { nw, c, inner, neckV, collarShadow, collarFlaps } = g;
  const o = g.look.outfit;
  const out: string[] = [];
  const vEdgeL = `M${CX - nw - 4},738 C${CX - nw + 4},800 ${CX - 30},900 ${CX},1010`;
  const shirtV = `M${CX - nw - 4},738 C${CX - nw + 4},800 ${CX - 30},900 ${CX},1010 C${CX + 30},900 ${CX + nw - 4},800 ${CX + nw + 4},738 Z`;
  out.push(`<path d="${shirtV}" fill="${inner}"/>`);
  out.push(`<path d="${shirtV}" fill="${shade(inner, 0.4)}" opacity="0.12"/>`);
  out.push(neckV);
  out.push(collarShadow(`M${CX - nw - 12},744 L${CX - 4},812 L${CX + nw + 12},744 Z`));
  out.push(collarFlaps(inner));
  const lapel = (s: number): string => {
    const X = (dx: number): string => f(CX + s * dx);
    return (
      `M${X(-(nw + 4))},738 C${X(-(nw - 4))},800 ${X(-30)},900 ${X(0)},1010 L${X(-(nw + 80))},858 L${X(-(nw + 54))},808 ` +
      `L${X(-(nw + 72))},794 L${X(-(nw + 22))},742 Z`
    );
  };
  for (const s of [-1, 1]) {
    out.push(`<path d="${lapel(s)}" fill="${s < 0 ? light(c, 0.08) : shade(c, 0.08)}" stroke="${shade(c, 0.35)}" stroke-width="2.5" stroke-linejoin="round"/>`);
  }
  // The lapel casts a thin shadow on the shirt, and a pocket square adds a point of colour.
  out.push(`<path d="${vEdgeL}" stroke="${shade(inner, 0.5)}" stroke-width="5" fill="none" opacity="0.2" transform="translate(6,0)"/>`);
  out.push(`<circle cx="${CX + 6}" cy="1080" r="9" fill="${shade(c, 0.45)}"/><circle cx="${CX + 4}" cy="1078" r="3" fill="${light(c, 0.2)}" opacity="0.5"/>`);
  if (o.accent) {
    out.push(`<path d="M${CX + 150},958 L${CX + 160},938 L${CX + 176},950 L${CX + 190},934 L${CX + 200},958 Z" fill="${o.accent}"/>`);
    out.push(`<path d="M${CX + 140},960 L${CX + 214},956" stroke="${shade(c, 0.4)}" stroke-width="3" opacity="0.6"/>`);
  }
  return out;
}

/** Sweater and cardigan: neckline rib, and buttons or knit texture. */
function knitParts(g: Garment): string[] {
  const { uid, nw, sw, c, inner, collarShadow } = g;
  const o = g.look.outfit;
  const out: string[] = [];
  const neckline = `M${CX - nw - 22},736 C${CX - nw - 10},800 ${CX + nw + 10},800 ${CX + nw + 22},736`;
  if (o.inner) {
    // A shirt collar peeking out of the neckline.
    out.push(`<path d="M${CX - nw - 16},736 L${CX - nw + 6},708 L${CX - 6},786 L${CX - 40},792 Z M${CX + nw + 16},736 L${CX + nw - 6},708 L${CX + 6},786 L${CX + 40},792 Z" fill="${inner}" stroke="${shade(inner, 0.25)}" stroke-width="2"/>`);
  }
  out.push(collarShadow(`${neckline} L${CX + nw + 22},760 L${CX - nw - 22},760 Z`));
  out.push(`<path d="${neckline}" stroke="${shade(c, 0.12)}" stroke-width="22" fill="none" stroke-linecap="butt"/>`);
  out.push(`<path d="M${CX - nw - 22},742 C${CX - nw - 10},806 ${CX + nw + 10},806 ${CX + nw + 22},742" stroke="${light(c, 0.15)}" stroke-width="2.5" fill="none" opacity="0.6"/>`);
  if (o.kind === 'cardigan') {
    const a = o.accent ?? inner;
    out.push(`<path d="M${CX - 40},790 L${CX - 10},1262 L${CX + 10},1262 L${CX + 40},790 Z" fill="${a}"/>`);
    out.push(`<path d="M${CX - 40},790 L${CX - 12},1262 M${CX + 40},790 L${CX + 12},1262" stroke="${shade(c, 0.3)}" stroke-width="5"/>`);
    for (const y of [900, 1000, 1100, 1200]) out.push(`<circle cx="${CX - 28 + (y - 790) * 0.035}" cy="${y}" r="7" fill="${shade(c, 0.4)}"/>`);
  } else {
    // Knit texture: faint vertical ribs.
    let ribs = '';
    for (let x = CX - sw; x <= CX + sw; x += 26) ribs += `M${x},820 L${x},1262 `;
    out.push(`<g clip-path="url(#torsoclip-${uid})"><path d="${ribs}" stroke="${shade(c, 0.2)}" stroke-width="2" opacity="0.18"/></g>`);
  }
  return out;
}
