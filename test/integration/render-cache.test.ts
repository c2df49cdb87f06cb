// The render cache in real renders (issue #12, batches): a template-like plan rendered with a cold and
// a warm cache decodes to the same frames and sound; a second recipient reuses the shared rasters and
// gets the same frames as with a cold cache; what the cache holds is what the video shows (a tampered
// entry shows through, which proves the hit), and a picture rewritten at the same path is drawn afresh.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { renderCacheRoot } from '../../src/render/cache/render-cache.js';
import { realRenderDeps } from '../../src/render/real-render-deps.js';
import type { RenderDeps } from '../../src/render/render-deps.js';
import { runRenderPipeline } from '../../src/render/render-video.js';
import { fakeRenderDeps } from '../support/fake-render-deps.js';
import { frameHashes } from '../support/render-probes.js';

const run = promisify(execFile);
const W = 320;
const H = 180;
const root = await mkdtemp(join(tmpdir(), 'orator-render-cache-'));
after(() => rm(root, { recursive: true, force: true }));
const noFetch = { fetchToFile: async () => { throw new Error('no fetches in this test'); } };
const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
type Rgb = [number, number, number];

/** One recipient's video: the shared layers (band, logo, sender) baked in, the greeting timed, speech with the name. */
function welcome(name: string, logo: string): RenderPlan {
  return {
    width: W, height: H, fps: 25, seed: 11, format: 'mp4', burnCaptions: false,
    scenes: [{
      character: { type: 'avatar', avatarId: 'mei_casual_front', style: 'normal', scale: 0.7, offset: { x: 0.3, y: 0.15 }, matting: false },
      voice: { type: 'text', voiceId: 'flite_slt', text: `Hi ${name}.`, speed: 1, pitch: 0 },
      background: {
        type: 'layers', color: '#F8FAFC', layers: [
          { type: 'shape', box: box(0, 0.85, 1, 0.15), color: '#0F172A' },
          { type: 'image', box: box(0.05, 0.05, 0.2, 0.2), source: { path: logo }, fit: 'cover' },
          { type: 'text', box: box(0.05, 0.86, 0.5, 0.12), text: 'Amara, Customer Success', fontFamily: 'Inter', fontSize: 0.06, fontWeight: 400, color: '#F8FAFC', align: 'left' },
        ],
      },
      timedLayers: [{
        content: { type: 'text', box: box(0.05, 0.35, 0.5, 0.3), text: `Welcome, ${name}`, fontFamily: 'Inter', fontSize: 0.1, fontWeight: 700, color: '#0F172A', align: 'left' },
        start: 0, entrance: 'none', exit: 'none', overCharacter: false,
      }],
    }],
  };
}

/** Real engines; `calls` counts the syntheses that really ran. */
function countingDeps(calls: { n: number }): RenderDeps {
  const deps = realRenderDeps();
  return { ...deps, synthesizeSpeech: (request) => (calls.n++, deps.synthesizeSpeech(request)) };
}

async function render(plan: RenderPlan, cache: string, name: string, calls = { n: 0 }, deps: RenderDeps = countingDeps(calls)) {
  return runRenderPipeline(plan, join(root, name), { fetcher: noFetch, cacheDir: cache }, deps);
}

async function audioMd5(video: string): Promise<string> {
  return (await run('ffmpeg', ['-v', 'error', '-i', video, '-map', '0:a', '-f', 'md5', '-'])).stdout.trim();
}

/** Mean RGB of a box (fractions of the frame) in frame `n` of the 25 fps grid. */
async function meanColour(video: string, n: number, b: { x: number; y: number; width: number; height: number }): Promise<Rgb> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', video, '-vf', `fps=25,select='eq(n\\,${n})'`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 });
  const [x0, y0, x1, y1] = [Math.round(b.x * W), Math.round(b.y * H), Math.round((b.x + b.width) * W), Math.round((b.y + b.height) * H)];
  const sum: Rgb = [0, 0, 0];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) sum[c]! += stdout[(y * W + x) * 3 + c]!;
  const count = (x1 - x0) * (y1 - y0);
  return sum.map((s) => Math.round(s / count)) as Rgb;
}

function near(actual: Rgb, expected: Rgb, what: string): void {
  assert.ok(actual.every((v, i) => Math.abs(v - expected[i]!) <= 24), `${what}: ${actual} is not near ${expected}`);
}

/** The files of every entry of one kind in a cache: `kind/<hh>/<hash>/<file>`. */
async function entryFiles(cache: string, kind: string, file: string): Promise<string[]> {
  const base = join(renderCacheRoot(cache), kind);
  const out: string[] = [];
  for (const shard of await readdir(base).catch(() => [])) for (const hash of await readdir(join(base, shard))) out.push(join(base, shard, hash, file));
  return out;
}

const LOGO = box(0.07, 0.07, 0.16, 0.16);
const PAPER = box(0.4, 0.03, 0.15, 0.1);
let logo = '';
let cache = '';
let coldFrames: string[] = [];

before(async () => {
  logo = join(root, 'logo.png');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#D02020' } }).png().toFile(logo);
  cache = join(root, 'cache');
});

test('cold and warm caches decode to the same frames and sound; the warm render synthesises nothing', async () => {
  const coldCalls = { n: 0 };
  const cold = await render(welcome('Ada', logo), cache, 'ada-cold', coldCalls);
  assert.equal(coldCalls.n, 1);
  for (const [kind, file] of [['layers-background', 'background.png'], ['timed-still', 'layer.png'], ['speech', 'speech.wav']]) {
    assert.equal((await entryFiles(cache, kind!, file!)).length, 1, kind);
  }
  const warmCalls = { n: 0 };
  const warm = await render(welcome('Ada', logo), cache, 'ada-warm', warmCalls);
  assert.equal(warmCalls.n, 0);
  // On the fps grid: the file stores only the frames where the picture changes.
  coldFrames = await frameHashes(cold.video, 25);
  assert.ok(coldFrames.length > 10);
  assert.deepEqual(await frameHashes(warm.video, 25), coldFrames);
  assert.equal(await audioMd5(warm.video), await audioMd5(cold.video));
  assert.deepEqual(warm.words, cold.words);
  near(await meanColour(warm.video, 5, LOGO), [0xd0, 0x20, 0x20], 'the logo');
});

test('a second recipient shares the layers background and gets the frames a cold cache gives', async () => {
  const calls = { n: 0 };
  const shared = await render(welcome('Grace', logo), cache, 'grace-shared', calls);
  assert.equal(calls.n, 1, 'her greeting is spoken afresh');
  // The background was shared; her greeting and her speech are new entries.
  assert.equal((await entryFiles(cache, 'layers-background', 'background.png')).length, 1);
  assert.equal((await entryFiles(cache, 'timed-still', 'layer.png')).length, 2);
  assert.equal((await entryFiles(cache, 'speech', 'speech.wav')).length, 2);
  const alone = await render(welcome('Grace', logo), join(root, 'cache-grace'), 'grace-cold');
  const frames = await frameHashes(shared.video, 25);
  assert.deepEqual(frames, await frameHashes(alone.video, 25));
  assert.notDeepEqual(frames, coldFrames);
});

test('what the cache holds is what the video shows; a picture rewritten at the same path is drawn afresh', async () => {
  // Paint the cached rasters: a render that takes them shows the paint.
  for (const png of await entryFiles(cache, 'layers-background', 'background.png')) {
    await sharp({ create: { width: W, height: H, channels: 3, background: '#FF00FF' } }).png().toFile(`${png}.new`);
    await run('mv', [`${png}.new`, png]);
  }
  const tampered = await render(welcome('Ada', logo), cache, 'ada-tampered');
  near(await meanColour(tampered.video, 5, PAPER), [0xff, 0x00, 0xff], 'the cached background');
  // Same path, other bytes: a new key, so the layers are drawn again with the blue logo on paper.
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2040D0' } }).png().toFile(`${logo}.new`);
  await run('mv', [`${logo}.new`, logo]);
  const blue = await render(welcome('Ada', logo), cache, 'ada-blue');
  near(await meanColour(blue.video, 5, LOGO), [0x20, 0x40, 0xd0], 'the new logo');
  near(await meanColour(blue.video, 5, PAPER), [0xf8, 0xfa, 0xfc], 'the paper');
  assert.equal((await entryFiles(cache, 'layers-background', 'background.png')).length, 2);
});

test('speech from engines that name no version (test doubles) is not cached', async () => {
  const own = join(root, 'cache-fake');
  const base = welcome('Alan', logo);
  const scene = base.scenes[0]!;
  const plan: RenderPlan = { ...base, scenes: [{ ...scene, character: { ...scene.character!, avatarId: 'fake_avatar' } as never, voice: { ...scene.voice, voiceId: 'fake_voice' } as never }] };
  await render(plan, own, 'fake', undefined, fakeRenderDeps(join(root, 'rigs')));
  assert.deepEqual(await entryFiles(own, 'speech', 'speech.wav'), []);
  assert.equal((await entryFiles(own, 'layers-background', 'background.png')).length, 1);
});
