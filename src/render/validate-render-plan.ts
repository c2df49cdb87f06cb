// Plan checks that must fail before a job is queued, with HeyGen's messages. Lookups are passed in so
// the same rules run against the real catalogues and against test doubles.
import { OratorError } from '../domain/errors.js';
import { checkSpeechText } from '../domain/speech-text.js';
import type { RenderPlan } from '../domain/render-plan.js';
import { assertVideoDimension } from '../domain/video-dimension.js';
import { validateSceneTiming } from './validate-scene-timing.js';
import { validateTimedLayers } from './validate-timed-layers.js';

export interface PlanLookups {
  avatarExists(avatarId: string): boolean;
  voiceExists(voiceId: string): boolean;
}

export const MAX_SCENES = 50;
export const MIN_SILENCE_SEC = 0.1;
export const MAX_SILENCE_SEC = 600;

export function validateRenderPlanWith(plan: RenderPlan, lookups: PlanLookups): void {
  assertVideoDimension({ width: plan.width, height: plan.height });
  if (!Number.isFinite(plan.fps) || plan.fps < 1 || plan.fps > 60) {
    throw new OratorError('invalid_parameter', 'fps must be between 1 and 60', { param: 'fps' });
  }
  if (!Array.isArray(plan.scenes) || plan.scenes.length < 1 || plan.scenes.length > MAX_SCENES) {
    throw new OratorError('invalid_parameter', `video_inputs must contain between 1 and ${MAX_SCENES} scenes`, { param: 'video_inputs' });
  }
  plan.scenes.forEach((scene, i) => {
    const where = `video_inputs[${i}]`;
    if (scene.character) {
      if (scene.character.type === 'avatar' && !lookups.avatarExists(scene.character.avatarId)) {
        throw new OratorError('avatar_not_found', `Avatar ${scene.character.avatarId} not found`, { param: `${where}.character.avatar_id` });
      }
      const scale = scene.character.scale;
      if (!Number.isFinite(scale) || scale < 0.1 || scale > 5) {
        throw new OratorError('invalid_parameter', 'character.scale must be between 0.1 and 5', { param: `${where}.character.scale` });
      }
    }
    const voice = scene.voice;
    if (voice.type === 'text') {
      if (!lookups.voiceExists(voice.voiceId)) {
        throw new OratorError('voice_not_found', `Voice ${voice.voiceId} not found`, { param: `${where}.voice.voice_id` });
      }
      if (voice.text.trim().length === 0) {
        throw new OratorError('invalid_text_input', 'Voice input text must not be empty', { param: `${where}.voice.input_text` });
      }
      if (voice.volume !== undefined && !(Number.isFinite(voice.volume) && voice.volume >= 0 && voice.volume <= 1)) {
        throw new OratorError('invalid_parameter', 'voice_settings.volume must be between 0 and 1', { param: `${where}.voice.volume` });
      }
      checkSpeechText(voice.text, `${where}.voice.input_text`);
    } else if (voice.type === 'silence') {
      if (!Number.isFinite(voice.durationSec) || voice.durationSec < MIN_SILENCE_SEC || voice.durationSec > MAX_SILENCE_SEC) {
        throw new OratorError('invalid_parameter', `Silence duration must be between ${MIN_SILENCE_SEC} and ${MAX_SILENCE_SEC} seconds`, { param: `${where}.voice.duration` });
      }
    }
    if (scene.background.type === 'color' && !/^#?([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(scene.background.color.trim())) {
      throw new OratorError('invalid_parameter', `Background colour ${scene.background.color} is not a hex colour`, { param: `${where}.background.value` });
    }
    validateTimedLayers(scene, i);
    validateSceneTiming(scene, i);
  });
  const wm = plan.watermark;
  if (wm) {
    const within = (n: number, lo: number, hi: number): boolean => Number.isFinite(n) && n >= lo && n <= hi;
    if (!within(wm.scale, 0, 2)) throw new OratorError('invalid_parameter', 'watermark.scale must be between 0 and 2', { param: 'watermark.scale' });
    if (!within(wm.opacity, 0, 1)) throw new OratorError('invalid_parameter', 'watermark.opacity must be between 0 and 1', { param: 'watermark.opacity' });
    if (!within(wm.offsetX, -1, 1) || !within(wm.offsetY, -1, 1)) {
      throw new OratorError('invalid_parameter', 'watermark offsets must be fractions of the frame between -1 and 1', { param: 'watermark.placement' });
    }
  }
}
