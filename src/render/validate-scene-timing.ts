// A scene's sound layers, transition and length rule checked before rendering (issue #12): plans written by
// hand reach the engine as written, so each field is checked here, named as the plan file spells it.
import type { ScenePlan } from '../domain/render-plan.js';
import { fail, MAX_SECONDS, number, object, oneOf, source } from './plan-field-checks.js';

function audioLayers(value: unknown, where: string): void {
  if (!Array.isArray(value)) fail(where, 'must be an array');
  value.forEach((v, j) => {
    const path = `${where}[${j}]`;
    const a = object(v, path);
    source(a.source, `${path}.source`);
    number(a.volume, `${path}.volume`, 0, 1);
    if (a.ducking !== undefined) number(a.ducking, `${path}.ducking`, 0, 1);
    const start = number(a.start, `${path}.start`, 0, MAX_SECONDS);
    if (a.end !== undefined && number(a.end, `${path}.end`, 0, MAX_SECONDS, true) <= start) fail(`${path}.end`, `must be after start (${start} s)`);
  });
}

function transition(value: unknown, path: string): void {
  const t = object(value, path);
  oneOf(t.type, `${path}.type`, ['fade', 'slide']);
  number(t.seconds, `${path}.seconds`, 0.1, 2);
}

function length(value: unknown, path: string, scene: Pick<ScenePlan, 'timedLayers'>): void {
  const l = object(value, path);
  const type = oneOf(l.type, `${path}.type`, ['at_least', 'video_layer']);
  if (type === 'at_least') {
    number(l.seconds, `${path}.seconds`, 0, MAX_SECONDS, true);
    return;
  }
  const layer = l.layer;
  if (typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0) fail(`${path}.layer`, 'must be the index of one of the scene\'s timedLayers');
  if (scene.timedLayers?.[layer]?.content.type !== 'video') fail(`${path}.layer`, `must name a video layer of timedLayers (${layer} is not one)`);
}

export function validateSceneTiming(scene: Pick<ScenePlan, 'timedLayers' | 'audioLayers' | 'transition' | 'length'>, index: number): void {
  const where = `scenes[${index}]`;
  if (scene.audioLayers !== undefined) audioLayers(scene.audioLayers, `${where}.audioLayers`);
  if (scene.transition !== undefined) transition(scene.transition, `${where}.transition`);
  if (scene.length !== undefined) length(scene.length, `${where}.length`, scene);
}
