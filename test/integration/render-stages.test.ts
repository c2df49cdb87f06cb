// The render stages as the orchestrator runs them: wall time per stage, and a silent video with
// burned-in captions (nothing to burn: the captioned variant is a copy, where ffmpeg used to fail).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { OratorError } from '../../src/domain/errors.js';
import { runRenderPipeline } from '../../src/render/render-video.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { fakeRenderDeps } from '../support/fake-render-deps.js';

const root = await mkdtemp(join(tmpdir(), 'orator-render-timings-'));
after(() => rm(root, { recursive: true, force: true }));

const avatar = { type: 'avatar', avatarId: 'fake_avatar', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false } as const;
const silentPlan: RenderPlan = {
  width: 192, height: 160, fps: 25, seed: 1, format: 'mp4', burnCaptions: true,
  scenes: [{ character: avatar, voice: { type: 'silence', durationSec: 0.4 }, background: { type: 'color', color: '#224466' } }],
};
const render = (out: string) =>
  runRenderPipeline(silentPlan, join(root, out), { fetcher: { fetchToFile: async () => { throw new Error('no fetches'); } }, cacheDir: join(root, 'cache') }, fakeRenderDeps(join(root, 'rigs')));

test('a silent video with burned-in captions renders; its captioned variant is the same video', async () => {
  const result = await render('silent').catch((e: unknown) => assert.fail(e instanceof OratorError ? `${e.message}: ${e.detail}` : String(e)));
  assert.ok(result.captionedVideo);
  assert.deepEqual(await readFile(result.captionedVideo), await readFile(result.video));
  assert.equal(result.words.length, 0);
});

test('a render returns wall time per stage in ms', async () => {
  const result = await render('timed');
  const timings = result.timings!;
  assert.deepEqual(Object.keys(timings).sort(), ['burn_captions', 'captions', 'encode', 'quality', 'speech', 'visuals']);
  for (const [stage, ms] of Object.entries(timings)) assert.ok(Number.isInteger(ms) && ms >= 0, `${stage}: ${ms}`);
  assert.ok(timings.encode! > 0, 'the encode takes measurable time');
});
