// Timed layers in a real render (issue #12), read back from decoded frames as a viewer sees them: a text
// fades in at 1 s and out by 3 s, an image slides up into place, a clip plays inside its box and holds its
// last frame, a trimmed clip loops its section, one shape sits over the avatar and one under it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OratorError } from '../../src/domain/errors.js';
import type { RenderPlan, RenderResult, TimedLayerPlan } from '../../src/domain/render-plan.js';
import { renderVideo } from '../../src/render/render-video.js';
import { frameHashes } from '../support/render-probes.js';

const root = await mkdtemp(join(tmpdir(), 'orator-timed-layers-'));
after(() => rm(root, { recursive: true, force: true }));

const W = 640;
const H = 360;
const BG: Rgb = [0x20, 0x30, 0x40];
type Rgb = [number, number, number];
interface Region { x: number; y: number; w: number; h: number }

const noFetch = { fetchToFile: async () => { throw new Error('no fetches in this test'); } };
const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
const layer = (content: TimedLayerPlan['content'], extra: Partial<TimedLayerPlan> = {}): TimedLayerPlan => ({ content, start: 0, entrance: 'none', exit: 'none', overCharacter: false, ...extra });

/** 2 s, 160×120: the top half says which half-second it is (red, green, blue, white); testsrc below. */
function makeClip(path: string): void {
  const bands = [['red', 0, 0.5], ['green', 0.5, 1], ['blue', 1, 1.5], ['white', 1.5, 2]] as const;
  const draw = bands.map(([c, a, b]) => `drawbox=x=0:y=0:w=iw:h=ih/2:color=${c}:t=fill:enable='between(t,${a},${b - 0.001})'`).join(',');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25:duration=2', '-vf', draw, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path]);
}

function timedLayers(clip: string, red: string): TimedLayerPlan[] {
  return [
    layer({ type: 'text', box: box(0.04, 0.05, 0.3, 0.2), text: 'Hello there', fontFamily: 'Inter', fontSize: 0.08, fontWeight: 700, color: '#FFFFFF', align: 'left', shadow: { color: '#000000', blur: 0.01, offsetX: 0, offsetY: 0.005 } }, { start: 1, end: 3, entrance: 'fade', exit: 'fade' }),
    layer({ type: 'image', box: box(0.05, 0.6, 0.15, 0.25), source: { path: red }, fit: 'cover' }, { start: 0.5, entrance: 'slide' }),
    layer({ type: 'video', box: box(0.7, 0.05, 0.25, 0.3), source: { path: clip }, fit: 'cover', muted: true, loop: false, trim: { start: 0 } }),
    layer({ type: 'video', box: box(0.7, 0.55, 0.25, 0.3), source: { path: clip }, fit: 'cover', muted: true, loop: true, trim: { start: 0.5, end: 1.5 } }),
    layer({ type: 'shape', box: box(0.45, 0.2, 0.1, 0.1), color: '#22CC44' }, { overCharacter: true }),
    layer({ type: 'shape', box: box(0.38, 0.12, 0.24, 0.06), color: '#2244FF' }),
  ];
}

function planOf(seconds: number, layers: TimedLayerPlan[] | undefined): RenderPlan {
  return {
    width: W, height: H, fps: 25, seed: 1, format: 'mp4', burnCaptions: false,
    scenes: [{
      character: { type: 'avatar', avatarId: 'daniel_blazer_front', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
      voice: { type: 'silence', durationSec: seconds },
      background: { type: 'layers', color: '#203040', layers: [{ type: 'shape', box: box(0, 0.94, 1, 0.06), color: '#0F172A' }] },
      ...(layers ? { timedLayers: layers } : {}),
    }],
  };
}

let result: RenderResult;
let clip: string;
let red: string;
before(async () => {
  clip = join(root, 'clip.mp4');
  red = join(root, 'red.png');
  makeClip(clip);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xdd2222:s=64x64', '-frames:v', '1', red]);
  result = await renderVideo(planOf(4.5, timedLayers(clip, red)), join(root, 'out'), { fetcher: noFetch, cacheDir: join(root, 'cache') });
  if (process.env.ORATOR_KEEP_FRAMES) {
    // For looking at: ORATOR_KEEP_FRAMES=dir writes the frames the checks read.
    for (const t of [0.4, 0.64, 0.92, 1.2, 2, 2.76, 3.2, 4.2]) execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', result.video, '-vf', `fps=25,trim=start_frame=${Math.round(t * 25)}`, '-frames:v', '1', join(process.env.ORATOR_KEEP_FRAMES, `frame-${t}.png`)]);
  }
});

const frames = new Map<number, Buffer>();
/** The decoded frame shown at `t` (25 fps grid), RGB. */
function frameAt(t: number): Buffer {
  let f = frames.get(t);
  if (!f) {
    // On the grid, not the n-th stored frame: only the frames where the picture changes are stored.
    f = execFileSync('ffmpeg', ['-v', 'error', '-i', result.video, '-vf', `fps=25,select='eq(n\\,${Math.round(t * 25)})'`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
    frames.set(t, f);
  }
  return f;
}

function pixels(t: number, r: Region, visit: (rgb: Rgb, x: number, y: number) => void): void {
  const f = frameAt(t);
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * W + x) * 3;
      visit([f[i]!, f[i + 1]!, f[i + 2]!], x, y);
    }
  }
}

/** How far a region is from the bare background: the summed colour distance, and where it is centred vertically. */
function ink(t: number, r: Region): { amount: number; centreY: number } {
  let amount = 0;
  let weightedY = 0;
  pixels(t, r, (rgb, _x, y) => {
    const d = Math.abs(rgb[0] - BG[0]) + Math.abs(rgb[1] - BG[1]) + Math.abs(rgb[2] - BG[2]);
    if (d < 24) return; // compression noise
    amount += d;
    weightedY += d * y;
  });
  return { amount, centreY: amount ? weightedY / amount : NaN };
}

function mean(t: number, r: Region): Rgb {
  const sum: Rgb = [0, 0, 0];
  pixels(t, r, (rgb) => rgb.forEach((v, k) => (sum[k] += v)));
  return sum.map((v) => v / (r.w * r.h)) as Rgb;
}

/** The colour name of a mean RGB: the band colours of the clip, or the layers' colours. */
function named([r, g, b]: Rgb): string {
  if (r > 200 && g > 200 && b > 200) return 'white';
  if (r > 170 && g < 90 && b < 90) return 'red';
  if (g > 100 && r < 90 && b < 120) return 'green';
  if (b > 170 && r < 90 && g < 110) return 'blue';
  return `other(${r.toFixed(0)},${g.toFixed(0)},${b.toFixed(0)})`;
}

function diff(a: number, b: number, r: Region): number {
  let sum = 0;
  const fa = frameAt(a);
  const fb = frameAt(b);
  for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) for (let k = 0; k < 3; k++) sum += Math.abs(fa[(y * W + x) * 3 + k]! - fb[(y * W + x) * 3 + k]!);
  return sum / (r.w * r.h * 3);
}

test('text: absent before 1 s, partly there mid-fade, fully there, fading out, gone after 3 s', () => {
  const textBox = { x: 20, y: 12, w: 205, h: 84 };
  const full = ink(2, textBox).amount;
  const share = (t: number) => ink(t, textBox).amount / full;
  console.log(`# text ink vs full: 0.92 s ${share(0.92).toFixed(2)}, 1.2 s ${share(1.2).toFixed(2)}, 2.76 s ${share(2.76).toFixed(2)}, 3.2 s ${share(3.2).toFixed(2)}`);
  assert.ok(full > 100_000, `the text is drawn (${full})`);
  assert.ok(share(0.92) < 0.02, 'not there before its start');
  assert.ok(share(1.2) > 0.15 && share(1.2) < 0.8, 'partly there mid-fade');
  assert.ok(share(1.8) > 0.97, 'fully there after the fade');
  assert.ok(share(2.76) > 0.15 && share(2.76) < 0.8, 'fading out before its end');
  assert.ok(share(3.2) < 0.02, 'gone after its end');
});

test('image: absent before 0.5 s, rises from below into its box, then stays', () => {
  const column = { x: 28, y: 190, w: 104, h: 140 };
  assert.ok(ink(0.4, column).amount === 0, 'not there before its start');
  const rest = ink(2, column);
  const moving = ink(0.64, column);
  assert.ok(Math.abs(rest.centreY - 261) < 2, `at rest in its box (centre y ${rest.centreY})`);
  assert.ok(moving.centreY > rest.centreY + 3, `lower while sliding in (${moving.centreY} vs ${rest.centreY})`);
  assert.equal(named(mean(4, { x: 40, y: 225, w: 80, h: 70 })), 'red');
});

test('clip: plays inside its box, then holds its last frame while on screen', () => {
  const band = { x: 460, y: 24, w: 136, h: 36 };
  const seen = [0.24, 0.76, 1.24, 1.76, 2.6, 4.2].map((t) => named(mean(t, band)));
  assert.deepEqual(seen, ['red', 'green', 'blue', 'white', 'white', 'white']);
  const picture = { x: 452, y: 76, w: 152, h: 46 }; // the testsrc half
  assert.ok(diff(0.4, 1.6, picture) > 5, 'the picture changes while playing');
  assert.ok(diff(2.4, 4.2, picture) < 1.5, `the last frame is held (${diff(2.4, 4.2, picture)})`);
  const outside = mean(2, { x: 640 - 28, y: 24, w: 20, h: 36 });
  assert.ok(outside.every((v, k) => Math.abs(v - BG[k]!) < 6), `nothing drawn outside its box (${outside})`);
});

test('looped clip: its trimmed second (green, blue) repeats for the whole scene', () => {
  const band = { x: 460, y: 204, w: 136, h: 36 };
  const seen = [0.24, 0.76, 1.24, 1.76, 3.24, 3.76].map((t) => named(mean(t, band)));
  assert.deepEqual(seen, ['green', 'blue', 'green', 'blue', 'green', 'blue']);
});

test('order: the shape over the character covers its face; the one under is hidden behind its head', () => {
  assert.equal(named(mean(2, { x: 300, y: 80, w: 40, h: 20 })), 'green');
  assert.equal(named(mean(2, { x: 248, y: 48, w: 12, h: 12 })), 'blue', 'the under layer shows beside the head');
  assert.notEqual(named(mean(2, { x: 312, y: 48, w: 16, h: 12 })), 'blue', 'the head is drawn over the under layer');
});

test('encode cost: the same 6 s plan with and without timed layers', async () => {
  const withLayers = await renderVideo(planOf(6, timedLayers(clip, red)), join(root, 'cost-with'), { fetcher: noFetch, cacheDir: join(root, 'cache') });
  const without = await renderVideo(planOf(6, undefined), join(root, 'cost-without'), { fetcher: noFetch, cacheDir: join(root, 'cache') });
  const a = withLayers.timings!.encode!;
  const b = without.timings!.encode!;
  const va = withLayers.timings!.visuals!;
  const vb = without.timings!.visuals!;
  console.log(`# encode 640x360 6 s: with 6 timed layers ${a} ms, without ${b} ms, ratio ${(a / b).toFixed(2)}; visuals stage ${va} ms vs ${vb} ms`);
  assert.equal(withLayers.durationSec, without.durationSec);
});

test('the same plan renders the same frames', async () => {
  const again = await renderVideo(planOf(4.5, timedLayers(clip, red)), join(root, 'again'), { fetcher: noFetch, cacheDir: join(root, 'cache') });
  assert.deepEqual(await frameHashes(again.video), await frameHashes(result.video));
});

test('a clip that is not a video, or is corrupted, fails the render naming its layer', async () => {
  const sound = join(root, 'tone.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=1', sound]);
  const junk = join(root, 'junk.mp4');
  await writeFile(junk, Buffer.alloc(4096, 7));
  const cases: [string, string, RegExp][] = [[sound, 'video_format_not_supported', /tone\.wav has no video stream/], [junk, 'video_file_corrupted', /junk\.mp4 is corrupted/]];
  for (const [path, kind, message] of cases) {
    const layers = [layer({ type: 'shape', box: box(0, 0, 0.1, 0.1), color: '#FFFFFF' }), layer({ type: 'video', box: box(0.5, 0.5, 0.4, 0.4), source: { path }, fit: 'contain', muted: true, loop: false, trim: { start: 0 } })];
    await assert.rejects(renderVideo(planOf(1, layers), join(root, `bad-${kind}`), { fetcher: noFetch, cacheDir: join(root, 'cache') }), (e: unknown) => {
      assert.ok(e instanceof OratorError, String(e));
      assert.equal(e.kind, kind);
      assert.equal(e.param, 'scenes[0].timed_layers[1]');
      assert.match(e.message, message);
      assert.ok(!e.message.includes(root), `no server path in ${e.message}`);
      return true;
    });
  }
});
