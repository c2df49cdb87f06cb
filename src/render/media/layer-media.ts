// Template layers' media as the sound and length rules need them (issue #12): a clip or a music file,
// probed with failures that name the layer, and its sound decoded to a plain WAV at the output rate,
// cut to the part that is heard.
import { stat } from 'node:fs/promises';
import { isOratorError, OratorError } from '../../domain/errors.js';
import type { MediaFetcher, MediaSource } from '../../domain/render-plan.js';
import { redactPaths } from '../../domain/redact-paths.js';
import { runFfmpeg, ToolError } from '../run-program.js';
import { describeSource, localMediaOnce } from './local-media.js';
import { probeMedia, type MediaProbe } from './probe-media.js';

/** Where a layer is in the plan (`scenes[1].audio_layers[0]`) and what its media is called by the client. */
export interface LayerRef {
  param: string;
  source: MediaSource;
}

/** The bytes of a 16-bit mono WAV written with `-fflags +bitexact -map_metadata -1`: a plain 44-byte header. */
const WAV_HEADER_BYTES = 44;

/** What fetching a layer's media needs from the render: its shared copies, work dir and fetcher. */
export interface LayerFetch {
  localCopies: Map<string, Promise<string>>;
  workDir: string;
  options: { fetcher: MediaFetcher; signal?: AbortSignal };
}

/**
 * The same local copy every stage uses (one download per source per render); a failure names the
 * layer, keeping its kind (and whether a retry may help). The download is named after the layer
 * unless `name` is given, which must then be unique to the source too.
 */
export async function layerLocalCopy(render: LayerFetch, ref: LayerRef, name: string = layerFileName(ref)): Promise<string> {
  try {
    return await localMediaOnce(render.localCopies, ref.source, render.workDir, name, render.options);
  } catch (error) {
    if (isOratorError(error) && error.param === undefined) {
      throw new OratorError(error.kind, `${ref.param}: ${error.message}`, {
        param: ref.param, cause: error, transient: error.transient,
        ...(error.detail !== undefined ? { detail: error.detail } : {}), ...(error.retryAfterSec !== undefined ? { retryAfterSec: error.retryAfterSec } : {}),
      });
    }
    throw error;
  }
}

/** A work-dir file name unique to the layer (`scenes[1].audio_layers[0]` → `scenes-1-audio_layers-0`). */
export function layerFileName(ref: LayerRef): string {
  return ref.param.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '');
}

export async function probeLayerMedia(path: string, ref: LayerRef, signal?: AbortSignal): Promise<MediaProbe> {
  try {
    return await probeMedia(path, signal);
  } catch (error) {
    if (error instanceof ToolError) {
      throw new OratorError('video_file_corrupted', `${ref.param}: ${describeSource(ref.source)} is corrupted or unreadable`, { param: ref.param, cause: error });
    }
    throw error;
  }
}

/** Seconds of a clip that `trim` plays: from `start` to `end` (or the clip's end). */
export function trimmedLength(durationSec: number, trim: { start: number; end?: number }): number {
  const end = Math.min(durationSec, trim.end ?? durationSec);
  return Math.max(0, end - trim.start);
}

/** A clip's played length, refusing a trim that leaves nothing to play. */
export function clipPlayLength(probe: MediaProbe, trim: { start: number; end?: number }, ref: LayerRef): number {
  const seconds = trimmedLength(probe.durationSec, trim);
  if (seconds <= 0) {
    const asked = trim.end !== undefined ? `${trim.start}–${trim.end} s` : `from ${trim.start} s`;
    throw new OratorError('invalid_parameter', `${ref.param}: trim ${asked} leaves nothing of ${describeSource(ref.source)}, which lasts ${probe.durationSec} s`, { param: ref.param });
  }
  return seconds;
}

/**
 * What part of a layer's sound is heard: `seconds` from `fromSec` (to its end when absent); `padded`
 * fills a sound shorter than `seconds` with silence (a clip whose sound stops before its picture).
 */
export interface AudioCut {
  fromSec: number;
  seconds?: number;
  padded?: boolean;
}

/** ffmpeg argv: the cut of `input`'s first sound stream → 16-bit mono WAV at `sampleRate`. */
export function buildLayerAudioArgs(input: string, output: string, cut: AudioCut, sampleRate: number): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    ...(cut.fromSec > 0 ? ['-ss', String(cut.fromSec)] : []),
    '-i', input,
    ...(cut.seconds !== undefined ? ['-t', String(cut.seconds)] : []),
    '-map', '0:a:0', '-vn', ...(cut.padded && cut.seconds !== undefined ? ['-af', 'apad'] : []), '-ac', '1', '-ar', String(sampleRate),
    '-c:a', 'pcm_s16le', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact',
    '-f', 'wav', output,
  ];
}

/** Decodes the heard part of a layer's sound; resolves with how many seconds came out (0: none). */
export async function decodeLayerAudio(
  input: string, output: string, cut: AudioCut, sampleRate: number, ref: LayerRef, signal?: AbortSignal,
): Promise<number> {
  try {
    await runFfmpeg(buildLayerAudioArgs(input, output, cut, sampleRate), signal ? { signal } : {});
  } catch (error) {
    if (error instanceof ToolError) {
      throw new OratorError('invalid_audio_format', `${ref.param}: the sound of ${describeSource(ref.source)} could not be decoded`, { param: ref.param, detail: redactPaths(error.stderrTail), cause: error });
    }
    throw error;
  }
  const { size } = await stat(output);
  return Math.max(0, size - WAV_HEADER_BYTES) / 2 / sampleRate;
}
