// Fitting translated speech to the source's timing. Each sentence (or scene) is first spoken at normal
// speed; its speed is then set so it lasts as long as the source's (within 0.8–1.25×: faster sounds
// rushed, slower drawls), and it is placed so its first word starts where the source's did. A sentence
// still too long pushes the next one later (the pause after it shrinks first), so two never overlap.

export const SPEED_MIN = 0.8;
export const SPEED_MAX = 1.25;
/** The shortest silence kept between two translated sentences. */
export const SENTENCE_GAP_SEC = 0.08;

/** The speed at which speech lasting `naturalSec` at speed 1 lasts `targetSec`, within the range. */
export function fittedSpeed(naturalSec: number, targetSec: number): number {
  if (!(naturalSec > 0) || !(targetSec > 0)) return 1;
  const speed = naturalSec / targetSec;
  return Math.round(Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed)) * 1000) / 1000;
}

/** One synthesised sentence: its file's length and where its first word starts inside the file. */
export interface SpeechTake {
  durationSec: number;
  /** Seconds of silence the voice puts before the first word. */
  lead: number;
}

/** A stretch of the source video (a render plan's scene, or the whole of a piece of footage). */
export interface SourceSpan {
  start: number;
  end: number;
  /** A span with no speech keeps its length wherever it lands (a silent scene). */
  silent?: boolean;
}

export interface SentenceToPlace {
  span: number;
  /** Where the source sentence's first word starts. */
  sourceStart: number;
  take: SpeechTake;
}

export interface PlacedTake {
  /** The translated sentence's first word. */
  start: number;
  /** Where its file starts and ends on the new timeline. */
  pieceStart: number;
  pieceEnd: number;
}

export interface SpeechSchedule {
  spans: { start: number; end: number }[];
  placed: PlacedTake[];
}

/**
 * Places every sentence (in order) and the spans around them. A span starts where the one before ended
 * (or at its own time, whichever is later) and ends at its own end or after its last sentence.
 */
export function scheduleSpeech(spans: readonly SourceSpan[], sentences: readonly SentenceToPlace[], gap: number = SENTENCE_GAP_SEC): SpeechSchedule {
  const outSpans: { start: number; end: number }[] = [];
  const placed: PlacedTake[] = [];
  let spanEnd = 0;
  let lastPieceEnd = -Infinity;
  let next = 0;
  for (const [i, span] of spans.entries()) {
    const start = i === 0 ? 0 : Math.max(span.start, spanEnd);
    let latest = start;
    for (; next < sentences.length && sentences[next]!.span === i; next++) {
      const s = sentences[next]!;
      const pieceStart = Math.max(start, s.sourceStart - s.take.lead, lastPieceEnd + gap);
      const pieceEnd = pieceStart + s.take.durationSec;
      placed.push({ start: pieceStart + s.take.lead, pieceStart, pieceEnd });
      lastPieceEnd = pieceEnd;
      latest = pieceEnd + gap;
    }
    spanEnd = span.silent ? start + (span.end - span.start) : Math.max(span.end, latest);
    outSpans.push({ start, end: spanEnd });
  }
  return { spans: outSpans, placed };
}
