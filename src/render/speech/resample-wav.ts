// Engines write 8, 16, 22.05 or 32 kHz; everything downstream expects one rate, so each engine's
// output goes through ffmpeg once (cheap next to synthesis).
import { rename, rm } from 'node:fs/promises';
import { SPEECH_SAMPLE_RATE } from './speech-engine.js';
import { readWav } from './wav-file.js';
import { runProgramOk } from '../run-program.js';

/** ffmpeg argv: any audio in, 16-bit mono PCM WAV at `sampleRate` out, plain 44-byte header. */
export function buildResampleArgs(inputPath: string, outputPath: string, sampleRate: number = SPEECH_SAMPLE_RATE): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-i', inputPath,
    '-vn', '-ac', '1', '-ar', String(sampleRate),
    '-c:a', 'pcm_s16le', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact',
    '-f', 'wav', outputPath,
  ];
}

/** Makes `inputPath` a SPEECH_SAMPLE_RATE mono WAV at `outputPath` (a rename when it already is one). */
export async function resampleWav(inputPath: string, outputPath: string, sampleRate: number = SPEECH_SAMPLE_RATE): Promise<void> {
  const audio = await readWav(inputPath).catch(() => null);
  if (audio && audio.sampleRate === sampleRate) {
    if (inputPath !== outputPath) await rename(inputPath, outputPath);
    return;
  }
  // ffmpeg cannot write over its own input: go through a sibling file.
  const target = inputPath === outputPath ? `${outputPath}.resampled.wav` : outputPath;
  try {
    await runProgramOk('ffmpeg', buildResampleArgs(inputPath, target, sampleRate));
    if (target !== outputPath) await rename(target, outputPath);
  } finally {
    if (target !== outputPath) await rm(target, { force: true });
  }
}
