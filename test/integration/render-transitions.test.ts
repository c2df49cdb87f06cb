// Scene transitions through the real engine: red → blue (fade) → green (slide), 30 frames a scene. The
// decoded frames show the blend and the moving edge where the transitions are and pure colours around
// them, and the video is exactly as long as the same plan rendered with cuts (so the voices stay put).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { renderVideo } from '../../src/render/render-video.js';
import type { BackgroundPlan, RenderPlan, ScenePlan, VoicePlan } from '../../src/domain/render-plan.js';
import { ffprobeJson, frameHashes } from '../support/render-probes.js';
import { silentWav } from '../support/silent-wav.js';

const run = promisify(execFile);
const W = 320;
const H = 180;
const FPS = 25;
/** Scene length in frames (1.2 s), and the transitions' length: 0.4 s = 10 frames. */
const SCENE = 30;
const N = 10;
let root = '';
let wav = '';

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'orator-render-transitions-'));
  wav = join(root, 'silent.wav');
  await writeFile(wav, silentWav(9600)); // 1.2 s at 8 kHz
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const colour = (hex: string): BackgroundPlan => ({ type: 'color', color: hex });

function plan(format: 'mp4' | 'webm', first: BackgroundPlan, withTransitions: boolean): RenderPlan {
  // WebM takes a silent WAV: with only `silence` voices, libopus refuses the anullsrc frames (ffmpeg 5.1).
  const voice: VoicePlan = format === 'webm' ? { type: 'audio', source: { path: wav } } : { type: 'silence', durationSec: SCENE / FPS };
  const scene = (background: BackgroundPlan, transition?: ScenePlan['transition']): ScenePlan => ({
    character: null, voice, background, ...(withTransitions && transition ? { transition } : {}),
  });
  return {
    width: W, height: H, fps: FPS, seed: 1, format, burnCaptions: false,
    scenes: [scene(first), scene(colour('#0000ff'), { type: 'fade', seconds: 0.4 }), scene(colour('#00ff00'), { type: 'slide', seconds: 0.4 })],
  };
}

async function render(p: RenderPlan, name: string) {
  return renderVideo(p, join(root, name), { fetcher: { fetchToFile: async () => { throw new Error('no fetches'); } }, cacheDir: join(root, 'cache') });
}

/** Every frame of the grid as RGBA (libvpx decodes VP9's alpha; H.264 frames come back opaque). */
async function decodedFrames(video: string): Promise<Buffer[]> {
  const decoder = video.endsWith('.webm') ? ['-c:v', 'libvpx-vp9'] : [];
  // On the fps grid: MP4 stores only the frames where the picture changes, each held until the next.
  const { stdout } = await run('ffmpeg', ['-v', 'error', ...decoder, '-i', video, '-map', '0:v', '-vf', `fps=${FPS}`, '-pix_fmt', 'rgba', '-f', 'rawvideo', '-'], { encoding: 'buffer', maxBuffer: 1 << 27 });
  const size = W * H * 4;
  return Array.from({ length: Math.floor(stdout.length / size) }, (_, i) => stdout.subarray(i * size, (i + 1) * size));
}

type Rgba = [number, number, number, number];

function pixel(frame: Buffer, x: number, y: number): Rgba {
  const i = (y * W + x) * 4;
  return [frame[i]!, frame[i + 1]!, frame[i + 2]!, frame[i + 3]!];
}

/** The mean colour of the frame, and how far any pixel strays from it (the largest channel distance). */
function meanAndSpread(frame: Buffer): { mean: Rgba; spread: number } {
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < frame.length; i++) sum[i % 4]! += frame[i]!;
  const mean = sum.map((s) => s / (W * H)) as Rgba;
  let spread = 0;
  for (let i = 0; i < frame.length; i++) spread = Math.max(spread, Math.abs(frame[i]! - mean[i % 4]!));
  return { mean, spread };
}

function assertPure(frames: Buffer[], at: number, want: Rgba): void {
  const { mean, spread } = meanAndSpread(frames[at]!);
  const off = Math.max(...mean.map((m, c) => Math.abs(m - want[c]!)));
  assert.ok(off < 12 && spread < 24, `frame ${at}: mean ${mean.map(Math.round)} spread ${spread}, want ${want}`);
}

/** Where, along the middle row, scene B's green starts (the slide's moving edge). */
function greenEdge(frame: Buffer): number {
  for (let x = 0; x < W; x++) {
    const [r, g, b] = pixel(frame, x, H / 2);
    if (g > 128 && b < 128 && r < 128) return x;
  }
  return W;
}

async function lengths(video: string): Promise<{ format: number; audio: number; video: number }> {
  const probe = await ffprobeJson(video);
  const audio = probe.streams.find((s: any) => s.codec_type === 'audio');
  const picture = probe.streams.find((s: any) => s.codec_type === 'video');
  // Matroska keeps stream durations in tags.
  const seconds = (s: any) => Number(s.duration ?? String(s.tags?.DURATION ?? 'NaN').replace(/^(\d+):(\d+):([\d.]+)$/, (_: string, h: string, m: string, sec: string) => String(+h * 3600 + +m * 60 + +sec)));
  return { format: Number(probe.format.duration), audio: seconds(audio), video: seconds(picture) };
}

/**
 * The fade into scene 1: frame 29 is A's last, pure; frames 30–39 blend with B's weight rising by
 * 1/11 a frame (frame 35, half-way, is 6/11 blue); frame 40 on is pure B. The slide into scene 2: B
 * comes in from the right, its edge at W·(1 − (k+1)/11) on frame 60+k, pushing A out to the left.
 */
function assertTransitions(frames: Buffer[], a: Rgba): void {
  assert.equal(frames.length, 3 * SCENE);
  assertPure(frames, 0, a);
  assertPure(frames, SCENE - 1, a);
  const mid = meanAndSpread(frames[SCENE + N / 2]!);
  assert.ok(mid.spread < 24, `the fade frame is one blend all over: spread ${mid.spread}`);
  const wantMid = a.map((c, i) => c + ((6 / 11) * ([0, 0, 255, 255][i]! - c))) as Rgba;
  assert.ok(mid.mean.every((m, c) => Math.abs(m - wantMid[c]!) < 20), `frame ${SCENE + N / 2}: ${mid.mean.map(Math.round)}, want about ${wantMid.map(Math.round)}`);
  const blueOver = frames.slice(SCENE - 1, SCENE + N + 1).map((f) => meanAndSpread(f).mean[2]);
  for (let k = 1; k < blueOver.length; k++) assert.ok(blueOver[k]! > blueOver[k - 1]! + 10, `blue rises frame by frame through the fade: ${blueOver.map(Math.round)}`);
  assertPure(frames, SCENE + N, [0, 0, 255, 255]);
  assertPure(frames, 2 * SCENE - 1, [0, 0, 255, 255]);

  const edges = frames.slice(2 * SCENE, 2 * SCENE + N).map(greenEdge);
  edges.forEach((edge, k) => assert.ok(Math.abs(edge - W * (1 - (k + 1) / 11)) <= 4, `slide frame ${2 * SCENE + k}: edge at ${edge}, want ${Math.round(W * (1 - (k + 1) / 11))} (${edges})`));
  const half = frames[2 * SCENE + N / 2]!;
  const [left, right] = [pixel(half, 20, H / 2), pixel(half, W - 20, H / 2)];
  assert.ok(left[2] > 200 && left[1] < 60 && right[1] > 200 && right[2] < 60, `slide half-way: blue on the left ${left}, green on the right ${right}`);
  assertPure(frames, 2 * SCENE + N, [0, 255, 0, 255]);
  assertPure(frames, 3 * SCENE - 1, [0, 255, 0, 255]);
}

test('MP4: a fade and a slide between colour scenes, same frames and length as with cuts, the same pictures every time', async () => {
  const withThem = await render(plan('mp4', colour('#ff0000'), true), 'mp4-transitions');
  const cuts = await render(plan('mp4', colour('#ff0000'), false), 'mp4-cuts');
  assertTransitions(await decodedFrames(withThem.video), [255, 0, 0, 255]);
  // With cuts, the same plan takes the precomposited path (one stored frame per change): compare on the fps grid.
  assert.equal((await frameHashes(withThem.video, FPS)).length, (await frameHashes(cuts.video, FPS)).length);
  assert.equal(withThem.durationSec, cuts.durationSec);
  const [a, b] = [await lengths(withThem.video), await lengths(cuts.video)];
  assert.deepEqual(a, b);
  assert.ok(Math.abs(a.audio - (3 * SCENE) / FPS) < 0.03, `audio ${a.audio} s`);
  const probe = await ffprobeJson(withThem.video);
  const picture = probe.streams.find((s: any) => s.codec_type === 'video');
  assert.equal(picture.pix_fmt, 'yuv420p');
  // Stored: the transitions' frames and the scenes' first ones (nothing else changes), every frame on the grid.
  const counted = await run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', withThem.video]);
  assert.ok(Number(counted.stdout.trim()) < 3 * SCENE, `${counted.stdout.trim()} frames stored`);
  assert.equal((await frameHashes(withThem.video, FPS)).length, 3 * SCENE);
  // Deterministic: the same plan renders the same pictures.
  const again = await render(plan('mp4', colour('#ff0000'), true), 'mp4-transitions-again');
  assert.deepEqual(await frameHashes(again.video), await frameHashes(withThem.video));
});

test('WebM with alpha: a transparent scene fades into blue premultiplied (the colour stays blue), alpha kept', async () => {
  const withThem = await render(plan('webm', { type: 'transparent' }, true), 'webm-transitions');
  const cuts = await render(plan('webm', { type: 'transparent' }, false), 'webm-cuts');
  const frames = await decodedFrames(withThem.video);
  assert.equal(frames.length, (await decodedFrames(cuts.video)).length);
  assert.deepEqual(await lengths(withThem.video), await lengths(cuts.video));
  // Alpha 0 before, rising through the fade, 255 after. Half-way the pixels are half transparent and,
  // blended premultiplied, still blue: a straight mix with transparent black would darken them to ~140.
  assert.ok(pixel(frames[SCENE - 1]!, 100, 90)[3] < 8, `frame ${SCENE - 1}: ${pixel(frames[SCENE - 1]!, 100, 90)}`);
  const [r, g, b, alpha] = pixel(frames[SCENE + N / 2]!, 100, 90);
  assert.ok(Math.abs(alpha - (6 / 11) * 255) < 20 && b > 200 && r < 50 && g < 50, `fade half-way: ${[r, g, b, alpha]}`);
  const alphas = frames.slice(SCENE - 1, SCENE + N + 1).map((f) => pixel(f, 100, 90)[3]);
  for (let k = 1; k < alphas.length; k++) assert.ok(alphas[k]! > alphas[k - 1]! + 10, `alpha rises frame by frame: ${alphas}`);
  assertPure(frames, SCENE + N, [0, 0, 255, 255]);
  // The slide between two opaque scenes: both sides opaque, the edge where the MP4's is.
  const half = frames[2 * SCENE + N / 2]!;
  assert.ok(Math.abs(greenEdge(half) - W * (5 / 11)) <= 4, `edge at ${greenEdge(half)}`);
  assert.ok(pixel(half, 20, 90)[3] > 247 && pixel(half, W - 20, 90)[3] > 247);
  assertPure(frames, 3 * SCENE - 1, [0, 255, 0, 255]);
});
