// A plan file as people write it: missing fps, seed, format and per-scene details get the defaults
// the API would apply, so `orator render plan.json out/` accepts short hand-written plans.
import { OratorError } from '../domain/errors.js';
import type { BackgroundPlan, CharacterPlan, RenderPlan, ScenePlan, VoicePlan } from '../domain/render-plan.js';

type Loose = Record<string, unknown>;

export function normalizeRenderPlan(input: unknown): RenderPlan {
  if (!isObject(input)) throw new OratorError('invalid_parameter', 'A render plan must be a JSON object');
  const scenes = input.scenes;
  if (!Array.isArray(scenes)) throw new OratorError('missing_params', 'A render plan needs a scenes array', { param: 'scenes' });
  const format = input.format ?? 'mp4';
  if (format !== 'mp4' && format !== 'webm' && format !== 'mov') throw new OratorError('invalid_parameter', `Unknown format ${String(format)}`, { param: 'format' });
  return {
    width: num(input.width, 1280),
    height: num(input.height, 720),
    fps: num(input.fps, 25),
    seed: num(input.seed, 1),
    format,
    burnCaptions: input.burnCaptions === true,
    scenes: scenes.map((scene, i) => normalizeScene(scene, i)),
  };
}

function normalizeScene(scene: unknown, index: number): ScenePlan {
  if (!isObject(scene)) throw new OratorError('invalid_parameter', `Scene ${index} must be an object`, { param: `scenes[${index}]` });
  return {
    character: normalizeCharacter(scene.character),
    voice: normalizeVoice(scene.voice, index),
    background: normalizeBackground(scene.background),
    // Passed through as written: validation checks every field before rendering.
    ...(scene.timedLayers !== undefined ? { timedLayers: scene.timedLayers as ScenePlan['timedLayers'] } : {}),
    ...(scene.audioLayers !== undefined ? { audioLayers: scene.audioLayers as ScenePlan['audioLayers'] } : {}),
    ...(scene.transition !== undefined ? { transition: scene.transition as ScenePlan['transition'] } : {}),
    ...(scene.length !== undefined ? { length: scene.length as ScenePlan['length'] } : {}),
  };
}

function normalizeCharacter(c: unknown): CharacterPlan | null {
  if (!isObject(c)) return null;
  const offset = isObject(c.offset) ? c.offset : {};
  const placement = {
    style: c.style === 'circle' || c.style === 'closeUp' ? c.style : 'normal',
    scale: num(c.scale, 1),
    offset: { x: num(offset.x, 0), y: num(offset.y, 0) },
    matting: c.matting === true,
  } as const;
  if (c.type === 'photo') return { type: 'photo', image: source(c.image, -1), ...placement };
  return { type: 'avatar', avatarId: String(c.avatarId ?? ''), ...placement };
}

function normalizeVoice(v: unknown, index: number): VoicePlan {
  if (!isObject(v)) throw new OratorError('missing_params', `Scene ${index} needs a voice`, { param: `scenes[${index}].voice` });
  if (v.type === 'silence') return { type: 'silence', durationSec: num(v.durationSec, 1) };
  if (v.type === 'audio') {
    return { type: 'audio', source: source(v.source, index), ...(typeof v.transcript === 'string' ? { transcript: v.transcript } : {}) };
  }
  return { type: 'text', voiceId: String(v.voiceId ?? ''), text: String(v.text ?? ''), speed: num(v.speed, 1), pitch: num(v.pitch, 0) };
}

function normalizeBackground(b: unknown): BackgroundPlan {
  if (!isObject(b)) return { type: 'color', color: '#ffffff' };
  const fit = b.fit === 'contain' || b.fit === 'crop' || b.fit === 'none' ? b.fit : 'cover';
  if (b.type === 'transparent') return { type: 'transparent' };
  // Template layers are checked where templates are validated; a plan file passes them through as written.
  if (b.type === 'layers' && Array.isArray(b.layers)) return { type: 'layers', color: String(b.color ?? '#ffffff'), layers: b.layers } as BackgroundPlan;
  if (b.type === 'image') return { type: 'image', source: source(b.source, -1), fit };
  if (b.type === 'video') {
    const playStyle = b.playStyle === 'freeze' || b.playStyle === 'loop' || b.playStyle === 'once' ? b.playStyle : 'fit_to_scene';
    return { type: 'video', source: source(b.source, -1), fit, playStyle };
  }
  return { type: 'color', color: String(b.color ?? '#ffffff') };
}

function source(s: unknown, index: number): { path: string } | { url: string } {
  if (isObject(s) && typeof s.url === 'string') return { url: s.url };
  if (isObject(s) && typeof s.path === 'string') return { path: s.path };
  throw new OratorError('missing_params', `A media source needs a path or a url${index >= 0 ? ` (scene ${index})` : ''}`);
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
