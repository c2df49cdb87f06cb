// The photo lip-sync figures at the cost of the pixel figures: each output frame's mouth (decoded from
// the file, following the idle sway) is matched to the rig's mouth shapes by its pixels, and takes the
// inner-lip gap the face tracker read on that shape's still when the rig was built. So the figure is
// still what a viewer sees (which picture is on screen, and how open the tracker finds it) without
// running the tracker on every frame, which costs ~60-100 ms a frame on two cores.
import type { QualityFigures } from '../../domain/render-plan.js';
import type { Viseme } from '../visemes/viseme.js';
import { runFfmpeg, type RunToolOptions } from '../run-program.js';
import { buildAudioPcmArgs, buildMouthCropArgs, comparisonStep, mouthOpeningSignal, paddedMouthBox, type LipSyncJob } from './measure-lip-sync.js';
import { photoLipSyncFigures, type PhotoLipSyncFigures } from './measure-photo-lip-sync.js';
import { crossCorrelationPeak, rmsEnvelope } from './signal-stats.js';

export interface MouthReference {
  viseme: Viseme;
  /** The still's mouth box as 8-bit luma in the video's limited range (what the encoded Y plane holds). */
  luma: Uint8Array;
}

const AUDIO_RATE = 8000;

/** BT.601 limited-range luma of RGBA pixels, as the encoder stores it. */
export function limitedRangeLuma(rgba: ArrayLike<number>, pixels: number, channels = 4): Uint8Array {
  const out = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const r = rgba[i * channels]!;
    const g = rgba[i * channels + 1]!;
    const b = rgba[i * channels + 2]!;
    out[i] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
  }
  return out;
}

/**
 * Which reference each decoded mouth crop is closest to (the least mean difference over the sway
 * search). A crop identical to the one before it (a held picture) keeps its match unrecomputed.
 */
export function matchMouths(crops: Uint8Array, cropW: number, cropH: number, count: number, references: readonly MouthReference[], refW: number, refH: number, step: number): Viseme[] {
  const bytes = cropW * cropH;
  const out: Viseme[] = [];
  let previous: Buffer | null = null;
  for (let f = 0; f < count; f++) {
    const crop = Buffer.from(crops.buffer, crops.byteOffset + f * bytes, bytes);
    if (previous && previous.equals(crop)) {
      out.push(out[out.length - 1]!);
      continue;
    }
    let best = Infinity;
    let pick: Viseme = 'X';
    for (const ref of references) {
      const d = mouthOpeningSignal(crop, cropW, cropH, ref.luma, refW, refH, step);
      if (d < best) {
        best = d;
        pick = ref.viseme;
      }
    }
    out.push(pick);
    previous = crop;
  }
  return out;
}

export async function measurePhotoStills(
  job: LipSyncJob, references: readonly MouthReference[], openings: Record<Viseme, number>, options: Pick<RunToolOptions, 'signal' | 'onSpawn'> = {},
): Promise<PhotoLipSyncFigures & Pick<QualityFigures, 'avOffsetMs'>> {
  const box = paddedMouthBox(job);
  const [frames, audio] = await Promise.all([
    runFfmpeg(buildMouthCropArgs(job, box), { ...options, captureStdout: true }),
    runFfmpeg(buildAudioPcmArgs(job.audioPath ?? job.videoPath), { ...options, captureStdout: true }),
  ]);
  const bytes = box.width * box.height;
  const total = Math.floor(frames.stdout.length / bytes);
  const start = Math.min(job.startFrame, total);
  const count = Math.max(0, Math.min(total, job.startFrame + job.frames) - start);
  // Every second pixel is plenty to tell nine shapes apart (and a quarter of the cost).
  const step = Math.max(2, comparisonStep(job.mouthBox));
  const shown = matchMouths(frames.stdout.subarray(start * bytes), box.width, box.height, count, references, job.mouthBox.width, job.mouthBox.height, step);
  const pcm = new Int16Array(audio.stdout.buffer, audio.stdout.byteOffset, Math.floor(audio.stdout.length / 2));
  const loudness = rmsEnvelope(pcm, AUDIO_RATE / job.fps, start + count).subarray(start);
  const gaps = shown.map((v) => openings[v]);
  const peak = crossCorrelationPeak(gaps, loudness, Math.max(1, Math.round(0.2 * job.fps)));
  return { ...photoLipSyncFigures(gaps, gaps.map((_, i) => i), loudness, job.fps), avOffsetMs: Math.round((peak.lag * 1000) / job.fps) };
}
