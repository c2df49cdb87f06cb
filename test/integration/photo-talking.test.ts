// Talking photos checked like a viewer: each shipped portrait speaks a sentence, pauses, and speaks a
// "mama ... papaya ... baby" sentence; the output file is read back with the face tracker (the engine's
// own loader) on its own face box: the inner-lip gap follows the loudness, the mouth is more open in
// speech than in the pause, the lips close on the M/P/B sounds, and outside the face, neck and hair the
// picture only moves rigidly with the idle sway (no tearing). The engine's returned figures agree.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { CharacterPlan, RenderPlan, ScenePlan } from '../../src/domain/render-plan.js';
import { detectFaceInRgb } from '../../src/render/avatars/photo/detect-face-landmarks.js';
import { FACE_OVAL } from '../../src/render/avatars/photo/face-mesh-regions.js';
import { STOCK_PHOTOS } from '../../src/render/avatars/photo/stock-photos.js';
import { innerLipGap } from '../../src/render/quality/lip-gap.js';
import { measurePhotoLipSync, photoFaceCrop } from '../../src/render/quality/measure-photo-lip-sync.js';
import { realRenderDeps } from '../../src/render/real-render-deps.js';
import { renderVideo } from '../../src/render/render-video.js';
import type { PixelBox } from '../../src/render/avatars/avatar-catalogue.js';

const run = promisify(execFile);
const root = await mkdtemp(join(tmpdir(), 'orator-photo-talk-'));
after(() => rm(root, { recursive: true, force: true }));

const W = 640;
const H = 360;
const FPS = 25;
const VOICE = 'festival_slt_hts';
const FIRST = 'Hello there, I am talking to you about our brand new product today.';
const CLOSURES = 'Mama made a big pot of papaya jam for my baby.';
const noFetches = { fetchToFile: async (): Promise<never> => { throw new Error('no fetches'); } };

function plan(path: string): RenderPlan {
  const character: CharacterPlan = { type: 'photo', image: { path }, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false };
  const scene = (voice: ScenePlan['voice']): ScenePlan => ({ character, voice, background: { type: 'color', color: '#ffffff' } });
  return {
    width: W, height: H, fps: FPS, seed: 11, format: 'mp4', burnCaptions: false,
    scenes: [
      scene({ type: 'text', voiceId: VOICE, text: FIRST, speed: 1, pitch: 0 }),
      scene({ type: 'silence', durationSec: 1.5 }),
      scene({ type: 'text', voiceId: VOICE, text: CLOSURES, speed: 1, pitch: 0 }),
    ],
  };
}

/** Decoded frames (by number, on the fps grid) of `box`, scaled to `size`, as RGB. */
async function framesOf(video: string, numbers: readonly number[], box: PixelBox, size: { width: number; height: number }, format = 'rgb24'): Promise<Buffer[]> {
  const select = numbers.map((n) => `eq(n\\,${n})`).join('+');
  const { stdout } = await run('ffmpeg', [
    '-v', 'error', '-i', video, '-map', '0:v',
    '-vf', `fps=${FPS},select='${select}',crop=${box.width}:${box.height}:${box.x}:${box.y},scale=${size.width}:${size.height},format=${format}`,
    '-fps_mode', 'passthrough', '-f', 'rawvideo', '-',
  ], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
  const bytes = size.width * size.height * (format === 'gray' ? 1 : 3);
  return numbers.map((_, i) => stdout.subarray(i * bytes, (i + 1) * bytes)).filter((b) => b.length === bytes);
}

/** The face outline's box on the first frame, found by the tracker on the whole frame (not taken from the engine). */
async function faceBoxOnScreen(video: string): Promise<PixelBox> {
  const [frame] = await framesOf(video, [0], { x: 0, y: 0, width: W, height: H }, { width: W, height: H });
  const face = await detectFaceInRgb(frame!, W, H);
  assert.ok(face, 'a face on the first frame');
  const oval = FACE_OVAL.map((i) => face.mesh[i]!);
  const [x0, x1] = [Math.min(...oval.map((p) => p.x)), Math.max(...oval.map((p) => p.x))];
  const [y0, y1] = [Math.min(...oval.map((p) => p.y)), Math.max(...oval.map((p) => p.y))];
  return { x: Math.round(x0), y: Math.round(y0), width: Math.round(x1 - x0), height: Math.round(y1 - y0) };
}

/** Frame numbers in the middle of each M/P/B of the closures sentence, from the same voice's own phone times. */
async function closureFrames(words: readonly { word: string; start: number }[]): Promise<number[]> {
  const speech = await realRenderDeps().synthesizeSpeech({ text: CLOSURES, voiceId: VOICE, speed: 1, pitch: 0, outPath: join(root, 'closures.wav') });
  const first = words.find((w) => /^mama/i.test(w.word));
  assert.ok(first && speech.words[0], 'the closures sentence is in the video');
  const offset = first.start - speech.words[0]!.start;
  return speech.phones
    .filter((p) => p.viseme === 'A' && p.end - p.start >= 0.05)
    .map((p) => Math.floor((offset + (p.start + p.end) / 2) * FPS));
}

/** Mean absolute difference outside `keep`, after the best whole-picture shift within ±6 px (the idle sway). */
function changeOutside(a: Buffer, b: Buffer, keep: PixelBox): number {
  let best = Infinity;
  const m = 8;
  for (let dy = -6; dy <= 6; dy += 1) {
    for (let dx = -6; dx <= 6; dx += 1) {
      let sum = 0;
      let n = 0;
      for (let y = m; y < H - m; y += 2) {
        for (let x = m; x < W - m; x += 2) {
          if (x >= keep.x && x < keep.x + keep.width && y >= keep.y && y < keep.y + keep.height) continue;
          sum += Math.abs(a[y * W + x]! - b[(y + dy) * W + (x + dx)]!);
          n++;
        }
      }
      best = Math.min(best, sum / n);
    }
  }
  return best;
}

describe('talking photos, measured on the output with the face tracker', () => {
  for (const photo of STOCK_PHOTOS) {
    test(`${photo.talking_photo_id}: lips follow the voice, open in speech, close on M/P/B, no tearing`, async () => {
      const result = await renderVideo(plan(photo.path), join(root, photo.talking_photo_id), { fetcher: noFetches, cacheDir: join(root, 'cache') });
      const frames = Math.round(result.durationSec * FPS);
      const face = await faceBoxOnScreen(result.video);
      // The face fills a presenter's share of the frame: head and shoulders, not a letterboxed portrait.
      assert.ok(face.height > H * 0.22 && face.height < H * 0.6, `face box ${JSON.stringify(face)}`);

      const measured = await measurePhotoLipSync(
        { videoPath: result.video, format: 'mp4', fps: FPS, frameWidth: W, frameHeight: H, faceBox: face, startFrame: 0, frames, maxSamples: Math.ceil(frames / 2) },
        detectFaceInRgb,
      );
      console.log(`# ${photo.talking_photo_id}: tracker on every 2nd frame ${JSON.stringify(measured)}; engine ${JSON.stringify(result.quality)}`);
      assert.ok(measured.trackedFrames >= measured.sampledFrames * 0.95, `face lost: ${measured.trackedFrames}/${measured.sampledFrames}`);
      assert.ok(measured.lipGapCorrelation >= 0.5, `lip gap / loudness r = ${measured.lipGapCorrelation}`);
      assert.ok(measured.openingRatio !== null && measured.openingRatio >= 1.3, `speech ${measured.speechOpening} vs pause ${measured.pauseOpening}`);
      // The engine returns the same kind of figure, read the same way.
      assert.equal(result.quality.lipSyncMethod, 'face_landmarks');
      assert.ok(result.quality.envelopeCorrelation >= 0.4, JSON.stringify(result.quality));
      assert.ok((result.quality.openingRatio ?? 0) >= 1.2, JSON.stringify(result.quality));

      // Lips closed on M, P and B: as closed as in the pause, far from the speaking opening.
      const crop = photoFaceCrop({ faceBox: face, frameWidth: W, frameHeight: H });
      const size = { width: Math.round(crop.width * 256 / Math.max(crop.width, crop.height) / 2) * 2, height: Math.round(crop.height * 256 / Math.max(crop.width, crop.height) / 2) * 2 };
      const closures = await closureFrames(result.words);
      assert.ok(closures.length >= 5, `closures: ${closures.length}`);
      const gaps: number[] = [];
      for (const rgb of await framesOf(result.video, closures, crop, size)) {
        const mesh = await detectFaceInRgb(rgb, size.width, size.height);
        if (mesh) gaps.push(innerLipGap(mesh.mesh));
      }
      const closedMean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const closedBound = measured.pauseOpening! + 0.3 * (measured.speechOpening! - measured.pauseOpening!);
      assert.ok(closedMean <= closedBound, `M/P/B gaps ${gaps.map((g) => g.toFixed(3)).join(' ')} vs pause ${measured.pauseOpening} speech ${measured.speechOpening}`);

      // Outside the face, neck and hair, the picture holds still up to the rigid idle sway.
      const keep = { x: face.x - face.width * 0.6, y: face.y - face.height * 0.7, width: face.width * 2.2, height: face.height * 2.5 };
      const samples = [0, 40, 80, 120, 160, 200].filter((f) => f < frames);
      const gray = await framesOf(result.video, samples, { x: 0, y: 0, width: W, height: H }, { width: W, height: H }, 'gray');
      const changes = gray.slice(1).map((g) => changeOutside(gray[0]!, g, keep));
      assert.ok(Math.max(...changes) < 2.5, `change outside the face: ${changes.map((c) => c.toFixed(2)).join(' ')}`);
    });
  }
});
