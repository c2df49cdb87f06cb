// A WebM whose scenes are all silence: every sound is a filter source, which once outran ffmpeg's re-framing
// for Opus ("more samples than frame size") and failed the render.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { runRenderPipeline } from '../../src/render/render-video.js';
import { fakeRenderDeps } from '../support/fake-render-deps.js';
import { ffprobeJson } from '../support/render-probes.js';

test('a WebM of silent scenes renders with an Opus track as long as the picture', async () => {
  const root = await mkdtemp(join(tmpdir(), 'orator-webm-silence-'));
  try {
    const silent = (color: string) => ({ character: null, voice: { type: 'silence' as const, durationSec: 1 }, background: { type: 'color' as const, color } });
    const plan: RenderPlan = { width: 320, height: 180, fps: 25, seed: 1, format: 'webm', burnCaptions: false, scenes: [silent('#ff0000'), silent('#0000ff')] };
    const noFetch = { fetchToFile: async () => { throw new Error('no fetches here'); } };
    const result = await runRenderPipeline(plan, join(root, 'out'), { fetcher: noFetch, cacheDir: join(root, 'cache') }, fakeRenderDeps(join(root, 'rigs')));
    const probe = await ffprobeJson(result.video);
    const audio = probe.streams.find((s: { codec_type: string }) => s.codec_type === 'audio');
    assert.equal(audio?.codec_name, 'opus');
    assert.ok(Math.abs(Number(probe.format.duration) - 2) < 0.05, `duration ${probe.format.duration}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
