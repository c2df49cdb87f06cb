import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeRenderPlan } from '../../src/render/normalize-render-plan.js';
import { runRenderCommand } from '../../src/cli/render-command.js';

test('plan files get defaults for fps, seed, format and scene details', () => {
  const plan = normalizeRenderPlan({
    width: 640,
    height: 360,
    scenes: [
      { character: { avatarId: 'a1' }, voice: { type: 'text', voiceId: 'v1', text: 'Hi' } },
      { voice: { type: 'silence', durationSec: 2 }, background: { type: 'video', source: { url: 'https://x/v.mp4' } } },
    ],
  });
  assert.deepEqual(plan, {
    width: 640, height: 360, fps: 25, seed: 1, format: 'mp4', burnCaptions: false,
    scenes: [
      {
        character: { type: 'avatar', avatarId: 'a1', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
        voice: { type: 'text', voiceId: 'v1', text: 'Hi', speed: 1, pitch: 0 },
        background: { type: 'color', color: '#ffffff' },
      },
      {
        character: null,
        voice: { type: 'silence', durationSec: 2 },
        background: { type: 'video', source: { url: 'https://x/v.mp4' }, fit: 'cover', playStyle: 'fit_to_scene' },
      },
    ],
  });
  assert.throws(() => normalizeRenderPlan({ scenes: 'no' }), (e: any) => e.kind === 'missing_params');
  assert.throws(() => normalizeRenderPlan({ scenes: [], format: 'avi' }), (e: any) => e.kind === 'invalid_parameter');
});

test('the render command reports bad usage and unreadable plans', async () => {
  const write = process.stderr.write.bind(process.stderr);
  const lines: string[] = [];
  process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    assert.equal(await runRenderCommand([]), 2);
    assert.equal(await runRenderCommand(['render', '/nonexistent/plan.json', '/tmp/out']), 1);
  } finally {
    process.stderr.write = write;
  }
  assert.match(lines.join(''), /usage: orator render/);
  assert.match(lines.join(''), /"code":"invalid_json"/);
});
