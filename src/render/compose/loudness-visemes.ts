// Phones say which shape, loudness says how far: quiet frames rest, soft frames cannot use the widest
// shapes. Applied to uploaded audio (recognisers miss; loudness never lies about silence) and to TTS
// too: on the stock voices it lifts the mouth/loudness correlation from ~0.2–0.45 to ~0.6, because
// the viseme track keeps a half-open mouth through the short pauses between words.
import type { Viseme } from '../visemes/viseme.js';
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
  return rmsEnvelope(samples, sampleRate / fps, frames);
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
