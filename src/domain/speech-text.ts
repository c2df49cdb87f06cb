// What a script means to the speech stage, and what makes one unusable: HeyGen accepts plain text with
// a little SSML; we honour <break> (real pauses between separately synthesised segments) and drop every
// other tag, keeping its text. The same rules run at request time (so a bad script is a 400, not a
// failed render) and in the renderer.
import { OratorError } from './errors.js';

export type SpeechPiece = { type: 'text'; text: string } | { type: 'pause'; durationSec: number };

/** The longest one <break> may ask for (Polly's and most engines' limit); a longer one is refused, not clamped. */
export const MAX_PAUSE_SEC = 10;
/** HeyGen's v3 script limit, in characters (code points). */
export const MAX_SCRIPT_CHARS = 5000;

const STRENGTH_SEC: Record<string, number> = { none: 0, 'x-weak': 0.1, weak: 0.25, medium: 0.5, strong: 0.75, 'x-strong': 1.2 };

/** Seconds a <break>'s attributes ask for (unbounded: checkSpeechText refuses over-long ones). */
function breakDuration(attributes: string): number {
  const time = /\btime\s*=\s*["']?\s*([0-9]*\.?[0-9]+)\s*(ms|s)?\s*["']?/i.exec(attributes);
  if (time) {
    const value = Number(time[1]);
    return (time[2] ?? 's').toLowerCase() === 'ms' ? value / 1000 : value;
  }
  const strength = /\bstrength\s*=\s*["']?([a-z-]+)/i.exec(attributes);
  return STRENGTH_SEC[strength?.[1]?.toLowerCase() ?? 'medium'] ?? 0.5;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => {
      const code = Number(n);
      return code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    })
    .replace(/&amp;/g, '&');
}

const BREAK_TAG = /<break\b([^>]*?)\/?>(?:\s*<\/break>)?/gi;

/** Splits text at <break/> tags into text and pause pieces; other tags are removed, text kept. */
export function parseSpeechText(input: string): SpeechPiece[] {
  const pieces: SpeechPiece[] = [];
  const pushText = (raw: string): void => {
    const text = decodeEntities(raw.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    if (text) pieces.push({ type: 'text', text });
  };
  let last = 0;
  for (const m of input.matchAll(BREAK_TAG)) {
    pushText(input.slice(last, m.index));
    const durationSec = Math.min(MAX_PAUSE_SEC, breakDuration(m[1] ?? ''));
    if (durationSec > 0) {
      const prev = pieces[pieces.length - 1];
      if (prev?.type === 'pause') prev.durationSec += durationSec;
      else pieces.push({ type: 'pause', durationSec });
    }
    last = m.index + m[0].length;
  }
  pushText(input.slice(last));
  return pieces;
}

/** The words a listener hears: the text pieces joined (for length checks and captions). */
export function spokenText(pieces: readonly SpeechPiece[]): string {
  return pieces.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(' ');
}

/** A letter or a digit: something a voice can say (emoji, punctuation and symbols alone are not). */
const SPEAKABLE = /[\p{L}\p{N}]/u;

/**
 * Refuses a script no voice can speak, one over the length limit, or a <break> over the pause limit,
 * with HeyGen's INVALID_TEXT_INPUT and a message that names `field` and says what to change.
 */
export function checkSpeechText(text: string, field: string): void {
  const chars = Array.from(text).length;
  if (chars > MAX_SCRIPT_CHARS) {
    throw new OratorError('text_too_long', `${field} is ${chars} characters long; at most ${MAX_SCRIPT_CHARS} are allowed`, { param: field });
  }
  for (const m of text.matchAll(BREAK_TAG)) {
    const sec = breakDuration(m[1] ?? '');
    if (sec > MAX_PAUSE_SEC) {
      throw new OratorError('invalid_text_input', `${field} has a pause ${m[0]} of ${sec} s; one <break> may last at most ${MAX_PAUSE_SEC} s (use several for a longer silence)`, { param: field });
    }
  }
  if (!parseSpeechText(text).some((p) => p.type === 'text' && SPEAKABLE.test(p.text))) {
    throw new OratorError('invalid_text_input', `${field} has nothing a voice can speak: it needs at least one letter or digit (emoji, symbols and tags alone are not spoken)`, { param: field });
  }
}
