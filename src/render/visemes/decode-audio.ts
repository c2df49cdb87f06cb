// Uploaded audio (MP3, WAV, M4A, OGG …) → 16 kHz mono 16-bit WAV, the one format pocketsphinx and the
// loudness envelope read. ffprobe decides what the file is first, so users get the right HeyGen error:
// not audio we take → invalid_audio_format, unreadable → video_file_corrupted, silent-by-length →
// empty_audio_stream.
import { basename } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import { redactPaths } from '../../domain/redact-paths.js';
import { runProgram } from '../run-program.js';
import { buildResampleArgs } from '../speech/resample-wav.js';
import { readWav } from '../speech/wav-file.js';
import { buildProbeArgs } from '../media/probe-media.js';

/** pocketsphinx's en-us model is trained on 16 kHz audio. */
export const RECOGNITION_SAMPLE_RATE = 16000;

/** Container names (ffprobe's format_name parts) we accept as audio uploads. */
const ACCEPTED_FORMATS = new Set(['mp3', 'wav', 'mp4', 'm4a', 'mov', 'ogg', 'flac', 'webm', 'matroska', 'aac', 'opus', 'aiff', 'caf']);

export function buildDecodeArgs(inputPath: string, outWavPath: string, sampleRate: number = RECOGNITION_SAMPLE_RATE): string[] {
  // -xerror is deliberately absent: a damaged tail should still give us the audio before it.
  return buildResampleArgs(inputPath, outWavPath, sampleRate);
}

interface ProbeResult {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; codec_name?: string }[];
}

export interface DecodedAudio {
  wavPath: string;
  durationSec: number;
  sampleRate: number;
}

/** ffmpeg's last complaint without the file it names (the message names it) or any directories. */
function lastLine(stderr: string, inputPath: string): string {
  const line = stderr.trim().split('\n').pop() || 'unknown error';
  return redactPaths(line.startsWith(`${inputPath}: `) ? line.slice(inputPath.length + 2) : line);
}

/** Decodes `inputPath` to a mono WAV at `sampleRate` (16 kHz by default); throws OratorError. */
export async function decodeAudio(inputPath: string, outWavPath: string, sampleRate: number = RECOGNITION_SAMPLE_RATE): Promise<DecodedAudio> {
  const name = basename(inputPath);
  const probe = await runProgram('ffprobe', buildProbeArgs(inputPath));
  if (probe.code !== 0) {
    throw new OratorError('video_file_corrupted', `Audio file ${name} could not be read: ${lastLine(probe.stderr, inputPath)}`, { param: 'audio_url' });
  }
  let info: ProbeResult;
  try {
    info = JSON.parse(probe.stdout) as ProbeResult;
  } catch {
    throw new OratorError('video_file_corrupted', `Audio file ${name} could not be read`, { param: 'audio_url' });
  }
  const formats = (info.format?.format_name ?? '').split(',');
  if (!formats.some((f) => ACCEPTED_FORMATS.has(f))) {
    throw new OratorError('invalid_audio_format', `Unsupported audio format (${info.format?.format_name ?? 'unknown'}) in ${name}; use MP3, WAV, M4A or OGG`, { param: 'audio_url' });
  }
  if (!(info.streams ?? []).some((s) => s.codec_type === 'audio')) {
    throw new OratorError('invalid_audio_format', `File ${name} has no audio stream`, { param: 'audio_url' });
  }
  const decode = await runProgram('ffmpeg', buildDecodeArgs(inputPath, outWavPath, sampleRate));
  if (decode.code !== 0) {
    throw new OratorError('video_file_corrupted', `Audio file ${name} could not be decoded: ${lastLine(decode.stderr, inputPath)}`, { param: 'audio_url' });
  }
  let samples: number;
  try {
    samples = (await readWav(outWavPath)).samples.length;
  } catch (err) {
    throw new OratorError('video_file_corrupted', `Audio file ${name} could not be decoded`, { param: 'audio_url', cause: err });
  }
  if (samples === 0) throw new OratorError('empty_audio_stream', `Audio stream in ${name} is empty`, { param: 'audio_url' });
  return { wavPath: outWavPath, durationSec: samples / sampleRate, sampleRate };
}
