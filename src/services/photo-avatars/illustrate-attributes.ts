// POST /v2/photo_avatar/photo/generate without an image model: HeyGen's attributes (age, gender,
// ethnicity, orientation, pose, style, appearance) become illustrated presenters drawn by the stock
// avatar artwork. Skin tone from the ethnicity, hair, outfit, glasses, beard and backdrop from words in
// `appearance`, age cues from `age`; variants differ where the request leaves room. Pure and seeded by
// the request, so the same request draws the same pictures.
import { createHash } from 'node:crypto';
import type { IllustratedHairStyle, IllustratedLook, IllustratedOutfit, IllustratedPortrait, PortraitOrientation, PortraitPose } from '../../domain/illustrated-portrait.js';
import type { PortraitTone } from '../ports.js';

export interface PhotoAttributes {
  name: string;
  age: string;
  gender: string;
  ethnicity: string;
  orientation: string;
  pose: string;
  style: string;
  appearance: string;
}

/** HeyGen's enums (the values its docs and SDKs list); anything else is refused by the route schema. */
export const AGES = ['Young Adult', 'Early Middle Age', 'Late Middle Age', 'Senior', 'Unspecified'] as const;
export const GENDERS = ['Woman', 'Man', 'Unspecified'] as const;
export const ETHNICITIES = ['White', 'Black', 'Asian American', 'East Asian', 'South East Asian', 'South Asian', 'Middle Eastern', 'Pacific', 'Hispanic', 'Unspecified'] as const;
export const ORIENTATIONS = ['square', 'horizontal', 'vertical'] as const;
export const POSES = ['half_body', 'close_up', 'full_body'] as const;
export const STYLES = ['Realistic', 'Pixar', 'Cinematic', 'Vintage', 'Noir', 'Cyberpunk', 'Unspecified'] as const;

/** How many pictures one generation draws (HeyGen answers several to choose from). */
export const VARIANTS = 4;

const SKIN: Record<string, string[]> = {
  White: ['#f1c7a8', '#eab99a', '#efc2a4', '#e3b08e'],
  Black: ['#7a4a32', '#5a3424', '#8d5a3b', '#6b4029'],
  'Asian American': ['#f0cba8', '#e6b991', '#f1c9a5'],
  'East Asian': ['#f1c9a5', '#ebbf98', '#e4b48c'],
  'South East Asian': ['#c99a72', '#b98862', '#d3a57c'],
  'South Asian': ['#b57b55', '#9a6646', '#c18a62'],
  'Middle Eastern': ['#d9a27c', '#c8956c', '#b8865f'],
  Pacific: ['#a8744e', '#95643f', '#b07a55'],
  Hispanic: ['#d3a07a', '#c89074', '#e0b08a'],
};
const DARK_HAIR = ['#1c1716', '#231612', '#2a1d18'];
const HAIR_WORDS: [RegExp, string][] = [
  [/\b(blond|blonde|golden)\b/, '#c9a36a'],
  [/\b(red|ginger|auburn|copper)[- ]?hair/, '#9a4a2a'],
  [/\b(grey|gray|silver|white)[- ]?hair(ed)?\b/, '#c9c6c2'],
  [/\bbrown[- ]?hair(ed)?\b|\bbrunette\b/, '#5a3d2b'],
  [/\bblack[- ]?hair(ed)?\b/, '#1c1716'],
];
const COLOURS: Record<string, string> = {
  navy: '#27344f', blue: '#3f6fa8', teal: '#2f7f86', green: '#4f7a55', olive: '#6b6b3a', red: '#a83a3a', burgundy: '#7a2f3a',
  maroon: '#6a2a30', pink: '#d890a4', purple: '#6a4f8f', yellow: '#d8b340', orange: '#d07a3a', mustard: '#c98b2b', beige: '#d9c7a8',
  cream: '#efe6d4', white: '#f2f4f7', grey: '#7d8085', gray: '#7d8085', charcoal: '#3a3c40', black: '#2b2b30', brown: '#6b4a33', tan: '#b08a60',
};
const OUTFIT_WORDS: [RegExp, IllustratedOutfit][] = [
  [/\b(suit|blazer|jacket|business|formal|office|corporate|professional)\b/, 'blazer'],
  [/\bturtle ?neck\b/, 'turtleneck'],
  [/\bcardigan\b/, 'cardigan'],
  [/\b(sweater|jumper|hoodie|knit)\b/, 'sweater'],
  [/\bblouse\b/, 'blouse'],
  [/\b(shirt|t-shirt|tee|casual|button)\b/, 'shirt'],
];
const HAIR_STYLE_WORDS: [RegExp, IllustratedHairStyle][] = [
  [/\b(bald|shaved head|buzz ?cut|buzzed)\b/, 'buzz'],
  [/\b(curly|curls|afro|coily)\b/, 'curly_puff'],
  [/\b(bun|updo|tied back|ponytail)\b/, 'bun'],
  [/\bbob\b/, 'bob'],
  [/\blong[- ]hair(ed)?\b|\blong (straight |wavy )?hair\b/, 'long_straight'],
  [/\bshort[- ]hair(ed)?\b|\bcrop(ped)?\b/, 'crop'],
  [/\bside part\b|\bparted\b/, 'side_part'],
];
const BACKDROP_WORDS: [RegExp, { top: string; bottom: string }][] = [
  [/\b(office|workplace|desk)\b/, { top: '#dfe6ee', bottom: '#b9c6d4' }],
  [/\b(city|street|urban|downtown)\b/, { top: '#c9ccd3', bottom: '#8b919c' }],
  [/\b(park|garden|forest|outdoors?|nature)\b/, { top: '#cfe3c4', bottom: '#8fb37f' }],
  [/\b(beach|sea|ocean|coast)\b/, { top: '#cfe8f3', bottom: '#e9d9b5' }],
  [/\b(studio|plain|white background)\b/, { top: '#f4f4f2', bottom: '#dcdcd8' }],
  [/\b(night|neon|dark)\b/, { top: '#2c2f45', bottom: '#141522' }],
];
const STYLE_BACKDROPS: Record<string, { top: string; bottom: string }[]> = {
  Cyberpunk: [{ top: '#3a1f5c', bottom: '#0f2c4a' }],
  Noir: [{ top: '#5a5a5a', bottom: '#1e1e1e' }],
  Vintage: [{ top: '#e8d8b8', bottom: '#c2a77f' }],
};
const DEFAULT_BACKDROPS = [
  { top: '#e7edf3', bottom: '#c4d0dc' },
  { top: '#f3e6d8', bottom: '#d9c2a7' },
  { top: '#e3efe8', bottom: '#b9d1c3' },
  { top: '#ece6f2', bottom: '#cbbfd9' },
];

/** How each style tones the drawing afterwards (editPortrait). */
export const STYLE_TONE: Record<string, PortraitTone> = {
  Realistic: 'natural', Pixar: 'vivid', Cinematic: 'warm', Vintage: 'vintage', Noir: 'mono', Cyberpunk: 'cool', Unspecified: 'natural',
};

type Pick = <T>(options: readonly T[]) => T;

function picker(seed: Buffer): Pick {
  let i = 0;
  return (options) => options[seed[i++ % seed.length]! % options.length]!;
}

function hexMix(a: string, b: string, t: number): string {
  const ch = (h: string, k: number) => parseInt(h.slice(1 + 2 * k, 3 + 2 * k), 16);
  const parts = [0, 1, 2].map((k) => Math.round(ch(a, k) * (1 - t) + ch(b, k) * t).toString(16).padStart(2, '0'));
  return `#${parts.join('')}`;
}

const firstMatch = <T>(text: string, table: [RegExp, T][]): T | undefined => table.find(([re]) => re.test(text))?.[1];

function colourNear(text: string, noun: RegExp): string | undefined {
  const m = new RegExp(`\\b(${Object.keys(COLOURS).join('|')})\\s+(?:\\w+\\s+)?${noun.source}`).exec(text);
  return m ? COLOURS[m[1]!] : undefined;
}

function ageOf(age: string, pick: Pick): IllustratedLook['age'] {
  if (age === 'Young Adult') return 'young';
  if (age === 'Early Middle Age' || age === 'Late Middle Age') return 'middle';
  if (age === 'Senior') return 'older';
  return pick(['young', 'middle', 'older'] as const);
}

function hairOf(text: string, gender: 'male' | 'female', age: IllustratedLook['age'], late: boolean, pick: Pick): IllustratedLook['hair'] {
  const greying = age === 'older' || (late && pick([true, false]));
  const colour = firstMatch(text, HAIR_WORDS) ?? (greying ? pick(['#c9c6c2', '#d4d2cf', '#a9a5a0']) : pick([...DARK_HAIR, '#5a3d2b', '#8a5a35']));
  const styles: IllustratedHairStyle[] = gender === 'female' ? ['long_straight', 'bob', 'bun', 'curly_puff'] : age === 'older' ? ['receding', 'side_part', 'crop'] : ['side_part', 'crop', 'buzz'];
  return { style: firstMatch(text, HAIR_STYLE_WORDS) ?? pick(styles), colour };
}

function outfitOf(text: string, gender: 'male' | 'female', pick: Pick): IllustratedLook['outfit'] {
  const kinds: IllustratedOutfit[] = gender === 'female' ? ['blazer', 'blouse', 'cardigan', 'sweater', 'turtleneck'] : ['blazer', 'shirt', 'sweater', 'turtleneck'];
  const kind = firstMatch(text, OUTFIT_WORDS) ?? pick(kinds);
  const named = colourNear(text, /(suit|blazer|jacket|shirt|sweater|jumper|blouse|cardigan|turtle ?neck|top|dress|outfit)/);
  const colour = named ?? pick(['#27344f', '#3f6fa8', '#2f7f86', '#7a2f3a', '#4f7a55', '#c98b2b', '#2b2b30', '#8fb8a8']);
  return { kind, colour, inner: pick(['#fbf7f0', '#eef3f8', '#f3ede4']), ...(kind === 'blazer' || kind === 'cardigan' ? { accent: '#f2f2f2' } : {}) };
}

function lookOf(a: PhotoAttributes, pick: Pick): IllustratedLook {
  const text = a.appearance.toLowerCase();
  const gender = a.gender === 'Woman' ? 'female' : a.gender === 'Man' ? 'male' : pick(['female', 'male'] as const);
  const age = ageOf(a.age, pick);
  const skin = pick(SKIN[a.ethnicity] ?? Object.values(SKIN).flat());
  const hair = hairOf(text, gender, age, a.age === 'Late Middle Age', pick);
  const hijab = /\b(hijab|headscarf|head scarf)\b/.test(text);
  const beard = gender === 'male' && /\bbeard(ed)?\b/.test(text);
  const stubble = gender === 'male' && /\b(stubble|unshaven)\b/.test(text);
  const iris = ['White', 'Unspecified'].includes(a.ethnicity) ? pick(['#4a6a8a', '#5d7f6e', '#4a3020']) : pick(['#3b2417', '#2e1f18', '#4a3020']);
  const outfit = outfitOf(text, gender, pick);
  return {
    gender,
    age,
    skin,
    lips: hexMix(skin, gender === 'female' ? '#b0404a' : '#8a4038', 0.35),
    iris,
    hair: hijab ? { style: 'none', colour: hair.colour } : hair,
    brows: { colour: hexMix(hair.colour, '#1a1210', 0.35), thickness: gender === 'female' ? 7 : 9 },
    ...(beard || stubble ? { facialHair: { style: beard ? 'beard' : 'stubble', colour: hair.colour } } : {}),
    ...(/\b(glasses|spectacles|eyeglasses)\b/.test(text) ? { glasses: { colour: '#3a2e2a' } } : {}),
    ...(hijab ? { headCovering: { kind: 'hijab', colour: outfit.colour, underband: hexMix(outfit.colour, '#000000', 0.35) } } : {}),
    outfit,
    backdrop: hexMix(outfit.colour, '#ffffff', 0.7),
    face: gender === 'female' ? { width: pick([138, 140, 142, 144]), jaw: pick([88, 90, 94]) } : { width: pick([146, 148, 150]), jaw: pick([100, 102, 104, 106]) },
  };
}

const inEnum = <T extends string>(values: readonly T[], v: string, fallback: T): T => ((values as readonly string[]).includes(v) ? (v as T) : fallback);

/** The drawings one generation makes, in order. */
export function illustrateAttributes(a: PhotoAttributes, count = VARIANTS): IllustratedPortrait[] {
  const text = a.appearance.toLowerCase();
  const orientation = inEnum<PortraitOrientation>(ORIENTATIONS, a.orientation, 'square');
  const pose = inEnum<PortraitPose>(POSES, a.pose, 'half_body');
  return Array.from({ length: count }, (_, i) => {
    const pick = picker(createHash('sha256').update(JSON.stringify([a.age, a.gender, a.ethnicity, a.style, a.appearance, i])).digest());
    const background = firstMatch(text, BACKDROP_WORDS) ?? pick(STYLE_BACKDROPS[a.style] ?? DEFAULT_BACKDROPS);
    return { look: lookOf(a, pick), orientation, pose, background };
  });
}

/** Pixel size of a drawn picture per orientation (long side 1024, enough for 1080p framing). */
export function illustrationSize(orientation: PortraitOrientation): { width: number; height: number } {
  if (orientation === 'horizontal') return { width: 1024, height: 576 };
  if (orientation === 'vertical') return { width: 768, height: 1024 };
  return { width: 1024, height: 1024 };
}
