// Lip-sync figures for a talking photo, read as a viewer sees it: sampled frames of the output file are
// cropped around the face, the face mesh tracker reads the inner-lip gap on each (as a fraction of the
// distance between the eyes), and that gap is compared with the loudness of the sound on the same frames.
// Pixel change in a mouth box (measure-lip-sync.ts) cannot tell a mouth that opens from a dark blob
// pasted over a smile; the tracker can.
import type { OutputFormat } from '../../domain/render-plan.js';
import type { PixelBox } from '../avatars/avatar-catalogue.js';
import { alphaDecoderArgs } from '../media/build-preview-args.js';
import { runFfmpeg, type RunToolOptions } from '../run-program.js';
import { buildAudioPcmArgs } from './measure-lip-sync.js';
import { innerLipGap, type MeshPoint } from './lip-gap.js';
import { pearson, rmsEnvelope } from './signal-stats.js';

export interface PhotoLipSyncJob {
  videoPath: string;
  /** Where the voices' loudness is read; the video's own sound when absent. */
  audioPath?: string;
  format: OutputFormat;
  fps: number;
  frameWidth: number;
  frameHeight: number;
  /** The face in frame coordinates with the head at rest (grown here to allow for head motion). */
  faceBox: PixelBox;
  /** Frames where this photo is on screen. */
  startFrame: number;
  frames: number;
  /** At most this many frames are read (evenly spaced); the tracker costs ~60 ms a frame. */
  maxSamples?: number;
}

/** What the tracker read. Openings are inner-lip gaps as fractions of the eye distance. */
export interface PhotoLipSyncFigures {
  /** Pearson correlation of the inner-lip gap with the loudness, over the sampled frames. */
  lipGapCorrelation: number;
  /** Mean opening on frames with speech, and in pauses (silences of 0.3 s or more); null when there are none. */
  speechOpening: number | null;
  pauseOpening: number | null;
  /** speechOpening / pauseOpening (pauses floored at 0.01 so closed lips give a finite figure); null without both. */
  openingRatio: number | null;
  /** Frames read, and those where the tracker found the face. */
  sampledFrames: number;
  trackedFrames: number;
}

/** Detects the face mesh in packed RGB pixels (the engine's own tracker, injected so tests can use it too). */
export type FaceMeshReader = (rgb: Uint8Array, width: number, height: number) => Promise<{ mesh: MeshPoint[] } | null>;

const AUDIO_RATE = 8000;
/** The crop is the face box grown this much on each side: head motion, and context for the detector. */
const CROP_MARGIN = 0.35;
/** The tracker's detector works at 256 px; more only costs decode time. */
const CROP_SIDE = 256;
const PAUSE_MIN_SEC = 0.3;
/** Loudness (share of the loudest frame) below which a frame is silent, and above which it is speech. */
const SILENT_LEVEL = 0.03;
const SPEECH_LEVEL = 0.12;
const PAUSE_FLOOR = 0.01;

/** The face box grown by the margin and clamped to the frame, at even coordinates (chroma grid). */
export function photoFaceCrop(job: Pick<PhotoLipSyncJob, 'faceBox' | 'frameWidth' | 'frameHeight'>): PixelBox {
  const mx = job.faceBox.width * CROP_MARGIN;
  const my = job.faceBox.height * CROP_MARGIN;
  const x = Math.max(0, Math.floor((job.faceBox.x - mx) / 2) * 2);
  const y = Math.max(0, Math.floor((job.faceBox.y - my) / 2) * 2);
  const right = Math.min(job.frameWidth, Math.ceil(job.faceBox.x + job.faceBox.width + mx));
  const bottom = Math.min(job.frameHeight, Math.ceil(job.faceBox.y + job.faceBox.height + my));
  return { x, y, width: Math.max(2, Math.floor((right - x) / 2) * 2), height: Math.max(2, Math.floor((bottom - y) / 2) * 2) };
}

/** Every `step`-th frame of the photo's span, as video frame numbers. */
export function sampledFrameNumbers(startFrame: number, frames: number, maxSamples: number): number[] {
  const step = Math.max(1, Math.ceil(frames / Math.max(1, maxSamples)));
  const out: number[] = [];
  for (let f = startFrame; f < startFrame + frames; f += step) out.push(f);
  return out;
}

/** ffmpeg argv: the sampled frames, cropped around the face and scaled for the tracker, as raw RGB. */
export function buildFaceFramesArgs(job: PhotoLipSyncJob, crop: PixelBox, size: { width: number; height: number }, step: number): string[] {
  const end = job.startFrame + job.frames - 1;
  return [
    '-hide_banner', '-nostdin', '-v', 'error',
    ...alphaDecoderArgs(job.format),
    '-threads', '1',
    '-i', job.videoPath,
    '-map', '0:v:0',
    // `fps` first: a picture held for several frames (variable frame rate) still counts on each frame.
    '-vf', [
      `fps=${job.fps}`,
      `select='between(n\\,${job.startFrame}\\,${end})*not(mod(n-${job.startFrame}\\,${step}))'`,
      `crop=w=${crop.width}:h=${crop.height}:x=${crop.x}:y=${crop.y}:exact=1`,
      `scale=${size.width}:${size.height}:flags=bicubic`,
      'format=rgb24',
    ].join(','),
    '-fps_mode', 'passthrough',
    '-f', 'rawvideo', 'pipe:1',
  ];
}

/** The size a face crop is scaled to for the tracker (its longer side CROP_SIDE, even numbers). */
export function trackerCropSize(crop: PixelBox): { width: number; height: number } {
  const k = CROP_SIDE / Math.max(crop.width, crop.height);
  return { width: Math.max(2, Math.round((crop.width * k) / 2) * 2), height: Math.max(2, Math.round((crop.height * k) / 2) * 2) };
}

export async function measurePhotoLipSync(job: PhotoLipSyncJob, readMesh: FaceMeshReader, options: Pick<RunToolOptions, 'signal' | 'onSpawn'> = {}): Promise<PhotoLipSyncFigures> {
  const crop = photoFaceCrop(job);
  const size = trackerCropSize(crop);
  const numbers = sampledFrameNumbers(job.startFrame, job.frames, job.maxSamples ?? 120);
  const step = numbers.length > 1 ? numbers[1]! - numbers[0]! : 1;
  const [video, audio] = await Promise.all([
    runFfmpeg(buildFaceFramesArgs(job, crop, size, step), { ...options, captureStdout: true }),
    runFfmpeg(buildAudioPcmArgs(job.audioPath ?? job.videoPath), { ...options, captureStdout: true }),
  ]);
  const frameBytes = size.width * size.height * 3;
  const count = Math.min(numbers.length, Math.floor(video.stdout.length / frameBytes));
  const gaps: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    options.signal?.throwIfAborted();
    const face = await readMesh(video.stdout.subarray(i * frameBytes, (i + 1) * frameBytes), size.width, size.height);
    gaps.push(face ? innerLipGap(face.mesh) : null);
  }
  const pcm = new Int16Array(audio.stdout.buffer, audio.stdout.byteOffset, Math.floor(audio.stdout.length / 2));
  const loudness = rmsEnvelope(pcm, AUDIO_RATE / job.fps, job.startFrame + job.frames).subarray(job.startFrame);
  return photoLipSyncFigures(gaps, numbers.slice(0, count).map((f) => f - job.startFrame), loudness, job.fps);
}

/**
 * The figures from per-sample gaps (null where the face was lost) at `offsets` (frames into the span)
 * and the loudness of every frame of the span. Pure, so it is tested on made-up series.
 */
export function photoLipSyncFigures(gaps: readonly (number | null)[], offsets: readonly number[], loudness: ArrayLike<number>, fps: number): PhotoLipSyncFigures {
  let peak = 0;
  for (let i = 0; i < loudness.length; i++) peak = Math.max(peak, loudness[i]!);
  const pause = pauseMask(loudness, peak * SILENT_LEVEL, Math.round(PAUSE_MIN_SEC * fps));
  const g: number[] = [];
  const l: number[] = [];
  const speech: number[] = [];
  const pauses: number[] = [];
  gaps.forEach((gap, i) => {
    if (gap === null) return;
    const f = offsets[i]!;
    const level = loudness[f] ?? 0;
    g.push(gap);
    l.push(level);
    if (peak > 0 && level >= peak * SPEECH_LEVEL) speech.push(gap);
    else if (pause[f]) pauses.push(gap);
  });
  const speechOpening = mean(speech);
  const pauseOpening = mean(pauses);
  return {
    lipGapCorrelation: round3(pearson(g, l)),
    speechOpening: speechOpening === null ? null : round3(speechOpening),
    pauseOpening: pauseOpening === null ? null : round3(pauseOpening),
    openingRatio: speechOpening === null || pauseOpening === null ? null : round3(speechOpening / Math.max(PAUSE_FLOOR, pauseOpening)),
    sampledFrames: gaps.length,
    trackedFrames: g.length,
  };
}

/** Frames inside silent runs at least `minFrames` long (short gaps between words are not pauses). */
function pauseMask(loudness: ArrayLike<number>, threshold: number, minFrames: number): boolean[] {
  const mask = new Array<boolean>(loudness.length).fill(false);
  let start = 0;
  for (let i = 0; i <= loudness.length; i++) {
    const silent = i < loudness.length && loudness[i]! <= threshold;
    if (silent) continue;
    if (i - start >= minFrames) for (let f = start; f < i; f++) mask[f] = true;
    start = i + 1;
  }
  return mask;
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

function round3(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
}
