// The new sound of translated footage: each translated sentence's speech placed at its time in one WAV,
// then muxed under the untouched picture (the video stream is copied, never re-encoded) with the source's
// own sound ducked where its speaker spoke, or dropped. ffmpeg argv come from pure builders.
import { OratorError } from '../../domain/errors.js';
import { redactPaths } from '../../domain/redact-paths.js';
import { runFfmpeg, ToolError } from '../run-program.js';
import { SPEECH_SAMPLE_RATE } from '../speech/speech-engine.js';
import { readWav, writeWav } from '../speech/wav-file.js';

/** The source's sound under the new speech: loud enough to keep a room's tone, too quiet to follow the old words. */
export const DUCKED_GAIN = 0.06;
/** The ducking starts a little before the old speech and ends a little after it. */
const DUCK_MARGIN_SEC = 0.12;

export interface PlacedPiece {
  wavPath: string;
  start: number;
}

/** One mono WAV at the speech rate, `durationSec` long, each piece at its start (later pieces win overlaps). */
export async function assembleDubTrack(pieces: readonly PlacedPiece[], durationSec: number, outWav: string): Promise<void> {
  const total = new Int16Array(Math.max(1, Math.round(durationSec * SPEECH_SAMPLE_RATE)));
  for (const piece of pieces) {
    const audio = await readWav(piece.wavPath);
    if (audio.sampleRate !== SPEECH_SAMPLE_RATE) throw new OratorError('render_failed', `dub piece has ${audio.sampleRate} Hz audio, expected ${SPEECH_SAMPLE_RATE}`);
    const at = Math.max(0, Math.round(piece.start * SPEECH_SAMPLE_RATE));
    total.set(audio.samples.subarray(0, Math.max(0, total.length - at)), at);
  }
  await writeWav(outWav, { sampleRate: SPEECH_SAMPLE_RATE, samples: total });
}

/** ffmpeg's volume expression: DUCKED_GAIN inside any span (widened by the margin), 1 elsewhere. */
export function duckingExpression(spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return '1';
  const terms = spans.map((s) => `between(t,${Math.max(0, s.start - DUCK_MARGIN_SEC).toFixed(3)},${(s.end + DUCK_MARGIN_SEC).toFixed(3)})`);
  return `if(${terms.join('+')},${DUCKED_GAIN},1)`;
}

export interface ReplaceSpeechArgs {
  videoPath: string;
  dubWav: string;
  outPath: string;
  original: 'ducked' | 'dropped';
  speechSpans: readonly { start: number; end: number }[];
  /** Re-encode the picture (H.264) when the source's codec cannot be copied into MP4. */
  reencodeVideo?: boolean;
}

/** argv: picture copied from input 0, sound = the dub (input 1), mixed over the ducked original or alone. */
export function buildReplaceSpeechArgs(a: ReplaceSpeechArgs): string[] {
  const video = a.reencodeVideo ? ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'] : ['-c:v', 'copy'];
  const audioOut = ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '1'];
  const head = ['-hide_banner', '-v', 'error', '-nostdin', '-y', '-i', a.videoPath, '-i', a.dubWav];
  const tail = ['-movflags', '+faststart', '-f', 'mp4', a.outPath];
  if (a.original === 'dropped') return [...head, '-map', '0:v:0', '-map', '1:a:0', ...video, ...audioOut, ...tail];
  // normalize=0: amix would otherwise halve both inputs; the duck already makes room for the new voice.
  const graph =
    `[0:a:0]aresample=48000,aformat=channel_layouts=mono,volume='${duckingExpression(a.speechSpans)}':eval=frame[bg];` +
    '[1:a:0]aresample=48000[dub];[bg][dub]amix=inputs=2:duration=longest:normalize=0[aout]';
  return [...head, '-filter_complex', graph, '-map', '0:v:0', '-map', '[aout]', ...video, ...audioOut, ...tail];
}

/** Replaces the speech; a picture whose codec MP4 cannot carry is re-encoded instead of failing. */
export async function replaceSpeechTrack(a: ReplaceSpeechArgs, signal?: AbortSignal): Promise<void> {
  try {
    await runFfmpeg(buildReplaceSpeechArgs(a), signal ? { signal } : {});
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    if (!a.reencodeVideo) return replaceSpeechTrack({ ...a, reencodeVideo: true }, signal);
    throw new OratorError('render_failed', 'ffmpeg could not put the new speech under the picture', { detail: redactPaths(error.stderrTail), cause: error });
  }
}
