// The presenter is on every frame of its scenes and on no other, and every scene keeps its frames, on
// the overlay path (image, template-layer and video backgrounds). Two faults met here: the overlay's
// `enable` was evaluated on the avatar's next frame (past the track's end), blanking the presenter a
// few frames before the end; and ffmpeg's concat gave a one-frame background segment no duration, so
// the scenes after it started a frame early and the video lost a frame per such scene.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { renderVideo } from '../../src/render/render-video.js';
import type { BackgroundPlan, CharacterPlan, RenderPlan, ScenePlan } from '../../src/domain/render-plan.js';

const root = await mkdtemp(join(tmpdir(), 'orator-avatar-frames-'));
after(() => rm(root, { recursive: true, force: true }));

const W = 320;
const H = 180;
/** On the presenter's blazer (the rig stands centred at the bottom; the idle sway moves it 2 px). */
const AVATAR_BOX = { x: 140, y: 135, width: 40, height: 40 };
/** Far from the presenter: only the background shows there. */
const CORNER_BOX = { x: 0, y: 0, width: 16, height: 16 };
type Box = typeof AVATAR_BOX;
type Rgb = [number, number, number];

const daniel: CharacterPlan = { type: 'avatar', avatarId: 'daniel_blazer_front', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false };
const noFetches = { fetchToFile: async (): Promise<never> => { throw new Error('no fetches'); } };

function render(plan: RenderPlan, name: string) {
  return renderVideo(plan, join(root, name), { fetcher: noFetches, cacheDir: join(root, 'cache') });
}

/** Frames the file stores (the overlay path stores only those where the picture changes). */
function countedFrames(video: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', video]);
  return Number(String(out).trim());
}

/** Every frame of the fps grid as RGB24, as a player shows it (a stored picture holds until the next). */
function decodedFrames(video: string, fps: number): Buffer[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', video, '-map', '0:v', '-vf', `fps=${fps}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 256 * 1024 * 1024 });
  const size = W * H * 3;
  const frames: Buffer[] = [];
  for (let at = 0; at + size <= raw.length; at += size) frames.push(raw.subarray(at, at + size));
  return frames;
}

/** Mean absolute difference per channel inside `box`, against another frame or a flat colour. */
function boxDifference(frame: Buffer, box: Box, other: Buffer | Rgb): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) sum += Math.abs(frame[i + c]! - (Buffer.isBuffer(other) ? other[i + c]! : other[c]!));
    }
  }
  return sum / (box.width * box.height * 3);
}

function solidImage(name: string, hex: string): string {
  const path = join(root, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${hex}:s=${W}x${H}`, '-frames:v', '1', path]);
  return path;
}

function silence(durationSec: number): ScenePlan['voice'] {
  return { type: 'silence', durationSec };
}

test('the presenter of the last scenes is on every frame after an avatar-less intro over image backgrounds (the reported plan)', async () => {
  // A pattern, not a flat colour: a frame that lost the avatar must match the bare background exactly.
  const bgPath = join(root, 'pattern.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=s=${W}x${H}`, '-frames:v', '1', bgPath]);
  const background: BackgroundPlan = { type: 'image', source: { path: bgPath }, fit: 'cover' };
  const speak = (text: string): ScenePlan['voice'] => ({ type: 'text', voiceId: 'flite_rms', text, speed: 1, pitch: 0 });
  const plan: RenderPlan = {
    width: W, height: H, fps: 25, seed: 1, format: 'mp4', burnCaptions: false,
    scenes: [
      { character: null, voice: silence(3), background },
      { character: daniel, voice: speak('First point.'), background },
      { character: daniel, voice: speak('Second point here.'), background },
    ],
  };
  const result = await render(plan, 'reported');
  const total = Math.round(result.durationSec * plan.fps);
  assert.ok(countedFrames(result.video) < total, 'only the frames where the picture changes are stored');
  const frames = decodedFrames(result.video, plan.fps);
  assert.equal(frames.length, total, 'every frame of the plan is on the grid');
  const bare = frames[0]!; // the intro: the background alone
  const intro = 3 * plan.fps;
  const missing = frames.flatMap((f, n) => (n >= intro && boxDifference(f, AVATAR_BOX, bare) < 20 ? [n] : []));
  assert.deepEqual(missing, [], `frames ${intro}–${total - 1} show the presenter`);
  const early = frames.flatMap((f, n) => (n < intro && boxDifference(f, AVATAR_BOX, bare) > 3 ? [n] : []));
  assert.deepEqual(early, [], 'the intro shows the background alone');
});

test('image, layers, colour and video backgrounds with one-frame scenes keep every frame in place (10 fps)', async () => {
  const blue = solidImage('blue.png', '88aacc');
  const videoPath = join(root, 'yellow.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0xe0c040:s=${W}x${H}:r=25:d=2`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', videoPath]);
  const image: BackgroundPlan = { type: 'image', source: { path: blue }, fit: 'cover' };
  // 10 fps: a 0.1 s silence is a single frame, and a state change on the 1/25 s grid lands between frames.
  const scenes: { scene: ScenePlan; frames: number; colour: Rgb }[] = [
    { scene: { character: null, voice: silence(1), background: image }, frames: 10, colour: [0x88, 0xaa, 0xcc] },
    { scene: { character: daniel, voice: silence(0.1), background: { type: 'layers', color: '#ffffff', layers: [] } }, frames: 1, colour: [0xff, 0xff, 0xff] },
    { scene: { character: daniel, voice: silence(1), background: { type: 'color', color: '#cce0a0' } }, frames: 10, colour: [0xcc, 0xe0, 0xa0] },
    { scene: { character: null, voice: silence(0.1), background: { type: 'color', color: '#cc4444' } }, frames: 1, colour: [0xcc, 0x44, 0x44] },
    { scene: { character: daniel, voice: silence(1), background: { type: 'video', source: { path: videoPath }, fit: 'cover', playStyle: 'once' } }, frames: 10, colour: [0xe0, 0xc0, 0x40] },
    { scene: { character: null, voice: silence(0.5), background: image }, frames: 5, colour: [0x88, 0xaa, 0xcc] },
    // A presenter on a single frame, with none on either side.
    { scene: { character: daniel, voice: silence(0.1), background: { type: 'color', color: '#cc4444' } }, frames: 1, colour: [0xcc, 0x44, 0x44] },
    { scene: { character: null, voice: silence(0.3), background: image }, frames: 3, colour: [0x88, 0xaa, 0xcc] },
  ];
  const plan: RenderPlan = { width: W, height: H, fps: 10, seed: 1, format: 'mp4', burnCaptions: false, scenes: scenes.map((s) => s.scene) };
  const result = await render(plan, 'mixed');
  const total = scenes.reduce((sum, s) => sum + s.frames, 0);
  const frames = decodedFrames(result.video, plan.fps);
  const wrong: string[] = [];
  let n = 0;
  for (const [i, { scene, frames: count, colour }] of scenes.entries()) {
    for (let k = 0; k < count; k++, n++) {
      const frame = frames[n];
      if (!frame) {
        wrong.push(`${n}: missing`);
        continue;
      }
      if (boxDifference(frame, CORNER_BOX, colour) > 12) wrong.push(`${n}: not scene ${i}'s background`);
      const presenter = boxDifference(frame, AVATAR_BOX, colour) > 40;
      if (presenter !== (scene.character !== null)) wrong.push(`${n}: presenter ${presenter ? 'shown' : 'missing'} in scene ${i}`);
    }
  }
  assert.deepEqual(wrong, [], 'every frame shows its scene');
  assert.equal(frames.length, total, 'every frame of the plan is on the grid');
  assert.ok(countedFrames(result.video) <= total);
});
