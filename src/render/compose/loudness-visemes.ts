// For uploaded audio the recogniser's phones say which shape, loudness says how far: quiet frames
// rest, soft frames cannot use the widest shapes. Recognisers miss; loudness never lies about silence.
import type { Viseme } from '../visemes/viseme.js';
import { rmsEnvelope } from '../quality/signal-stats.js';
import { runFfmpeg } from './run-ffmpeg.js';

const ENVELOPE_RATE = 8000;

export function buildEnvelopeArgs(audioPath: string): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-i', audioPath, '-map', '0:a:0', '-ac', '1', '-ar', String(ENVELOPE_RATE), '-f', 's16le', 'pipe:1'];
}

/** RMS loudness per video frame (0–1); the length is the audio's duration in whole frames. */
export async function readWavEnvelope(audioPath: string, fps: number, signal?: AbortSignal): Promise<Float64Array> {
  const { stdout } = await runFfmpeg(buildEnvelopeArgs(audioPath), { captureStdout: true, ...(signal ? { signal } : {}) });
  const pcm = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
  const frames = Math.round((pcm.length / ENVELOPE_RATE) * fps);
  return rmsEnvelope(pcm, ENVELOPE_RATE / fps, frames);
}

/** Shapes ordered by opening, for picking a smaller one when the frame is soft. */
const SOFTER: Partial<Record<Viseme, Viseme>> = { D: 'C', C: 'B', E: 'B', H: 'B', F: 'B' };

export function scaleVisemesByLoudness(frames: readonly Viseme[], envelope: ArrayLike<number>, mouthOpening: (v: Viseme) => number): Viseme[] {
  let peak = 0;
  for (let i = 0; i < envelope.length; i++) peak = Math.max(peak, envelope[i]!);
  if (peak === 0) return frames.map(() => 'X');
  return frames.map((viseme, i) => {
    const level = (envelope[i] ?? 0) / peak;
    if (level < 0.06) return 'X';
    if (viseme === 'X' && level > 0.25) return 'B'; // the recogniser missed speech the audio shows
    let v = viseme;
    // Each step down halves the allowed opening: soft frames get at most a half-open shape.
    while (mouthOpening(v) > Math.max(0.3, level * 1.6) && SOFTER[v]) v = SOFTER[v]!;
    return v;
  });
}
