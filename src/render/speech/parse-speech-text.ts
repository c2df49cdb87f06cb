// HeyGen accepts plain text with a little SSML; we honour <break> (as real pauses between separately
// synthesized segments) and drop every other tag, keeping its text.

export type SpeechPiece = { type: 'text'; text: string } | { type: 'pause'; durationSec: number };

/** Pauses longer than this are clamped: a typo like time="100s" must not make a 100-second video. */
export const MAX_PAUSE_SEC = 10;

const STRENGTH_SEC: Record<string, number> = { none: 0, 'x-weak': 0.1, weak: 0.25, medium: 0.5, strong: 0.75, 'x-strong': 1.2 };

function breakDuration(attributes: string): number {
  const time = /\btime\s*=\s*["']?\s*([0-9]*\.?[0-9]+)\s*(ms|s)?\s*["']?/i.exec(attributes);
  if (time) {
    const value = Number(time[1]);
    const sec = (time[2] ?? 's').toLowerCase() === 'ms' ? value / 1000 : value;
    return Math.min(MAX_PAUSE_SEC, Math.max(0, sec));
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
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Splits text at <break/> tags into text and pause pieces; other tags are removed, text kept. */
export function parseSpeechText(input: string): SpeechPiece[] {
  const pieces: SpeechPiece[] = [];
  const pushText = (raw: string): void => {
    const text = decodeEntities(raw.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    if (text) pieces.push({ type: 'text', text });
  };
  const breakTag = /<break\b([^>]*?)\/?>(?:\s*<\/break>)?/gi;
  let last = 0;
  for (let m = breakTag.exec(input); m; m = breakTag.exec(input)) {
    pushText(input.slice(last, m.index));
    const durationSec = breakDuration(m[1] ?? '');
    if (durationSec > 0) {
      const prev = pieces[pieces.length - 1];
      if (prev?.type === 'pause') prev.durationSec = Math.min(MAX_PAUSE_SEC, prev.durationSec + durationSec);
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
