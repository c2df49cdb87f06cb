// Lip-sync figures measured on the output file, not on the plan: the mouth region is decoded from the
// encoded frames (following the idle motion with the same expression the overlay used, padded by a
// few pixels), its darkness is the opening signal, and the decoded audio's RMS per frame is compared.
import type { OutputFormat, QualityFigures } from '../../domain/render-plan.js';
import type { PixelBox } from '../avatars/avatar-catalogue.js';
import { idleMotionExpressions, type IdleMotion } from '../motion/idle-motion.js';
import { runFfmpeg, type RunToolOptions } from '../run-program.js';
import { alphaDecoderArgs } from '../media/build-preview-args.js';
import { crossCorrelationPeak, pearson, rmsEnvelope } from './signal-stats.js';

export interface LipSyncJob {
  videoPath: string;
  /** Where the voices' loudness is read; the video's own sound when absent. */
  audioPath?: string;
  format: OutputFormat;
  fps: number;
  frameWidth: number;
  frameHeight: number;
  /** The mouth box in frame coordinates with the avatar at rest. */
  mouthBox: PixelBox;
  /**
   * A frame (video frame number) where the plan has the mouth at rest: its decoded mouth region is
   * the reference, so background showing through the box and encoder colour handling cancel out.
   */
  restFrame: number;
  motion: IdleMotion | null;
  /** Frames where this avatar is on screen. */
  startFrame: number;
  frames: number;
}

const AUDIO_RATE = 8000;
/** The crop follows the idle motion, but positions snap to even pixels: search this far around it. */
const SEARCH_PX = 2;

/** Frame-coordinate crop: the mouth box grown by the search margin, clamped inside the frame. */
export function paddedMouthBox(job: Pick<LipSyncJob, 'mouthBox' | 'frameWidth' | 'frameHeight'>): PixelBox {
  const x = Math.max(0, job.mouthBox.x - SEARCH_PX);
  const y = Math.max(0, job.mouthBox.y - SEARCH_PX);
  const width = Math.min(job.frameWidth - x, job.mouthBox.width + 2 * SEARCH_PX);
  const height = Math.min(job.frameHeight - y, job.mouthBox.height + 2 * SEARCH_PX);
  return { x, y, width: Math.max(1, width), height: Math.max(1, height) };
}

export function buildMouthCropArgs(job: LipSyncJob, box: PixelBox): string[] {
  const position = job.motion ? idleMotionExpressions(job.motion, box.x, box.y) : { x: String(box.x), y: String(box.y) };
  const clampX = `max(0\\,min(${job.frameWidth - box.width}\\,${position.x.replace(/,/g, '\\,')}))`;
  const clampY = `max(0\\,min(${job.frameHeight - box.height}\\,${position.y.replace(/,/g, '\\,')}))`;
  return [
    '-hide_banner', '-nostdin', '-v', 'error',
    ...alphaDecoderArgs(job.format),
    // Cheaper decode for a measurement (~0.85 CPU-s instead of ~1.4 for 60 s of 720p H.264 on 2 cores):
    // one decoder thread, because frame threading on two cores costs more CPU than it saves wall time
    // while the previews decode beside it; and no deblocking, a smoothing of block edges that moves the
    // mouth signal by a fraction of a grey level, and the reference frame is decoded the same way.
    // Still every frame of the output file, so the figures describe what viewers get.
    '-threads', '1', '-skip_loop_filter', 'all',
    '-i', job.videoPath,
    '-map', '0:v:0',
    // The Y plane as stored (no range conversion), so it compares with the reference directly; `fps`
    // first, as a video may hold a picture for several frames (variable frame rate), and the
    // figures are per frame of the fps grid.
    '-vf', `fps=${job.fps},crop=w=${box.width}:h=${box.height}:x=${clampX}:y=${clampY}:exact=1,extractplanes=y,format=gray`,
    '-f', 'rawvideo', 'pipe:1',
  ];
}

export function buildAudioPcmArgs(videoPath: string): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-i', videoPath, '-map', '0:a:0', '-ac', '1', '-ar', String(AUDIO_RATE), '-f', 's16le', 'pipe:1'];
}

/**
 * Mouth opening of one decoded crop: the smallest mean absolute difference from the closed-mouth
 * reference over shifts within the search margin (the best alignment cancels the sway). Every
 * `step`-th pixel in each direction is compared: the mouth is large compared to the step, and
 * this keeps a 60 s 720p measurement well under a second.
 */
export function mouthOpeningSignal(crop: Uint8Array, cropW: number, cropH: number, reference: Uint8Array, refW: number, refH: number, step = 1): number {
  let best = Infinity;
  let count = 0;
  for (let dy = 0; dy + refH <= cropH; dy++) {
    for (let dx = 0; dx + refW <= cropW; dx++) {
      let sum = 0;
      count = 0;
      for (let y = 0; y < refH; y += step) {
        const row = (y + dy) * cropW + dx;
        const refRow = y * refW;
        for (let x = 0; x < refW; x += step) {
          sum += Math.abs(crop[row + x]! - reference[refRow + x]!);
          count++;
        }
      }
      if (sum < best) best = sum;
    }
  }
  return count ? best / count : 0;
}

/** Pixel stride for the comparison: about 40 samples across the mouth, never coarser than needed. */
export function comparisonStep(mouthBox: PixelBox): number {
  return Math.max(1, Math.floor(Math.min(mouthBox.width, mouthBox.height) / 24));
}

export async function measureLipSync(job: LipSyncJob, options: Pick<RunToolOptions, 'signal' | 'onSpawn'> = {}): Promise<QualityFigures> {
  const box = paddedMouthBox(job);
  const [frames, audio] = await Promise.all([
    runFfmpeg(buildMouthCropArgs(job, box), { ...options, captureStdout: true }),
    runFfmpeg(buildAudioPcmArgs(job.audioPath ?? job.videoPath), { ...options, captureStdout: true }),
  ]);
  const frameBytes = box.width * box.height;
  const frameCount = Math.floor(frames.stdout.length / frameBytes);
  const { width: refW, height: refH } = job.mouthBox;
  const start = Math.min(job.startFrame, frameCount);
  const end = Math.min(frameCount, job.startFrame + job.frames);
  const reference = referenceFrom(frames.stdout.subarray(Math.min(job.restFrame, frameCount - 1) * frameBytes), box, job.mouthBox);
  const step = comparisonStep(job.mouthBox);
  const mouth = new Float64Array(Math.max(0, end - start));
  for (let f = start; f < end; f++) {
    const crop = frames.stdout.subarray(f * frameBytes, (f + 1) * frameBytes);
    mouth[f - start] = reference ? mouthOpeningSignal(crop, box.width, box.height, reference, refW, refH, step) : 0;
  }
  const pcm = new Int16Array(audio.stdout.buffer, audio.stdout.byteOffset, Math.floor(audio.stdout.length / 2));
  const envelope = rmsEnvelope(pcm, AUDIO_RATE / job.fps, frameCount).subarray(start, end);
  const correlation = pearson(mouth, envelope);
  const maxLag = Math.max(1, Math.round(0.2 * job.fps));
  const peak = crossCorrelationPeak(mouth, envelope, maxLag);
  return {
    envelopeCorrelation: round3(correlation),
    avOffsetMs: Math.round((peak.lag * 1000) / job.fps),
  };
}

/** The mouth box cut from the middle of a padded crop (the search margin on each side). */
function referenceFrom(crop: Uint8Array, box: PixelBox, mouthBox: PixelBox): Uint8Array | null {
  const offX = mouthBox.x - box.x;
  const offY = mouthBox.y - box.y;
  if (offX < 0 || offY < 0 || offX + mouthBox.width > box.width || offY + mouthBox.height > box.height) return null;
  const out = new Uint8Array(mouthBox.width * mouthBox.height);
  for (let y = 0; y < mouthBox.height; y++) {
    out.set(crop.subarray((y + offY) * box.width + offX, (y + offY) * box.width + offX + mouthBox.width), y * mouthBox.width);
  }
  return out;
}

function round3(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
}
