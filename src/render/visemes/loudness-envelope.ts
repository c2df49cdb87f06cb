// The loudness envelope of speech: the cheapest mouth signal there is, and the referee for what a
// recogniser says (a phone heard in a quiet stretch is a recognition error, so the mouth rests).
import type { PcmAudio } from '../speech/wav-file.js';
import type { PhoneTiming, Viseme } from './viseme.js';

/** Analysis hop: 10 ms, pocketsphinx's frame rate. */
export const ENVELOPE_HOP_SEC = 0.01;

/** RMS level (0..1 of full scale) of each 10 ms window. */
export function loudnessEnvelope(audio: PcmAudio, hopSec: number = ENVELOPE_HOP_SEC): Float64Array {
  const hop = Math.max(1, Math.round(audio.sampleRate * hopSec));
  const frames = Math.ceil(audio.samples.length / hop);
  const env = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const end = Math.min(audio.samples.length, (f + 1) * hop);
    for (let i = f * hop; i < end; i++) {
      const s = audio.samples[i]! / 32768;
      sum += s * s;
    }
    env[f] = Math.sqrt(sum / Math.max(1, end - f * hop));
  }
  return env;
}

function percentile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

export interface LoudnessGateOptions {
  /** A window quieter than this fraction of the loud level (95th percentile) is silence. */
  quietRatio?: number;
  /** Absolute floor (RMS) under which nothing counts as speech, whatever the recording level. */
  floor?: number;
}

/**
 * Re-times phones on the 10 ms envelope grid: quiet windows become X (rest), and a loud window the
 * recogniser called silence gets B, so the mouth moves whenever something is clearly being said.
 */
export function gatePhonesByLoudness(phones: readonly PhoneTiming[], envelope: Float64Array, options: LoudnessGateOptions = {}): PhoneTiming[] {
  const loud = percentile(envelope, 0.95);
  const quiet = Math.max(options.floor ?? 0.004, loud * (options.quietRatio ?? 0.08));
  const grid: { phone: string; viseme: Viseme }[] = [];
  for (let f = 0; f < envelope.length; f++) grid.push({ phone: 'sil', viseme: 'X' });
  for (const p of phones) {
    const first = Math.max(0, Math.round(p.start / ENVELOPE_HOP_SEC));
    const last = Math.min(envelope.length, Math.round(p.end / ENVELOPE_HOP_SEC));
    for (let f = first; f < last; f++) grid[f] = { phone: p.phone, viseme: p.viseme };
  }
  for (let f = 0; f < grid.length; f++) {
    const level = envelope[f]!;
    if (level < quiet) grid[f] = { phone: 'sil', viseme: 'X' };
    else if (grid[f]!.viseme === 'X' && level > loud * 0.5) grid[f] = { phone: 'loud', viseme: 'B' };
  }
  const out: PhoneTiming[] = [];
  for (let f = 0; f < grid.length; f++) {
    const g = grid[f]!;
    const prev = out[out.length - 1];
    if (prev && prev.phone === g.phone && prev.viseme === g.viseme && Math.abs(prev.end - f * ENVELOPE_HOP_SEC) < 1e-9) prev.end = (f + 1) * ENVELOPE_HOP_SEC;
    else out.push({ phone: g.phone, viseme: g.viseme, start: f * ENVELOPE_HOP_SEC, end: (f + 1) * ENVELOPE_HOP_SEC });
  }
  return out;
}
