// Colour arithmetic for the avatar illustrations. Shades are mixed toward a warm dark rather than black
// and highlights toward a warm white, so shadows on skin and fabric read as light, not as dirt.

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  const c = (v: number): string => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** Linear mix of two hex colours: t = 0 gives `a`, t = 1 gives `b`. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

const WARM_DARK = '#2a1414';
const WARM_LIGHT = '#fff6ee';

export function shade(c: string, t: number): string {
  return mix(c, WARM_DARK, t);
}

export function light(c: string, t: number): string {
  return mix(c, WARM_LIGHT, t);
}
