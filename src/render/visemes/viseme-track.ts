// Phone timings → one mouth shape per video frame. The grid is what the animator consumes; the rules
// here are about what reads as speech on screen: shapes held for at least two frames (one-frame
// flickers look like noise), lip closures kept even when short (a missing P/B/M is the most visible
// lip-sync error) and started a frame early (lips close before the sound), and the rest shape only in
// real pauses, not the tiny gaps between words.
import type { PhoneTiming, Viseme, VisemeTrack } from './viseme.js';

/** Silences shorter than this keep the mouth in a neutral, slightly open shape instead of X. */
export const MIN_REST_SEC = 0.15;

const OPENING: Record<Viseme, number> = { X: 0, A: 0, G: 0.15, B: 0.3, F: 0.35, H: 0.45, E: 0.5, C: 0.7, D: 1 };

/** How far the mouth is open for a shape, 0 (closed/rest) to 1 (wide open); used for quality figures. */
export function mouthOpening(v: Viseme): number {
  return OPENING[v];
}

interface Span {
  viseme: Viseme;
  start: number;
  end: number;
}

/** Phones as spans with silence made explicit; short silences become B, closures move a frame early. */
function prepareSpans(phones: readonly PhoneTiming[], fps: number): Span[] {
  const sorted = [...phones].filter((p) => p.end > p.start).sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let cursor = 0;
  for (const p of sorted) {
    const start = Math.max(p.start, cursor);
    if (start > cursor) spans.push({ viseme: 'X', start: cursor, end: start });
    if (p.end > start) spans.push({ viseme: p.viseme, start, end: p.end });
    cursor = Math.max(cursor, p.end);
  }
  // Merge adjacent silences, then demote the short ones (between words) to a neutral shape.
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && last.viseme === s.viseme && s.viseme === 'X') last.end = s.end;
    else merged.push({ ...s });
  }
  const total = merged.length;
  for (let i = 0; i < total; i++) {
    const s = merged[i]!;
    const inside = i > 0 && i < total - 1;
    if (s.viseme === 'X' && inside && s.end - s.start < MIN_REST_SEC) s.viseme = 'B';
  }
  // Anticipate closures: the lips shut about one frame before the burst of P/B/M is heard.
  const lead = 1 / fps;
  for (let i = 1; i < merged.length; i++) {
    const s = merged[i]!;
    if (s.viseme !== 'A') continue;
    const prev = merged[i - 1]!;
    const shift = Math.min(lead, Math.max(0, (prev.end - prev.start) / 2));
    s.start -= shift;
    prev.end -= shift;
  }
  return merged;
}

/** Builds the per-frame mouth track for `durationSec` of audio at `fps`. */
export function buildVisemeTrack(phones: readonly PhoneTiming[], durationSec: number, fps: number): VisemeTrack {
  const frameCount = Math.max(0, Math.ceil(durationSec * fps - 1e-9));
  const frames: Viseme[] = new Array<Viseme>(frameCount).fill('X');
  const best = new Float64Array(frameCount);
  const spans = prepareSpans(phones, fps);

  // Each frame takes the span that covers most of it.
  for (const s of spans) {
    const first = Math.max(0, Math.floor(s.start * fps));
    const last = Math.min(frameCount - 1, Math.ceil(s.end * fps) - 1);
    for (let f = first; f <= last; f++) {
      const overlap = Math.min(s.end, (f + 1) / fps) - Math.max(s.start, f / fps);
      if (overlap > best[f]!) {
        best[f] = overlap;
        frames[f] = s.viseme;
      }
    }
  }
  // A closure shorter than a frame may have lost every frame: give it the frame it overlaps most.
  for (const s of spans) {
    if (s.viseme !== 'A') continue;
    const first = Math.max(0, Math.floor(s.start * fps));
    const last = Math.min(frameCount - 1, Math.ceil(s.end * fps) - 1);
    let hasFrame = false;
    let bestFrame = -1;
    let bestOverlap = 0;
    for (let f = first; f <= last; f++) {
      if (frames[f] === 'A') hasFrame = true;
      const overlap = Math.min(s.end, (f + 1) / fps) - Math.max(s.start, f / fps);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        bestFrame = f;
      }
    }
    if (!hasFrame && bestFrame >= 0) frames[bestFrame] = 'A';
  }
  smoothFrames(frames);
  return { fps, frames };
}

/** Removes one-frame shapes (closures excepted) by extending a neighbour over them. */
export function smoothFrames(frames: Viseme[]): void {
  // Replacing one run can leave its neighbour a one-frame run; a few passes settle it.
  for (let pass = 0; pass < 4; pass++) {
    if (!smoothPass(frames)) return;
  }
}

function smoothPass(frames: Viseme[]): boolean {
  let changed = false;
  let i = 0;
  while (i < frames.length) {
    let j = i;
    while (j + 1 < frames.length && frames[j + 1] === frames[i]) j++;
    const length = j - i + 1;
    const v = frames[i]!;
    if (length < 2 && v !== 'A' && frames.length > 1) {
      const prev = i > 0 ? frames[i - 1]! : undefined;
      const next = j + 1 < frames.length ? frames[j + 1]! : undefined;
      // Prefer the neighbour that is not a closure (closures stay short) and not rest.
      const pick = prev !== undefined && prev !== 'A' && prev !== 'X' ? prev : next !== undefined && next !== 'A' ? next : (prev ?? next)!;
      if (pick !== v) {
        frames[i] = pick;
        changed = true;
      }
    }
    i = j + 1;
  }
  return changed;
}
