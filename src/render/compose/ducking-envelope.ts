// Ducking (issue #12): music dips while someone speaks. Word times become a few speech spans (pauses
// between words and short breaths stay ducked, so the music does not pump), and the spans become one
// gain expression for ffmpeg's `volume` filter, with short ramps around each span.

export interface TimeSpan {
  start: number;
  end: number;
}

/** Gaps shorter than this between words stay ducked: a breath is not a pause. */
export const DUCKING_HOLD_SEC = 0.5;
/** Fade time into and out of a dip, so the change is heard as a duck and not as a cut. */
export const DUCKING_RAMP_SEC = 0.15;

/** Spans (seconds) where speech is heard: the given ones sorted, with gaps under `holdSec` closed. */
export function mergeSpeechSpans(spans: readonly TimeSpan[], holdSec: number = DUCKING_HOLD_SEC): TimeSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: TimeSpan[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start - last.end < holdSec) last.end = Math.max(last.end, span.end);
    else out.push({ start: span.start, end: span.end });
  }
  return out;
}

/**
 * The gain over time `t` (seconds, the filter's own clock) as a `volume` expression: `volume` outside
 * the spans, `volume × factor` inside them, ramping down over `rampSec` before a span starts (the
 * music is already low when the first word comes) and back up over `rampSec` after it ends. Spans are
 * merged first, so no two ramps overlap and the dips' sum never passes 1.
 */
export function duckingVolumeExpression(spans: readonly TimeSpan[], volume: number, factor: number, rampSec: number = DUCKING_RAMP_SEC): string {
  const merged = mergeSpeechSpans(spans, 2 * rampSec);
  if (merged.length === 0 || factor === 1) return num(volume);
  const r = num(rampSec);
  const dips = merged.map((s) => `clip(min((t${signed(-(s.start - rampSec))})/${r},(${num(s.end + rampSec)}-t)/${r}),0,1)`);
  return `${num(volume)}*(1-${num(1 - factor)}*(${dips.join('+')}))`;
}

function signed(value: number): string {
  return value < 0 ? num(value) : `+${num(value)}`;
}

/** Short decimal text without exponent notation (ffmpeg expressions read `1e-7` fine, people less so). */
function num(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}
