// Lip-sync figures measured on the output file, not on the plan: the mouth region is decoded from the
// encoded frames (following the idle motion with the same expression the overlay used, padded by a
// few pixels), its darkness is the opening signal, and the decoded audio's RMS per frame is compared.
import type { OutputFormat, QualityFigures } from '../plan.js';
import type { PixelBox } from '../avatars/avatar-catalogue.js';
import { idleMotionExpressions, type IdleMotion } from '../compose/idle-motion.js';
import { runFfmpeg, type RunToolOptions } from '../compose/run-ffmpeg.js';
import { alphaDecoderArgs } from '../media/build-preview-args.js';
import { crossCorrelationPeak, pearson, rmsEnvelope } from './signal-stats.js';

export interface LipSyncJob {
  videoPath: string;
  format: OutputFormat;
  fps: number;
  frameWidth: number;
  frameHeight: number;
  /** The mouth box in frame coordinates with the avatar at rest. */
  mouthBox: PixelBox;
  motion: IdleMotion | null;
  /** Frames where this avatar is on screen. */
  startFrame: number;
  frames: number;
}

const AUDIO_RATE = 8000;
const PAD_PX = 2;

/** Frame-coordinate crop box, padded and clamped inside the frame; even sizes for chroma alignment. */
export function paddedMouthBox(job: Pick<LipSyncJob, 'mouthBox' | 'motion' | 'frameWidth' | 'frameHeight'>): PixelBox {
  const padX = PAD_PX + (job.motion ? 0 : 0);
  const padY = PAD_PX;
  let x = Math.max(0, job.mouthBox.x - padX);
  let y = Math.max(0, job.mouthBox.y - padY);
  let width = Math.min(job.frameWidth - x, job.mouthBox.width + 2 * padX);
  let height = Math.min(job.frameHeight - y, job.mouthBox.height + 2 * padY);
  width -= width % 2;
  height -= height % 2;
  x -= x % 2;
  y -= y % 2;
  return { x, y, width: Math.max(2, width), height: Math.max(2, height) };
}

export function buildMouthCropArgs(job: LipSyncJob, box: PixelBox): string[] {
  const position = job.motion ? idleMotionExpressions(job.motion, box.x, box.y) : { x: String(box.x), y: String(box.y) };
  const clampX = `max(0\\,min(${job.frameWidth - box.width}\\,${position.x.replace(/,/g, '\\,')}))`;
  const clampY = `max(0\\,min(${job.frameHeight - box.height}\\,${position.y.replace(/,/g, '\\,')}))`;
  return [
    '-hide_banner', '-nostdin', '-v', 'error',
    ...alphaDecoderArgs(job.format),
    '-i', job.videoPath,
    '-map', '0:v:0',
    '-vf', `crop=w=${box.width}:h=${box.height}:x=${clampX}:y=${clampY},format=gray`,
    '-f', 'rawvideo', 'pipe:1',
  ];
}

export function buildAudioPcmArgs(videoPath: string): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-i', videoPath, '-map', '0:a:0', '-ac', '1', '-ar', String(AUDIO_RATE), '-f', 's16le', 'pipe:1'];
}

export async function measureLipSync(job: LipSyncJob, options: Pick<RunToolOptions, 'signal' | 'onSpawn'> = {}): Promise<QualityFigures> {
  const box = paddedMouthBox(job);
  const [frames, audio] = await Promise.all([
    runFfmpeg(buildMouthCropArgs(job, box), { ...options, captureStdout: true }),
    runFfmpeg(buildAudioPcmArgs(job.videoPath), { ...options, captureStdout: true }),
  ]);
  const frameBytes = box.width * box.height;
  const frameCount = Math.floor(frames.stdout.length / frameBytes);
  const mouth = new Float64Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    let sum = 0;
    const base = f * frameBytes;
    for (let i = 0; i < frameBytes; i++) sum += 255 - frames.stdout[base + i]!;
    mouth[f] = sum / frameBytes;
  }
  const pcm = new Int16Array(audio.stdout.buffer, audio.stdout.byteOffset, Math.floor(audio.stdout.length / 2));
  const envelope = rmsEnvelope(pcm, AUDIO_RATE / job.fps, frameCount);
  const start = Math.min(job.startFrame, frameCount);
  const end = Math.min(frameCount, job.startFrame + job.frames);
  const videoSignal = mouth.subarray(start, end);
  const audioSignal = envelope.subarray(start, end);
  const correlation = pearson(videoSignal, audioSignal);
  const maxLag = Math.max(1, Math.round(0.2 * job.fps));
  const peak = crossCorrelationPeak(videoSignal, audioSignal, maxLag);
  return {
    envelopeCorrelation: round3(correlation),
    avOffsetMs: Math.round((peak.lag * 1000) / job.fps),
  };
}

function round3(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
}
