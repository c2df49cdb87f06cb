// Phones say which shape, loudness says how far: quiet frames rest, soft frames cannot use the widest
// shapes. Applied to uploaded audio (recognisers miss; loudness never lies about silence) and to TTS
// too: on the stock voices it lifts the mouth/loudness correlation from ~0.2–0.45 to ~0.6, because
// the viseme track keeps a half-open mouth through the short pauses between words.
import type { Viseme } from './viseme.js';
import { rmsEnvelope } from '../quality/signal-stats.js';
import { readWav } from '../speech/wav-file.js';

/**
 * RMS loudness per video frame (0–1); the length is the audio's duration in whole frames. The audio
 * here is always a 16-bit WAV made by the pipeline (speech, or uploaded audio decoded), so it is read
 * directly rather than through another ffmpeg process.
 */
export async function readWavEnvelope(audioPath: string, fps: number, signal?: AbortSignal): Promise<Float64Array> {
  signal?.throwIfAborted();
  const { samples, sampleRate } = await readWav(audioPath);
  const frames = Math.round((samples.length / sampleRate) * fps);
  return rmsEnvelope(lowPass(samples, sampleRate, VOICED_BAND_HZ), sampleRate / fps, frames);
}

/**
 * Loudness is taken below 4 kHz, as the quality figures hear it (8 kHz audio): the hiss of s, sh and
 * f is loud at full band but barely opens the mouth, and counting it lowers the mouth/loudness
 * correlation by ~0.05 on the stock voices.
 */
const VOICED_BAND_HZ = 4000;

/** Two cascaded RBJ low-pass biquads (Butterworth Q): a 4th-order cut at `cutoffHz`, a few ms a minute. */
export function lowPass(samples: Int16Array, sampleRate: number, cutoffHz: number): Int16Array {
  if (cutoffHz >= sampleRate / 2) return samples;
  const w = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  const b0 = (1 - cos) / 2 / a0;
  const b1 = (1 - cos) / a0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  let out = Float64Array.from(samples);
  for (let stage = 0; stage < 2; stage++) {
    const next = new Float64Array(out.length);
    let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    for (let i = 0; i < out.length; i++) {
      const x = out[i]!;
      const y = b0 * x + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
      next[i] = y;
      x2 = x1; x1 = x; y2 = y1; y1 = y;
    }
    out = next;
  }
  const result = new Int16Array(out.length);
  for (let i = 0; i < out.length; i++) result[i] = Math.max(-32768, Math.min(32767, Math.round(out[i]!)));
  return result;
}

/** Shapes ordered by opening, for picking a smaller one when the frame is soft. */
const SOFTER: Partial<Record<Viseme, Viseme>> = { D: 'C', C: 'B', E: 'B', H: 'B', F: 'B' };

export function scaleVisemesByLoudness(frames: readonly Viseme[], envelope: ArrayLike<number>, mouthOpening: (v: Viseme) => number): Viseme[] {
  let peak = 0;
  for (let i = 0; i < envelope.length; i++) peak = Math.max(peak, envelope[i]!);
  if (peak === 0) return frames.map(() => 'X');
  const scaled = frames.map((viseme, i): Viseme => {
    const level = (envelope[i] ?? 0) / peak;
    if (level < 0.06) return 'X';
    if (viseme === 'X' && level > 0.25) return 'B'; // the recogniser missed speech the audio shows
    let v = viseme;
    // Each step down halves the allowed opening: soft frames get at most a half-open shape.
    while (mouthOpening(v) > Math.max(0.3, level * 1.6) && SOFTER[v]) v = SOFTER[v]!;
    return v;
  });
  // A one-frame silence inside speech is a stop closure (the t in "it is"): closed lips, not rest.
  for (let i = 1; i < scaled.length - 1; i++) {
    if (scaled[i] === 'X' && scaled[i - 1] !== 'X' && scaled[i + 1] !== 'X') scaled[i] = 'A';
  }
  return scaled;
}
