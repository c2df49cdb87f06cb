// Phone symbols → Rhubarb mouth shapes. Three alphabets reach us: ARPAbet (flite, festival,
// pocketsphinx; lower or upper case, with or without stress digits) and espeak-ng's own mnemonics
// (every language espeak speaks). A phone we do not know gets B (slightly open), the most common
// consonant shape, so an odd symbol never freezes the mouth shut or wide open.
import type { Viseme } from './viseme.js';

export type PhoneAlphabet = 'arpabet' | 'espeak';

// Diphthongs take the shape that dominates what a viewer sees: AY/AW open wide, OW rounds.
const ARPABET: Record<string, Viseme> = {
  // closures
  p: 'A', b: 'A', m: 'A', em: 'A',
  // teeth on lip
  f: 'G', v: 'G',
  // tongue
  l: 'H', el: 'H',
  // puckered
  uw: 'F', uh: 'F', ow: 'F', w: 'F',
  // slightly rounded
  ao: 'E', er: 'E', axr: 'E', oy: 'E',
  // wide open
  aa: 'D', ay: 'D', aw: 'D',
  // open
  ae: 'C', eh: 'C', ah: 'C', ax: 'C', ey: 'C',
  // slightly open, teeth: EE and most consonants
  iy: 'B', ih: 'B', ix: 'B', y: 'B',
  t: 'B', d: 'B', n: 'B', en: 'B', s: 'B', z: 'B', k: 'B', g: 'B', ng: 'B', nx: 'B',
  th: 'B', dh: 'B', sh: 'B', zh: 'B', ch: 'B', jh: 'B', hh: 'B', h: 'B', r: 'B', dx: 'B', q: 'B',
  // silence and noises
  pau: 'X', sil: 'X', 'h#': 'X', brth: 'X', '': 'X',
};

// espeak-ng mnemonics (see espeak-ng's phsource/ph_english and friends). Keys are the symbol with
// stress and variant marks removed; lookups fall back from the full symbol to its first characters.
const ESPEAK: Record<string, Viseme> = {
  p: 'A', b: 'A', m: 'A', 'm-': 'A',
  f: 'G', v: 'G', F: 'G',
  l: 'H', L: 'H', 'l/': 'H', '@L': 'H', 'l^': 'H', 'L^': 'H',
  // rounded: u-like and w, plus the front rounded vowels of French/German/Turkish (y, Y, W = ø/œ)
  u: 'F', 'u:': 'F', U: 'F', 'U@': 'F', w: 'F', y: 'F', 'y:': 'F', Y: 'F', 'Y:': 'F', W: 'F', 'W:': 'F', oU: 'F', o: 'F', 'o:': 'F', 'u#': 'F',
  O: 'E', 'O:': 'E', 'O@': 'E', 'o@': 'E', OI: 'E', '3': 'E', '3:': 'E', 'a@': 'E', 'A@': 'D',
  a: 'D', 'a:': 'D', A: 'D', 'A:': 'D', aI: 'D', aU: 'D', '0': 'D', aa: 'D',
  'a#': 'C', '&': 'C', E: 'C', 'E:': 'C', e: 'C', 'e:': 'C', eI: 'C', 'e@': 'C', '@': 'C', V: 'C', '@-': 'C', 'E2': 'C', 'E#': 'C',
  i: 'B', 'i:': 'B', I: 'B', 'I#': 'B', 'I2': 'B', 'i@': 'B', 'i@3': 'B', j: 'B', 'i#': 'B',
};

function arpabetViseme(phone: string): Viseme {
  const key = phone.toLowerCase().replace(/[0-9]/g, '');
  const hit = ARPABET[key];
  if (hit) return hit;
  // pocketsphinx fillers: SIL, +NSN+, +SPN+, +BREATH+, +NOISE+ …
  if (key.startsWith('+') || key.startsWith('<') || key === 'sp' || key === 'spn') return 'X';
  return 'B';
}

function espeakViseme(phone: string): Viseme {
  // Pauses are '_', '_:', '_!' …; an empty name is espeak marking a boundary.
  if (phone === '' || phone.startsWith('_')) return 'X';
  // Strip stress marks, length and nasal marks that do not change the lips.
  const clean = phone.replace(/^['",%=]+/, '').replace(/~/g, '');
  for (const candidate of [clean, clean.replace(/[0-9]+$/, ''), clean.replace(/[0-9#]+$/, ''), clean.slice(0, 2), clean.slice(0, 1)]) {
    const hit = ESPEAK[candidate];
    if (hit) return hit;
  }
  return 'B';
}

/** The mouth shape for one phone symbol in `alphabet`. */
export function phonemeToViseme(phone: string, alphabet: PhoneAlphabet): Viseme {
  return alphabet === 'arpabet' ? arpabetViseme(phone) : espeakViseme(phone);
}
