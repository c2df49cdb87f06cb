// Quality stage: lip-sync figures read back from the finished video, for the longest avatar track
// (no avatar, no figures to read: zeros). A photo's mouth is read as the face tracker reads it (each
// frame matched to the mouth shape on screen, whose tracker reading the rig keeps), as a viewer would
// read it; a drawn avatar's by the change in its mouth's pixels.
import { readFile, stat } from 'node:fs/promises';
import type { QualityFigures } from '../../domain/render-plan.js';
import type { AvatarRig, PixelBox } from '../avatars/avatar-catalogue.js';
import { isPhotoRigId } from '../avatars/photo/photo-rig-id.js';
import { measureLipSync } from '../quality/measure-lip-sync.js';
import { measurePhotoLipSync } from '../quality/measure-photo-lip-sync.js';
import { limitedRangeLuma, measurePhotoStills, type MouthReference } from '../quality/measure-photo-stills.js';
import { VISEMES } from '../visemes/viseme.js';
import type { RunToolOptions } from '../run-program.js';
import type { EncodeStageOutput, TimedTrack } from './encode-stage.js';
import type { OutputFiles } from './outputs-stage.js';
import type { RenderContext } from './render-context.js';

export async function runQualityStage(ctx: RenderContext, encoded: EncodeStageOutput, files: OutputFiles, options: RunToolOptions): Promise<QualityFigures> {
  const { plan } = ctx;
  const main = [...encoded.tracks].sort((a, b) => b.frames - a.frames)[0];
  if (!main) return { envelopeCorrelation: 0, avOffsetMs: 0 };
  // The mouth is read from the finished video; the loudness from the voices alone when music is under them.
  const voices = encoded.voicesOnlyPath && (await exists(encoded.voicesOnlyPath)) ? encoded.voicesOnlyPath : null;
  const common = {
    videoPath: files.video, ...(voices ? { audioPath: voices } : {}), format: ctx.format, fps: plan.fps, frameWidth: plan.width, frameHeight: plan.height,
    startFrame: main.startFrame, frames: main.frames,
  };
  const pixelJob = {
    ...common, mouthBox: offsetBox(main.rig.mouthBox, main.rest.x, main.rest.y), motion: main.motion,
    restFrame: main.startFrame + Math.max(0, main.visemes.indexOf('X')),
  };
  if (!isPhotoRigId(main.rig.avatarId)) return { ...(await measureLipSync(pixelJob, options)), lipSyncMethod: 'mouth_pixels' };
  const openings = main.rig.trackedOpenings;
  const byFace = openings
    ? await measurePhotoStills(pixelJob, await mouthReferences(main.rig), openings, options)
    : { ...(await measurePhoto(common, main, options)), avOffsetMs: (await measureLipSync(pixelJob, options)).avOffsetMs };
  return {
    envelopeCorrelation: byFace.lipGapCorrelation, avOffsetMs: byFace.avOffsetMs, lipSyncMethod: 'face_landmarks',
    speechOpening: byFace.speechOpening, pauseOpening: byFace.pauseOpening, openingRatio: byFace.openingRatio,
    landmarkFrames: byFace.sampledFrames, trackedFrames: byFace.trackedFrames,
  };
}

/** Each mouth shape's still, cut to the mouth box, as the encoder's luma (kept by the rig, or cut from its stills). */
async function mouthReferences(rig: AvatarRig): Promise<MouthReference[]> {
  const { x, y, width, height } = rig.mouthBox;
  const bytes = width * height;
  const kept = rig.mouthLumaPath ? await readFile(rig.mouthLumaPath).catch(() => null) : null;
  if (kept && kept.length === bytes * VISEMES.length) return VISEMES.map((viseme, i) => ({ viseme, luma: kept.subarray(i * bytes, (i + 1) * bytes) }));
  const { default: sharp } = await import('sharp');
  return Promise.all(VISEMES.map(async (viseme) => {
    const rgba = await sharp(rig.stills[viseme].eyesOpen).extract({ left: x, top: y, width, height }).ensureAlpha().raw().toBuffer();
    return { viseme, luma: limitedRangeLuma(rgba, bytes) };
  }));
}

/** Without the tracker's readings in the rig (a test double's rig), the tracker reads sampled frames itself. */
async function measurePhoto(common: Omit<Parameters<typeof measurePhotoLipSync>[0], 'faceBox'>, track: TimedTrack, options: RunToolOptions) {
  // The tracker is loaded only when a photo was rendered.
  const { detectFaceInRgb } = await import('../avatars/photo/detect-face-landmarks.js');
  return measurePhotoLipSync({ ...common, faceBox: offsetBox(track.rig.headBox, track.rest.x, track.rest.y) }, detectFaceInRgb, options);
}

function offsetBox(box: PixelBox, x: number, y: number): PixelBox {
  return { x: box.x + x, y: box.y + y, width: box.width, height: box.height };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
