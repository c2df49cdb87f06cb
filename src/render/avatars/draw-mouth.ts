// Mouth shapes for the nine visemes, drawn from a handful of numbers each so every avatar gets the
// same readable set. Coordinates are design units (the figure is drawn on a 1000 x 1250 canvas).
import type { Viseme } from '../visemes/viseme.js';
import { light, mix, shade } from './svg-colour.js';

export const MOUTH_X = 500;
export const MOUTH_Y = 592;

interface MouthShape {
  /** Half-width, corner to centre. */
  w: number;
  /** Height of the opening between the lips. */
  open: number;
  upperLip: number;
  lowerLip: number;
  /** Corner lift (a relaxed smile). */
  smile: number;
  /** 0 = lens-shaped opening, 1 = round. */
  round: number;
  upperTeeth: number;
  lowerTeeth: number;
  tongue: number;
  tongueTip: boolean;
  /** Lower lip drawn up against the upper teeth (F, V). */
  lipTuck: boolean;
  /** How far the chin drops, design units. */
  jaw: number;
}

const BASE: MouthShape = {
  w: 34, open: 0, upperLip: 8, lowerLip: 11, smile: 0, round: 0,
  upperTeeth: 0, lowerTeeth: 0, tongue: 0, tongueTip: false, lipTuck: false, jaw: 0,
};

// Exhaustive over the union so a new viseme cannot be forgotten.
export const MOUTH_SHAPES: Record<Viseme, MouthShape> = {
  X: { ...BASE, w: 37, smile: 4, upperLip: 8, lowerLip: 11 },
  A: { ...BASE, w: 35, smile: 1, upperLip: 6, lowerLip: 8 },
  B: { ...BASE, w: 39, open: 9, smile: 3, upperTeeth: 7, lowerTeeth: 3 },
  C: { ...BASE, w: 38, open: 21, smile: 2, upperTeeth: 7, lowerTeeth: 2, tongue: 0.35, jaw: 5 },
  D: { ...BASE, w: 36, open: 37, smile: 1, upperLip: 7, lowerLip: 10, upperTeeth: 8, tongue: 0.5, jaw: 11 },
  E: { ...BASE, w: 28, open: 17, round: 0.65, upperLip: 9, lowerLip: 12, upperTeeth: 5, tongue: 0.3, jaw: 4 },
  F: { ...BASE, w: 17, open: 10, round: 1, upperLip: 11, lowerLip: 12, jaw: 2 },
  G: { ...BASE, w: 37, open: 9, smile: 2, upperLip: 8, lowerLip: 9, upperTeeth: 12, lipTuck: true },
  H: { ...BASE, w: 38, open: 22, smile: 2, upperTeeth: 6, tongue: 0.3, tongueTip: true, jaw: 5 },
};

export function jawDrop(v: Viseme): number {
  return MOUTH_SHAPES[v].jaw;
}

const f = (n: number): string => (Math.round(n * 100) / 100).toString();

/** SVG for one mouth; `uid` keeps clip ids unique inside a document. */
export function drawMouth(v: Viseme, lips: string, skin: string, uid: string): string {
  const m = MOUTH_SHAPES[v];
  const X = MOUTH_X;
  const Y = MOUTH_Y + m.jaw * 0.35;
  const L = X - m.w;
  const R = X + m.w;
  const cy = Y - m.smile;
  const k = 0.5 + 0.45 * m.round; // control spread: wider spread reads rounder
  const topC = Y - m.open * 0.42;
  const botC = Y + m.open * 0.9;
  const innerTop = `M${f(L)},${f(cy)} C${f(X - m.w * k)},${f(topC)} ${f(X + m.w * k)},${f(topC)} ${f(R)},${f(cy)}`;
  const innerBot = `C${f(X + m.w * k)},${f(botC)} ${f(X - m.w * k)},${f(botC)} ${f(L)},${f(cy)}`;
  const opening = `${innerTop} ${innerBot} Z`;
  const topY = Y - m.open * 0.32; // actual top of the opening (0.75 of the control offset)
  const botY = Y + m.open * 0.68;

  // Upper lip: corner, up to the bow peaks, dip in the middle, back along the opening.
  const ul = m.upperLip;
  const bow = m.round > 0.5 ? 0.25 : 1; // puckered lips flatten the cupid's bow
  const up = Y - m.open * 0.32 - ul;
  const upperLip =
    `M${f(L - 2)},${f(cy + 0.5)} ` +
    `C${f(X - m.w * 0.75)},${f(up + ul * 0.35)} ${f(X - m.w * 0.45)},${f(up - 1)} ${f(X - m.w * 0.22)},${f(up - 1.5 * bow)} ` +
    `C${f(X - m.w * 0.1)},${f(up - 1.5 * bow)} ${f(X - 3)},${f(up + 2.5 * bow)} ${f(X)},${f(up + 2.5 * bow)} ` +
    `C${f(X + 3)},${f(up + 2.5 * bow)} ${f(X + m.w * 0.1)},${f(up - 1.5 * bow)} ${f(X + m.w * 0.22)},${f(up - 1.5 * bow)} ` +
    `C${f(X + m.w * 0.45)},${f(up - 1)} ${f(X + m.w * 0.75)},${f(up + ul * 0.35)} ${f(R + 2)},${f(cy + 0.5)} ` +
    `L${f(R)},${f(cy)} C${f(X + m.w * k)},${f(topC)} ${f(X - m.w * k)},${f(topC)} ${f(L)},${f(cy)} Z`;

  // Lower lip: tucked under the teeth for F/V, otherwise hangs below the opening.
  const tuck = m.lipTuck ? m.open * 0.55 : 0;
  const lbC = botC - tuck * 1.3;
  const ll = m.lowerLip;
  const lowBottom = botY - tuck + ll;
  const lowerLip =
    `M${f(L - 1)},${f(cy)} C${f(X - m.w * k)},${f(lbC)} ${f(X + m.w * k)},${f(lbC)} ${f(R + 1)},${f(cy)} ` +
    `C${f(X + m.w * 0.8)},${f(lowBottom - ll * 0.1)} ${f(X + m.w * 0.45)},${f(lowBottom + ll * 0.3)} ${f(X)},${f(lowBottom + ll * 0.3)} ` +
    `C${f(X - m.w * 0.45)},${f(lowBottom + ll * 0.3)} ${f(X - m.w * 0.8)},${f(lowBottom - ll * 0.1)} ${f(L - 1)},${f(cy)} Z`;

  const upperCol = shade(lips, 0.16);
  const lowerCol = lips;
  const inside = '#3b1519';
  const parts: string[] = [];
  const clip = `mouthclip-${uid}`;
  parts.push(`<defs><clipPath id="${clip}"><path d="${opening}"/></clipPath>` +
    `<radialGradient id="mouthin-${uid}" cx="0.5" cy="0.45" r="0.6"><stop offset="0" stop-color="${shade(inside, 0.35)}"/><stop offset="1" stop-color="${inside}"/></radialGradient>` +
    `<linearGradient id="lowlip-${uid}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${shade(lowerCol, 0.06)}"/><stop offset="0.55" stop-color="${lowerCol}"/><stop offset="1" stop-color="${shade(lowerCol, 0.1)}"/></linearGradient>` +
    `<linearGradient id="uplip-${uid}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${mix(upperCol, skin, 0.15)}"/><stop offset="1" stop-color="${shade(upperCol, 0.12)}"/></linearGradient>` +
    `</defs>`);
  // Soft shadow under the lower lip and the philtrum groove above it give the mouth volume.
  parts.push(`<ellipse cx="${f(X)}" cy="${f(lowBottom + ll * 0.3 + 9)}" rx="${f(Math.max(14, m.w * 0.55))}" ry="6" fill="${shade(skin, 0.5)}" opacity="0.16"/>`);
  parts.push(`<path d="M${f(X - 7)},${f(up - 20)} C${f(X - 6)},${f(up - 10)} ${f(X - 5)},${f(up - 3)} ${f(X - 4)},${f(up + 1)} M${f(X + 7)},${f(up - 20)} C${f(X + 6)},${f(up - 10)} ${f(X + 5)},${f(up - 3)} ${f(X + 4)},${f(up + 1)}" stroke="${shade(skin, 0.35)}" stroke-width="2.2" fill="none" opacity="0.22" stroke-linecap="round"/>`);

  if (m.open > 0) parts.push(...mouthInside(m, { X, L, R, topY, botY, opening, clip }, uid));

  parts.push(`<path d="${lowerLip}" fill="url(#lowlip-${uid})"/>`);
  parts.push(`<path d="${upperLip}" fill="url(#uplip-${uid})"/>`);
  // Highlight on the lower lip.
  parts.push(`<ellipse cx="${f(X - m.w * 0.12)}" cy="${f(lowBottom - ll * 0.25)}" rx="${f(Math.max(5, m.w * 0.32))}" ry="${f(Math.max(2, ll * 0.22))}" fill="#ffffff" opacity="0.22"/>`);
  if (m.open === 0) {
    // The line where closed lips meet, darker in the middle and at the corners.
    parts.push(`<path d="M${f(L)},${f(cy)} C${f(X - m.w * 0.5)},${f(Y + 1.5)} ${f(X + m.w * 0.5)},${f(Y + 1.5)} ${f(R)},${f(cy)}" stroke="${shade(lips, 0.55)}" stroke-width="2.6" fill="none" stroke-linecap="round"/>`);
  }
  // Corner creases.
  parts.push(`<path d="M${f(L - 4)},${f(cy - 3)} Q${f(L - 1)},${f(cy)} ${f(L - 3)},${f(cy + 4)} M${f(R + 4)},${f(cy - 3)} Q${f(R + 1)},${f(cy)} ${f(R + 3)},${f(cy + 4)}" stroke="${shade(skin, 0.45)}" stroke-width="2" fill="none" opacity="0.35" stroke-linecap="round"/>`);
  return parts.join('');
}

/** What shows through an open mouth: its dark inside, the tongue and the teeth, clipped to the opening. */
function mouthInside(m: MouthShape, g: { X: number; L: number; R: number; topY: number; botY: number; opening: string; clip: string }, uid: string): string[] {
  const { X, L, R, topY, botY, opening, clip } = g;
  const teeth = '#f6f2ea';
  const tongueCol = '#c45a66';
  const parts: string[] = [];
  parts.push(`<path d="${opening}" fill="url(#mouthin-${uid})"/>`);
  parts.push(`<g clip-path="url(#${clip})">`);
  if (m.tongue > 0) {
    const ty = botY - m.open * m.tongue * 0.55;
    parts.push(`<ellipse cx="${f(X)}" cy="${f(ty + m.open * 0.35)}" rx="${f(m.w * 0.72)}" ry="${f(m.open * 0.5)}" fill="${tongueCol}"/>`);
    parts.push(`<ellipse cx="${f(X - m.w * 0.12)}" cy="${f(ty + m.open * 0.12)}" rx="${f(m.w * 0.22)}" ry="${f(m.open * 0.08)}" fill="${light(tongueCol, 0.35)}" opacity="0.5"/>`);
  }
  if (m.tongueTip) {
    // L: the tip rises to touch behind the upper teeth.
    parts.push(`<path d="M${f(X - m.w * 0.55)},${f(botY + 2)} C${f(X - m.w * 0.45)},${f(topY + m.open * 0.2)} ${f(X - m.w * 0.2)},${f(topY + m.open * 0.1)} ${f(X)},${f(topY + m.open * 0.12)} C${f(X + m.w * 0.2)},${f(topY + m.open * 0.1)} ${f(X + m.w * 0.45)},${f(topY + m.open * 0.2)} ${f(X + m.w * 0.55)},${f(botY + 2)} Z" fill="${tongueCol}"/>`);
    parts.push(`<path d="M${f(X)},${f(topY + m.open * 0.3)} L${f(X)},${f(botY)}" stroke="${shade(tongueCol, 0.3)}" stroke-width="1.6" opacity="0.5"/>`);
  }
  if (m.upperTeeth > 0) {
    const tb = topY + m.upperTeeth;
    parts.push(`<path d="M${f(L)},${f(topY - 6)} L${f(R)},${f(topY - 6)} L${f(R)},${f(tb - 2)} C${f(X + m.w * 0.5)},${f(tb + 1)} ${f(X - m.w * 0.5)},${f(tb + 1)} ${f(L)},${f(tb - 2)} Z" fill="${teeth}"/>`);
    parts.push(`<path d="M${f(X)},${f(topY)} L${f(X)},${f(tb)}" stroke="#d9d2c8" stroke-width="1.2" opacity="0.8"/>`);
    // Shadow cast by the upper lip onto the teeth.
    parts.push(`<rect x="${f(L)}" y="${f(topY - 6)}" width="${f(m.w * 2)}" height="${f(Math.min(4, m.upperTeeth * 0.45) + 6)}" fill="#9b8f85" opacity="0.35"/>`);
  }
  if (m.lowerTeeth > 0) {
    const tt = botY - m.lowerTeeth;
    parts.push(`<path d="M${f(L)},${f(botY + 6)} L${f(R)},${f(botY + 6)} L${f(R)},${f(tt + 2)} C${f(X + m.w * 0.5)},${f(tt - 1)} ${f(X - m.w * 0.5)},${f(tt - 1)} ${f(L)},${f(tt + 2)} Z" fill="${mix(teeth, '#c9c0b4', 0.3)}"/>`);
  }
  parts.push('</g>');
  return parts;
}
