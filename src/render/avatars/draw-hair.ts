// Hair styles as three layers: `back` sits behind the head and body, `locks` falls in front of the
// shoulders, `front` covers the top of the head and the hairline. `front` also casts a soft shadow on
// the forehead, which does most of the work of making hair sit on the head rather than on top of it.
import type { AvatarLook, HairStyle } from './avatar-look.js';
import { light, shade } from './svg-colour.js';

export interface HairLayers {
  back: string;
  locks: string;
  front: string;
  /** Path of `front` only, for the shadow it casts on the forehead. */
  frontPath: string;
  /** Top of the hair, design units. */
  top: number;
  /** Half-width of the hair around the head, design units. */
  halfWidth: number;
}

const f = (n: number): string => (Math.round(n * 100) / 100).toString();

// Deterministic scatter for curl texture: same look, same curls.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function cloudPath(cx: number, cy: number, rx: number, ry: number, bumps: number, bump: number): string {
  // Scalloped outline: arcs bulging outward between points on an ellipse.
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < bumps; i++) {
    const a = (i / bumps) * Math.PI * 2;
    pts.push([cx + Math.cos(a) * rx, cy + Math.sin(a) * ry]);
  }
  let d = `M${f(pts[0]![0])},${f(pts[0]![1])}`;
  for (let i = 0; i < bumps; i++) {
    const b = pts[(i + 1) % bumps]!;
    d += ` A${f(bump)},${f(bump)} 0 0 1 ${f(b[0])},${f(b[1])}`;
  }
  return d + ' Z';
}

interface Shapes {
  back?: string;
  locks?: string;
  front: string;
  top: number;
  halfWidth: number;
  extra?: (c: string) => string;
  /** Back layer in the same tone as the front (curls read as one volume). */
  flatBack?: boolean;
}

/** Hair by style, exhaustive over the union; `fw` is the face's half-width, L and R its sides. */
const HAIR_SHAPES: Record<HairStyle, (fw: number, L: number, R: number) => Shapes | null> = {
  side_part: (fw, L, R) => ({
    back: `M${L + 4},540 C${L - 14},360 ${L + 40},206 500,200 C${R - 40},206 ${R + 14},360 ${R - 4},540 Z`,
    // Side part on the left, the fringe swept up and over to the right with some lift.
    front:
      `M${L + 4},470 C${L - 10},400 ${L - 14},330 ${L + 6},282 C${L + 30},222 ${L + 92},184 500,180 ` +
      `C${R - 66},178 ${R + 12},212 ${R + 16},300 C${R + 18},360 ${R + 8},420 ${R - 2},470 L${R - 12},470 ` +
      `C${R - 14},420 ${R - 18},372 ${R - 32},344 C${R - 62},314 ${R - 130},318 ${L + 126},292 ` +
      `C${L + 104},284 ${L + 92},274 ${L + 84},262 C${L + 62},290 ${L + 36},330 ${L + 26},380 L${L + 16},470 Z`,
    top: 178,
    halfWidth: fw + 16,
    extra: (c) =>
      `<path d="M${L + 84},262 C${L + 90},236 ${L + 104},214 ${L + 130},200" stroke="${shade(c, 0.45)}" stroke-width="3" fill="none" opacity="0.7" stroke-linecap="round"/>` +
      `<path d="M${L + 120},270 C${L + 170},226 ${R - 110},212 ${R - 30},258 M${L + 150},288 C${L + 200},256 ${R - 90},252 ${R - 40},300" stroke="${light(c, 0.35)}" stroke-width="5" fill="none" opacity="0.3" stroke-linecap="round"/>` +
      `<path d="M${L + 30},300 C${L + 40},260 ${L + 60},236 ${L + 80},222" stroke="${light(c, 0.3)}" stroke-width="4" fill="none" opacity="0.25" stroke-linecap="round"/>`,
  }),
  crop: (fw, L, R) => ({
    back: `M${L + 4},530 C${L - 12},360 ${L + 40},210 500,204 C${R - 40},210 ${R + 12},360 ${R - 4},530 Z`,
    front:
      `M${L + 2},462 C${L - 14},330 ${L + 24},204 500,198 C${R - 24},204 ${R + 14},330 ${R - 2},462 L${R - 12},462 ` +
      `C${R - 16},400 ${R - 22},352 ${R - 40},330 C${R - 80},312 ${R - 120},322 500,316 C${L + 120},322 ${L + 80},312 ${L + 40},330 C${L + 22},352 ${L + 16},400 ${L + 12},462 Z`,
    top: 196,
    halfWidth: fw + 12,
    extra: (c) => {
      const r = lcg(7);
      let s = '';
      for (let i = 0; i < 26; i++) {
        const x = L + 50 + r() * (fw * 2 - 100);
        const y = 222 + r() * 80;
        s += `M${f(x)},${f(y)} q${f(6 + r() * 6)},${f(-6 - r() * 4)} ${f(14 + r() * 6)},${f(-2 + r() * 4)} `;
      }
      return `<path d="${s}" stroke="${light(c, 0.3)}" stroke-width="3" fill="none" opacity="0.45" stroke-linecap="round"/>`;
    },
  }),
  buzz: (fw, L, R) => ({
    front:
      `M${L + 6},452 C${L - 6},330 ${L + 36},226 500,220 C${R - 36},226 ${R + 6},330 ${R - 6},452 L${R - 14},452 ` +
      `C${R - 16},392 ${R - 24},354 ${R - 40},336 C${R - 80},318 ${R - 120},328 500,324 C${L + 120},328 ${L + 80},318 ${L + 40},336 C${L + 24},354 ${L + 16},392 ${L + 14},452 Z`,
    top: 218,
    halfWidth: fw + 6,
  }),
  receding: (fw, L, R) => ({
    back: `M${L},520 C${L - 14},380 ${L + 20},300 ${L + 60},276 L${R - 60},276 C${R - 20},300 ${R + 14},380 ${R},520 Z`,
    front:
      `M${L - 4},478 C${L - 12},410 ${L - 6},340 ${L + 30},300 C${L + 46},288 ${L + 62},290 ${L + 66},300 C${L + 40},330 ${L + 26},380 ${L + 22},478 Z ` +
      `M${R + 4},478 C${R + 12},410 ${R + 6},340 ${R - 30},300 C${R - 46},288 ${R - 62},290 ${R - 66},300 C${R - 40},330 ${R - 26},380 ${R - 22},478 Z ` +
      `M${L + 80},286 C${L + 110},256 ${R - 110},250 ${R - 76},282 C${R - 110},272 ${L + 120},270 ${L + 80},286 Z`,
    top: 252,
    halfWidth: fw + 10,
  }),
  long_straight: (fw, L, R) => ({
    back: `M500,188 C${L - 30},188 ${L - 18},300 ${L - 14},420 C${L - 12},540 ${L - 30},680 ${L - 50},800 L${R + 50},800 C${R + 30},680 ${R + 12},540 ${R + 14},420 C${R + 18},300 ${R + 30},188 500,188 Z`,
    locks:
      `M${L + 4},340 C${L - 16},430 ${L - 12},530 ${L - 16},630 C${L - 20},730 ${L - 36},820 ${L - 50},900 C${L - 20},918 ${L + 22},912 ${L + 40},884 C${L + 36},780 ${L + 34},650 ${L + 28},550 C${L + 24},470 ${L + 22},400 ${L + 26},340 Z ` +
      `M${R - 4},340 C${R + 16},430 ${R + 12},530 ${R + 16},630 C${R + 20},730 ${R + 36},820 ${R + 50},900 C${R + 20},918 ${R - 22},912 ${R - 40},884 C${R - 36},780 ${R - 34},650 ${R - 28},550 C${R - 24},470 ${R - 22},400 ${R - 26},340 Z`,
    front:
      `M${L - 10},470 C${L - 24},320 ${L + 30},194 500,192 C${R - 30},194 ${R + 24},320 ${R + 10},470 L${R - 4},470 ` +
      `C${R - 6},420 ${R - 12},392 ${R - 20},372 C${R - 42},322 ${R - 92},290 504,262 L496,262 C${L + 92},290 ${L + 42},322 ${L + 20},372 C${L + 12},392 ${L + 6},420 ${L + 4},470 Z`,
    top: 186,
    halfWidth: fw + 40,
    extra: (c) =>
      `<path d="M${L + 20},330 C${L + 34},270 ${L + 80},226 470,208 M${R - 20},330 C${R - 34},270 ${R - 80},226 530,208" stroke="${light(c, 0.4)}" stroke-width="4" fill="none" opacity="0.28" stroke-linecap="round"/>` +
      `<path d="M${L + 40},360 C${L + 56},300 ${L + 100},262 490,246 M${R - 40},360 C${R - 56},300 ${R - 100},262 510,246" stroke="${light(c, 0.3)}" stroke-width="3" fill="none" opacity="0.2" stroke-linecap="round"/>` +
      `<path d="M${L - 4},560 C${L - 8},660 ${L - 18},760 ${L - 30},860 M${R + 4},560 C${R + 8},660 ${R + 18},760 ${R + 30},860" stroke="${light(c, 0.3)}" stroke-width="5" fill="none" opacity="0.25" stroke-linecap="round"/>`,
  }),
  curly_puff: (fw, L, R) => {
    const cloud = cloudPath(500, 318, fw + 62, 178, 26, 34);
    return {
      back: cloud,
      flatBack: true,
      front:
        `M${L - 6},440 L${L + 6},440 C${L + 6},350 ${L + 60},300 500,296 C${R - 60},300 ${R - 6},350 ${R - 6},440 L${R + 6},440 L${R + 6},236 L${L - 6},236 Z`,
      top: 318 - 178 - 34,
      halfWidth: fw + 62 + 34,
      extra: (c) => {
        // Curly hairline and ringlet texture.
        const r = lcg(11);
        let edge = '';
        for (let i = 0; i <= 16; i++) {
          const t = i / 16;
          const a = Math.PI * (1 - t);
          const x = 500 + Math.cos(a) * (fw - 8);
          const y = 304 + (1 - Math.sin(a)) * 130 - Math.sin(a) * 8;
          edge += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(11 + r() * 4)}"/>`;
        }
        let curls = '';
        for (let i = 0; i < 70; i++) {
          const a = r() * Math.PI * 2;
          const d = Math.sqrt(r());
          const x = 500 + Math.cos(a) * (fw + 40) * d;
          const y = 318 + Math.sin(a) * 160 * d;
          if (y > 290 && Math.abs(x - 500) < fw - 10) continue; // not over the face
          curls += `M${f(x)},${f(y)} a8,8 0 1 1 ${f(10 + r() * 4)},${f(4)} `;
        }
        return `<g fill="url(#HAIRGRAD)">${edge}</g><path d="${curls}" stroke="${light(c, 0.28)}" stroke-width="3" fill="none" opacity="0.35" stroke-linecap="round"/>`;
      },
    };
  },
  bob: (fw, L, R) => ({
    back: `M500,194 C${L - 24},194 ${L - 26},300 ${L - 22},430 C${L - 20},530 ${L - 18},600 ${L + 4},650 C${L + 40},668 ${L + 80},660 ${L + 90},640 L${R - 90},640 C${R - 80},660 ${R - 40},668 ${R - 4},650 C${R + 18},600 ${R + 20},530 ${R + 22},430 C${R + 26},300 ${R + 24},194 500,194 Z`,
    front:
      `M${L + 90},202 C${R - 40},186 ${R + 28},270 ${R + 20},430 C${R + 18},520 ${R + 22},590 ${R + 4},642 C${R - 8},656 ${R - 26},654 ${R - 34},642 ` +
      `C${R - 18},560 ${R - 14},470 ${R - 24},400 C${R - 44},336 ${R - 110},304 ${L + 150},300 C${L + 90},300 ${L + 40},320 ${L + 28},380 ` +
      `C${L + 20},440 ${L + 24},560 ${L + 34},642 C${L + 26},654 ${L + 8},656 ${L - 4},642 C${L - 22},590 ${L - 18},520 ${L - 20},430 C${L - 26},290 ${L + 20},206 ${L + 90},202 Z`,
    top: 190,
    halfWidth: fw + 26,
    extra: (c) =>
      `<path d="M${L + 92},212 C${L + 150},230 ${R - 60},250 ${R - 20},360" stroke="${light(c, 0.4)}" stroke-width="8" fill="none" opacity="0.35" stroke-linecap="round"/>` +
      `<path d="M${L + 92},206 C${L + 84},236 ${L + 70},270 ${L + 50},300" stroke="${shade(c, 0.3)}" stroke-width="3" fill="none" opacity="0.5" stroke-linecap="round"/>`,
  }),
  bun: (fw, L, R) => ({
    back: `M${L + 4},520 C${L - 14},360 ${L + 40},206 500,200 C${R - 40},206 ${R + 14},360 ${R - 4},520 Z` + cloudPath(500, 176, 62, 44, 9, 22).replace('M', ' M'),
    front:
      `M${L - 2},466 C${L - 16},330 ${L + 30},204 500,200 C${R - 30},204 ${R + 16},330 ${R + 2},466 L${R - 10},466 ` +
      `C${R - 14},400 ${R - 22},350 ${R - 44},328 C${R - 84},300 ${R - 120},312 500,300 C${L + 120},312 ${L + 84},300 ${L + 44},328 C${L + 22},350 ${L + 14},400 ${L + 10},466 Z`,
    top: 126,
    halfWidth: fw + 10,
    extra: (c) =>
      `<path d="M${L + 60},300 C${L + 90},250 ${L + 130},230 490,222 M${R - 60},300 C${R - 90},250 ${R - 130},230 510,222" stroke="${light(c, 0.35)}" stroke-width="6" fill="none" opacity="0.3" stroke-linecap="round"/>`,
  }),
  none: () => null,
};

function shapes(style: HairStyle, fw: number): Shapes | null {
  return HAIR_SHAPES[style](fw, 500 - fw, 500 + fw);
}

export function drawHair(look: AvatarLook, uid: string): HairLayers {
  const s = shapes(look.hair.style, look.face.width);
  if (!s) return { back: '', locks: '', front: '', frontPath: '', top: 200, halfWidth: look.face.width + 20 };
  const c = look.hair.colour;
  const grad = `hairgrad-${uid}`;
  const defs =
    `<defs><linearGradient id="${grad}" gradientUnits="userSpaceOnUse" x1="380" y1="140" x2="620" y2="900">` +
    `<stop offset="0" stop-color="${light(c, 0.18)}"/><stop offset="0.25" stop-color="${c}"/><stop offset="1" stop-color="${shade(c, 0.35)}"/></linearGradient></defs>`;
  const extra = s.extra ? s.extra(c).replaceAll('HAIRGRAD', grad) : '';
  return {
    back: s.back ? `${defs}<path d="${s.back}" fill="${s.flatBack ? `url(#${grad})` : shade(c, 0.2)}"/>` : defs,
    locks: s.locks ? `<path d="${s.locks}" fill="url(#${grad})"/>` : '',
    front: `<path d="${s.front}" fill="url(#${grad})"/>${extra}`,
    frontPath: s.front,
    top: s.top,
    halfWidth: s.halfWidth,
  };
}
