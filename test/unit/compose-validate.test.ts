import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRenderPlanWith } from '../../src/render/validate-render-plan.js';
import { crossCorrelationPeak, pearson, rmsEnvelope } from '../../src/render/quality/signal-stats.js';
import type { RenderPlan, ScenePlan } from '../../src/domain/render-plan.js';

const lookups = { avatarExists: (id: string) => id === 'a1', voiceExists: (id: string) => id === 'v1' };
const scene: ScenePlan = {
  character: { type: 'avatar', avatarId: 'a1', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
  voice: { type: 'text', voiceId: 'v1', text: 'Hi', speed: 1, pitch: 0 },
  background: { type: 'color', color: '#ffffff' },
};
const plan = (over: Partial<RenderPlan> = {}): RenderPlan => ({ width: 320, height: 240, fps: 25, seed: 1, format: 'mp4', burnCaptions: false, scenes: [scene], ...over });
const fails = (p: RenderPlan, kind: string, message?: RegExp) =>
  assert.throws(() => validateRenderPlanWith(p, lookups), (e: any) => e.kind === kind && (!message || message.test(e.message)));

test('dimensions follow HeyGen rules and messages', () => {
  validateRenderPlanWith(plan(), lookups);
  fails(plan({ width: 5000 }), 'invalid_dimension', /^Video width or height must be smaller than 4096 and larger than 128$/);
  fails(plan({ height: 100 }), 'invalid_dimension', /smaller than 4096/);
  fails(plan({ width: 321 }), 'invalid_dimension', /^Video width and height must be even number$/);
  assert.throws(() => validateRenderPlanWith(plan({ width: 100 }), lookups), (e: any) => e.param === 'dimension');
});

test('scenes, avatars, voices, text and silence are checked', () => {
  fails(plan({ scenes: [] }), 'invalid_parameter');
  fails(plan({ scenes: new Array(51).fill(scene) }), 'invalid_parameter');
  validateRenderPlanWith(plan({ scenes: new Array(50).fill(scene) }), lookups);
  fails(plan({ scenes: [{ ...scene, character: { ...scene.character!, avatarId: 'nope' } }] }), 'avatar_not_found');
  fails(plan({ scenes: [{ ...scene, voice: { type: 'text', voiceId: 'nope', text: 'x', speed: 1, pitch: 0 } }] }), 'voice_not_found');
  fails(plan({ scenes: [{ ...scene, voice: { type: 'text', voiceId: 'v1', text: 'x'.repeat(5001), speed: 1, pitch: 0 } }] }), 'text_too_long');
  fails(plan({ scenes: [{ ...scene, voice: { type: 'silence', durationSec: 0.05 } }] }), 'invalid_parameter');
  fails(plan({ scenes: [{ ...scene, voice: { type: 'silence', durationSec: 601 } }] }), 'invalid_parameter');
  validateRenderPlanWith(plan({ scenes: [{ ...scene, voice: { type: 'silence', durationSec: 0.1 } }] }), lookups);
  fails(plan({ scenes: [{ ...scene, background: { type: 'color', color: 'blue' } }] }), 'invalid_parameter');
});

test('statistics behind the quality figures', () => {
  assert.equal(pearson([1, 2, 3, 4], [2, 4, 6, 8]), 1);
  assert.equal(pearson([1, 1, 1], [1, 2, 3]), 0);
  const audio = Array.from({ length: 200 }, (_, i) => Math.max(0, Math.sin(i / 3)) + (i % 7) / 20);
  const video = audio.map((_, i) => audio[i - 2] ?? 0); // the picture trails the sound by 2 frames
  const peak = crossCorrelationPeak(video, audio, 5);
  assert.ok(Math.abs(peak.lag - 2) < 0.3, `lag ${peak.lag}`);
  const env = rmsEnvelope(new Int16Array([16384, -16384, 0, 0]), 2, 2);
  assert.deepEqual([...env], [0.5, 0]);
});
