// Head parts: face outline, ears, nose, eyes (open and closed), brows, cheeks, age lines, facial hair and
// glasses. Light comes from the upper left, so shading sits on the right and under forms.
import type { AvatarLook } from './avatar-look.js';
import { light, mix, shade } from './svg-colour.js';

export const CX = 500;
export const FACE_TOP = 258;
export const EYE_Y = 452;
export const EYE_DX = 66;
/** Eye size relative to the drawn coordinates. */
const EYE_K = 1.12;
export const BROW_Y = 410;
export const CHIN_Y = 655;

const f = (n: number): string => (Math.round(n * 100) / 100).toString();

export interface FaceGeom {
  fw: number;
  jw: number;
  top: number;
  chin: number;
}

export function faceGeom(look: AvatarLook, drop: number): FaceGeom {
  return { fw: look.face.width, jw: look.face.jaw, top: FACE_TOP, chin: CHIN_Y + drop };
}

/** Closed outline of the face from the crown down to the chin. */
export function facePath(g: FaceGeom): string {
  const { fw, jw, top, chin } = g;
  // Only the jaw-to-chin curves move with the jaw, so everything above the mouth region stays
  // pixel-identical between mouth shapes (the rig renders that region alone).
  const drop = chin - CHIN_Y;
  const jy = 600;
  const chw = 44;
  return (
    `M${CX},${f(top)} ` +
    `C${f(CX + fw * 0.62)},${f(top)} ${f(CX + fw)},${f(top + 80)} ${f(CX + fw)},440 ` +
    `C${f(CX + fw)},512 ${f(CX + jw + 30)},560 ${f(CX + jw + 4)},${jy} ` +
    `C${f(CX + jw - 14)},${f(628 + drop * 0.8)} ${f(CX + chw + 28)},${f(chin)} ${CX},${f(chin)} ` +
    `C${f(CX - chw - 28)},${f(chin)} ${f(CX - jw + 14)},${f(628 + drop * 0.8)} ${f(CX - jw - 4)},${jy} ` +
    `C${f(CX - jw - 30)},560 ${f(CX - fw)},512 ${f(CX - fw)},440 ` +
    `C${f(CX - fw)},${f(top + 80)} ${f(CX - fw * 0.62)},${f(top)} ${CX},${f(top)} Z`
  );
}

function luminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
}

export function skinPalette(skin: string): { base: string; lit: string; dark: string; deep: string; blush: string } {
  return {
    base: skin,
    lit: light(skin, 0.12),
    dark: shade(skin, 0.18),
    deep: shade(skin, 0.4),
    blush: mix(skin, '#e0606a', 0.22 + 0.2 * luminance(skin)),
  };
}

export function drawEars(look: AvatarLook): string {
  const p = skinPalette(look.skin);
  const out: string[] = [];
  for (const s of [-1, 1]) {
    const x = CX + s * (look.face.width - 4);
    out.push(
      `<path d="M${f(x)},428 C${f(x + s * 26)},404 ${f(x + s * 44)},430 ${f(x + s * 38)},470 C${f(x + s * 34)},505 ${f(x + s * 18)},522 ${f(x - s * 2)},520 Z" fill="${s < 0 ? p.base : p.dark}"/>`,
      `<path d="M${f(x + s * 8)},440 C${f(x + s * 26)},428 ${f(x + s * 32)},452 ${f(x + s * 27)},474 C${f(x + s * 23)},492 ${f(x + s * 14)},496 ${f(x + s * 12)},504" stroke="${p.deep}" stroke-width="3.5" fill="none" opacity="0.45" stroke-linecap="round"/>`,
    );
  }
  return out.join('');
}

/** Face fill with its shading; `uid` keeps ids unique. */
export function drawFace(look: AvatarLook, drop: number, uid: string): string {
  const p = skinPalette(look.skin);
  const g = faceGeom(look, drop);
  const path = facePath(g);
  return (
    `<defs>` +
    `<radialGradient id="facegrad-${uid}" gradientUnits="userSpaceOnUse" cx="${f(CX - g.fw * 0.16)}" cy="${f(FACE_TOP + 168)}" r="${f(g.fw * 1.45)}"><stop offset="0" stop-color="${p.lit}"/><stop offset="0.55" stop-color="${p.base}"/><stop offset="1" stop-color="${p.dark}"/></radialGradient>` +
    `<clipPath id="faceclip-${uid}"><path d="${path}"/></clipPath>` +
    `<radialGradient id="blush-${uid}"><stop offset="0" stop-color="${p.blush}" stop-opacity="${f(0.25 + 0.35 * luminance(look.skin))}"/><stop offset="1" stop-color="${p.blush}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="sideshade-${uid}"><stop offset="0.45" stop-color="${p.deep}" stop-opacity="0.32"/><stop offset="1" stop-color="${p.deep}" stop-opacity="0"/></radialGradient>` +
    `</defs>` +
    `<path d="${path}" fill="url(#facegrad-${uid})"/>` +
    `<g clip-path="url(#faceclip-${uid})">` +
    // Shadow side of the face and under the jaw line.
    `<ellipse cx="${f(CX + g.fw + 30)}" cy="480" rx="95" ry="230" fill="url(#sideshade-${uid})"/>` +
    `<ellipse cx="${f(CX - 10)}" cy="${f(g.chin + 40)}" rx="${f(g.jw + 40)}" ry="52" fill="url(#sideshade-${uid})" opacity="0.7"/>` +
    `<ellipse cx="${f(CX - 88)}" cy="528" rx="40" ry="24" fill="url(#blush-${uid})"/>` +
    `<ellipse cx="${f(CX + 88)}" cy="528" rx="40" ry="24" fill="url(#blush-${uid})"/>` +
    `<ellipse cx="${f(CX - 40)}" cy="330" rx="70" ry="34" fill="#ffffff" opacity="0.07"/>` +
    `</g>`
  );
}

export function drawNose(look: AvatarLook): string {
  const p = skinPalette(look.skin);
  return (
    // Bridge shadow on the unlit side, the rounded tip with nostrils, and a highlight on the tip.
    `<path d="M${CX + 12},468 C${CX + 16},492 ${CX + 22},510 ${CX + 24},526" stroke="${p.deep}" stroke-width="5" fill="none" opacity="0.16" stroke-linecap="round"/>` +
    `<path d="M${CX - 22},528 C${CX - 28},540 ${CX - 18},549 ${CX - 8},546 C${CX - 4},550 ${CX + 4},550 ${CX + 8},546 C${CX + 18},549 ${CX + 28},540 ${CX + 22},528" stroke="${p.deep}" stroke-width="3.2" fill="none" opacity="0.5" stroke-linecap="round"/>` +
    `<ellipse cx="${CX}" cy="554" rx="20" ry="4.5" fill="${p.deep}" opacity="0.16"/>` +
    `<ellipse cx="${CX - 3}" cy="528" rx="8" ry="6" fill="#ffffff" opacity="0.16"/>`
  );
}

export function drawAgeLines(look: AvatarLook): string {
  const p = skinPalette(look.skin);
  const o = look.age === 'older' ? 0.32 : look.age === 'middle' ? 0.16 : 0;
  if (o === 0) return '';
  let s =
    `<path d="M${CX - 36},552 C${CX - 52},566 ${CX - 56},586 ${CX - 52},606 M${CX + 36},552 C${CX + 52},566 ${CX + 56},586 ${CX + 52},606" stroke="${p.deep}" stroke-width="2.6" fill="none" opacity="${o}" stroke-linecap="round"/>`;
  if (look.age === 'older') {
    s +=
      `<path d="M${CX - 50},336 C${CX - 20},330 ${CX + 20},330 ${CX + 50},336 M${CX - 40},354 C${CX - 15},349 ${CX + 15},349 ${CX + 40},354" stroke="${p.deep}" stroke-width="2" fill="none" opacity="0.2" stroke-linecap="round"/>` +
      `<path d="M${CX - 104},448 l-10,-5 M${CX - 104},456 l-11,2 M${CX + 104},448 l10,-5 M${CX + 104},456 l11,2" stroke="${p.deep}" stroke-width="1.8" opacity="0.28" stroke-linecap="round"/>`;
  }
  return s;
}

/** One eye; the right-hand eye (s = 1) is the mirror of the left. */
function eyeOpen(look: AvatarLook, s: number, uid: string): string {
  const p = skinPalette(look.skin);
  const ex = CX + s * EYE_DX;
  const ey = EYE_Y;
  const X = (dx: number): string => f(ex + s * dx * EYE_K);
  const Y = (dy: number): string => f(ey + dy * EYE_K);
  const almond = `M${X(-27)},${Y(3)} C${X(-17)},${Y(-15)} ${X(12)},${Y(-17)} ${X(28)},${Y(-3)} C${X(16)},${Y(12)} ${X(-12)},${Y(13)} ${X(-27)},${Y(3)} Z`;
  const upper = `M${X(-28)},${Y(3)} C${X(-17)},${Y(-15)} ${X(12)},${Y(-17)} ${X(29)},${Y(-3)}`;
  const female = look.gender === 'female';
  const lash = '#241816';
  const id = `eye-${uid}-${s < 0 ? 'l' : 'r'}`;
  let out =
    `<defs><clipPath id="${id}"><path d="${almond}"/></clipPath>` +
    `<radialGradient id="${id}-iris"><stop offset="0" stop-color="${light(look.iris, 0.25)}"/><stop offset="0.7" stop-color="${look.iris}"/><stop offset="1" stop-color="${shade(look.iris, 0.45)}"/></radialGradient></defs>` +
    `<path d="M${X(-30)},${Y(2)} C${X(-18)},${Y(-21)} ${X(14)},${Y(-23)} ${X(31)},${Y(-4)}" stroke="${p.dark}" stroke-width="7" fill="none" opacity="0.25"/>` +
    `<path d="${almond}" fill="#f7f3ef"/>` +
    `<g clip-path="url(#${id})">` +
    `<circle cx="${X(1)}" cy="${Y(0)}" r="${f(13.5 * EYE_K)}" fill="url(#${id}-iris)"/>` +
    `<circle cx="${X(1)}" cy="${Y(0)}" r="${f(6.2 * EYE_K)}" fill="#15100f"/>` +
    `<path d="${upper}" stroke="${p.deep}" stroke-width="9" fill="none" opacity="0.28"/>` +
    `</g>` +
    `<circle cx="${f(ex + s * EYE_K - 4 * EYE_K)}" cy="${Y(-4.5)}" r="3.6" fill="#ffffff" opacity="0.95"/>` +
    `<circle cx="${f(ex + s * EYE_K + 4.5 * EYE_K)}" cy="${Y(4)}" r="1.6" fill="#ffffff" opacity="0.6"/>` +
    `<path d="${upper}" stroke="${lash}" stroke-width="${female ? 4.8 : 4}" fill="none" stroke-linecap="round"/>` +
    `<path d="M${X(-22)},${Y(8)} C${X(-8)},${Y(14)} ${X(10)},${Y(13)} ${X(24)},${Y(3)}" stroke="${p.deep}" stroke-width="1.8" fill="none" opacity="0.3" stroke-linecap="round"/>` +
    `<path d="M${X(-22)},${Y(-14)} C${X(-8)},${Y(-26)} ${X(14)},${Y(-26)} ${X(27)},${Y(-13)}" stroke="${p.deep}" stroke-width="2.2" fill="none" opacity="0.3" stroke-linecap="round"/>`;
  if (female) {
    out += `<path d="M${X(22)},${Y(-8)} l${f(s * 8)},-6 M${X(27)},${Y(-4)} l${f(s * 9)},-3 M${X(16)},${Y(-11)} l${f(s * 5)},-7" stroke="${lash}" stroke-width="2.6" stroke-linecap="round"/>`;
  }
  return out;
}

function eyeClosed(look: AvatarLook, s: number): string {
  const p = skinPalette(look.skin);
  const ex = CX + s * EYE_DX;
  const ey = EYE_Y;
  const X = (dx: number): string => f(ex + s * dx * EYE_K);
  const Y = (dy: number): string => f(ey + dy * EYE_K);
  const female = look.gender === 'female';
  const lash = '#241816';
  const lid = `M${X(-28)},${Y(3)} C${X(-17)},${Y(-15)} ${X(12)},${Y(-17)} ${X(29)},${Y(-3)} C${X(16)},${Y(10)} ${X(-12)},${Y(12)} ${X(-28)},${Y(3)} Z`;
  const line = `M${X(-27)},${Y(3)} C${X(-14)},${Y(12)} ${X(14)},${Y(11)} ${X(28)},${Y(-1)}`;
  let out =
    `<path d="${lid}" fill="${mix(p.base, p.dark, 0.55)}"/>` +
    `<path d="M${X(-24)},${Y(-6)} C${X(-8)},${Y(-14)} ${X(14)},${Y(-14)} ${X(26)},${Y(-6)}" stroke="${p.deep}" stroke-width="2" fill="none" opacity="0.25" stroke-linecap="round"/>` +
    `<path d="${line}" stroke="${lash}" stroke-width="${female ? 4.4 : 3.8}" fill="none" stroke-linecap="round"/>`;
  if (female) {
    out += `<path d="M${X(8)},${Y(9)} l${f(s * 2)},6 M${X(16)},${Y(6)} l${f(s * 4)},6 M${X(23)},${Y(2)} l${f(s * 6)},5" stroke="${lash}" stroke-width="2.4" stroke-linecap="round"/>`;
  }
  return out;
}

export function drawEyes(look: AvatarLook, open: boolean, uid: string): string {
  return open ? eyeOpen(look, -1, uid) + eyeOpen(look, 1, uid) : eyeClosed(look, -1) + eyeClosed(look, 1);
}

export function drawBrows(look: AvatarLook): string {
  const t = look.brows.thickness;
  const out: string[] = [];
  for (const s of [-1, 1]) {
    const ex = CX + s * EYE_DX;
    const X = (dx: number): string => f(ex + s * dx);
    const by = BROW_Y;
    out.push(
      `<path d="M${X(-32)},${f(by + 8)} C${X(-20)},${f(by - 4 - t * 0.3)} ${X(10)},${f(by - 9 - t * 0.4)} ${X(38)},${f(by + 3)} C${X(12)},${f(by - 3 + t * 0.25)} ${X(-14)},${f(by + 1 + t * 0.6)} ${X(-31)},${f(by + 8 + t)} Z" fill="${look.brows.colour}"/>`,
    );
  }
  return out.join('');
}

/** Full beard or stubble, drawn under the mouth; follows the jaw as it drops. */
export function drawFacialHair(look: AvatarLook, drop: number, uid: string): string {
  const fh = look.facialHair;
  if (!fh) return '';
  const g = faceGeom(look, drop);
  const outer = facePath({ ...g, fw: g.fw + 2, jw: g.jw + 6, chin: g.chin + (fh.style === 'beard' ? 18 : 2) });
  const id = `beard-${uid}`;
  // Region below a line from the sideburns across the cheeks; the lips are drawn on top afterwards.
  const region =
    `M${f(CX - g.fw - 10)},420 L${f(CX - g.fw + 14)},420 C${f(CX - g.fw + 20)},480 ${CX - 92},520 ${CX - 58},548 ` +
    `C${CX - 30},560 ${CX - 18},562 ${CX},560 C${CX + 18},562 ${CX + 30},560 ${CX + 58},548 ` +
    `C${CX + 92},520 ${f(CX + g.fw - 20)},480 ${f(CX + g.fw - 14)},420 L${f(CX + g.fw + 10)},420 L${f(CX + g.fw + 40)},760 L${f(CX - g.fw - 40)},760 Z`;
  const col = fh.colour;
  if (fh.style === 'stubble') {
    // A shadow of hair, fading in from the cheeks and kept inside the face outline.
    return (
      `<defs><clipPath id="${id}"><path d="${facePath(g)}"/></clipPath>` +
      `<linearGradient id="${id}-g" gradientUnits="userSpaceOnUse" x1="0" y1="470" x2="0" y2="600"><stop offset="0" stop-color="${col}" stop-opacity="0"/><stop offset="1" stop-color="${col}" stop-opacity="0.2"/></linearGradient></defs>` +
      `<g clip-path="url(#${id})"><path d="${region}" fill="url(#${id}-g)"/></g>`
    );
  }
  return (
    `<defs><clipPath id="${id}"><path d="${outer}"/></clipPath>` +
    `<linearGradient id="${id}-g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light(col, 0.12)}"/><stop offset="1" stop-color="${shade(col, 0.25)}"/></linearGradient></defs>` +
    `<g clip-path="url(#${id})"><path d="${region}" fill="url(#${id}-g)"/>` +
    // A lighter patch under the lower lip, as real beards thin there.
    `<ellipse cx="${CX}" cy="${f(628 + drop * 0.5)}" rx="14" ry="10" fill="${light(col, 0.2)}" opacity="0.5"/></g>` +
    // Moustache over the upper lip.
    `<path d="M${CX - 48},${f(590 + drop * 0.2)} C${CX - 44},566 ${CX - 24},556 ${CX},561 C${CX + 24},556 ${CX + 44},566 ${CX + 48},${f(590 + drop * 0.2)} C${CX + 30},578 ${CX + 14},576 ${CX},579 C${CX - 14},576 ${CX - 30},578 ${CX - 48},${f(590 + drop * 0.2)} Z" fill="url(#${id}-g)"/>`
  );
}

export function drawGlasses(look: AvatarLook): string {
  const gl = look.glasses;
  if (!gl) return '';
  const out: string[] = [];
  for (const s of [-1, 1]) {
    const ex = CX + s * EYE_DX;
    out.push(`<rect x="${f(ex - 44)}" y="${f(EYE_Y - 31)}" width="88" height="64" rx="22" fill="#dfefff" fill-opacity="0.12" stroke="${gl.colour}" stroke-width="6"/>`);
    out.push(`<path d="M${f(ex - 22)},${f(EYE_Y + 22)} L${f(ex + 4)},${f(EYE_Y - 22)}" stroke="#ffffff" stroke-width="7" opacity="0.18" stroke-linecap="round"/>`);
    out.push(`<path d="M${f(ex + s * 44)},${f(EYE_Y - 16)} L${f(CX + s * (look.face.width + 6))},${f(EYE_Y - 10)}" stroke="${gl.colour}" stroke-width="6" stroke-linecap="round"/>`);
  }
  out.push(`<path d="M${CX - 22},${EYE_Y - 10} C${CX - 10},${EYE_Y - 20} ${CX + 10},${EYE_Y - 20} ${CX + 22},${EYE_Y - 10}" stroke="${gl.colour}" stroke-width="5.5" fill="none"/>`);
  return out.join('');
}
