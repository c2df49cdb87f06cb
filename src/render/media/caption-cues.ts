// Captions from word timings: words grouped into cues short enough to read (≤ ~42 characters, ≤ 3 s,
// broken at sentence ends and long pauses), written as SRT and WebVTT.
import type { WordTiming } from '../../domain/render-plan.js';

export interface CaptionCue {
  start: number;
  end: number;
  text: string;
}

export interface CueLimits {
  maxChars: number;
  maxDurationSec: number;
  /** A pause this long between words starts a new cue. */
  breakPauseSec: number;
}

const DEFAULT_LIMITS: CueLimits = { maxChars: 42, maxDurationSec: 3, breakPauseSec: 0.6 };

export function buildCaptionCues(words: readonly WordTiming[], limits: Partial<CueLimits> = {}): CaptionCue[] {
  const { maxChars, maxDurationSec, breakPauseSec } = { ...DEFAULT_LIMITS, ...limits };
  const cues: CaptionCue[] = [];
  let current: { start: number; end: number; words: string[] } | null = null;
  for (const word of words) {
    const text = word.word.trim();
    if (!text) continue;
    if (current) {
      const joined = current.words.join(' ').length + 1 + text.length;
      const previous = current.words[current.words.length - 1] ?? '';
      const sentenceEnded = /[.!?…]["')\]]?$/.test(previous);
      if (joined > maxChars || word.end - current.start > maxDurationSec || word.start - current.end >= breakPauseSec || sentenceEnded) {
        cues.push({ start: current.start, end: current.end, text: current.words.join(' ') });
        current = null;
      }
    }
    if (!current) current = { start: word.start, end: word.end, words: [text] };
    else {
      current.words.push(text);
      current.end = word.end;
    }
  }
  if (current) cues.push({ start: current.start, end: current.end, text: current.words.join(' ') });
  return cues;
}

export function formatSrt(cues: readonly CaptionCue[]): string {
  return cues.map((cue, i) => `${i + 1}\n${formatTimestamp(cue.start, ',')} --> ${formatTimestamp(cue.end, ',')}\n${cue.text}\n`).join('\n');
}

export function formatWebVtt(cues: readonly CaptionCue[]): string {
  const body = cues.map((cue) => `${formatTimestamp(cue.start, '.')} --> ${formatTimestamp(cue.end, '.')}\n${escapeVtt(cue.text)}\n`).join('\n');
  return `WEBVTT\n\n${body}`;
}

/** `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT). */
export function formatTimestamp(seconds: number, separator: ',' | '.'): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const totalSec = Math.floor(totalMs / 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(Math.floor(totalSec / 3600))}:${pad(Math.floor(totalSec / 60) % 60)}:${pad(totalSec % 60)}${separator}${pad(ms, 3)}`;
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
