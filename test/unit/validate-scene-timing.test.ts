import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScenePlan } from '../../src/domain/render-plan.js';
import { normalizeRenderPlan } from '../../src/render/normalize-render-plan.js';
import { validateSceneTiming } from '../../src/render/validate-scene-timing.js';

const clip = { content: { type: 'video', box: { x: 0, y: 0, width: 0.5, height: 0.5 }, source: { path: '/tmp/clip.mp4' }, fit: 'cover', muted: true, loop: false, trim: { start: 0 } }, start: 0, entrance: 'none', exit: 'none', overCharacter: false } as const;

function refused(scene: Partial<ScenePlan>, param: string, says: RegExp): void {
  assert.throws(() => validateSceneTiming(scene as ScenePlan, 2), (e: Error & { param?: string }) => {
    assert.equal(e.param, param);
    assert.match(e.message, says);
    assert.ok(e.message.startsWith(param), `the message starts with the field: ${e.message}`);
    return true;
  });
}

test('a plan file\'s sound layers, transitions and length rules are checked field by field', () => {
  validateSceneTiming({
    timedLayers: [clip], audioLayers: [{ source: { url: 'https://example.org/m.mp3' }, volume: 0.5, ducking: 0.2, start: 0 }],
    transition: { type: 'fade', seconds: 0.5 }, length: { type: 'video_layer', layer: 0 },
  }, 0);
  refused({ audioLayers: [{ source: { url: 'x' }, volume: 2, start: 0 }] }, 'scenes[2].audioLayers[0].volume', /from 0 to 1/);
  refused({ audioLayers: [{ source: {}, volume: 1, start: 0 }] } as never, 'scenes[2].audioLayers[0].source', /path or url/);
  refused({ audioLayers: [{ source: { url: 'x' }, volume: 1, start: 2, end: 1 }] }, 'scenes[2].audioLayers[0].end', /after start/);
  refused({ transition: { type: 'wipe', seconds: 1 } } as never, 'scenes[2].transition.type', /fade, slide/);
  refused({ transition: { type: 'fade', seconds: 9 } }, 'scenes[2].transition.seconds', /0.1 to 2/);
  refused({ length: { type: 'at_least', seconds: 0 } }, 'scenes[2].length.seconds', /above 0/);
  refused({ length: { type: 'video_layer', layer: 0 } }, 'scenes[2].length.layer', /video layer/);
});

test('orator render plan.json keeps a scene\'s sound layers, transition and length rule', () => {
  const scene = { voice: { type: 'silence', durationSec: 1 }, audioLayers: [{ source: { path: '/m.wav' }, volume: 1, start: 0 }], transition: { type: 'slide', seconds: 0.4 }, length: { type: 'at_least', seconds: 3 } };
  const plan = normalizeRenderPlan({ scenes: [scene, scene] });
  assert.deepEqual(plan.scenes[1]!.audioLayers, scene.audioLayers);
  assert.deepEqual(plan.scenes[1]!.transition, scene.transition);
  assert.deepEqual(plan.scenes[1]!.length, scene.length);
});
