// Turns a /v2/video/generate body into a RenderPlan, with HeyGen's messages for the checks it owns.
// Pure: no I/O, so the request can be answered before anything touches the disk.
import { createHash } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import type { CharacterPlan, RenderPlan, ScenePlan } from '../../domain/render-plan.js';
import type { BackgroundInput, CharacterInput, GenerateVideoInput, VoiceInput } from './generate-video-input.js';
import type { RenderEngine } from '../ports.js';
import { assertVideoDimension } from '../../domain/video-dimension.js';
import { assertHttpUrl, buildBackground, buildVoice, type BackgroundSpec, type RefusedUrlHost, type ResolvedAssets, type ResolvedPhotos, type VoiceSpec } from './plan-parts.js';

export const DEFAULT_DIMENSION = { width: 1280, height: 720 };
function buildCharacter(c: CharacterInput | undefined, at: string, engine: RenderEngine, photos: ResolvedPhotos): CharacterPlan | null {
  if (!c) return null;
  if (c.type === 'talking_photo' || c.type === 'photo_avatar') {
    // A photo avatar (HeyGen's seed flow) is a photo animated like a talking photo; its unknown ids say so.
    const field = c.type === 'talking_photo' ? 'talking_photo_id' : 'photo_avatar_id';
    const id = c[field];
    if (!id) throw new OratorError('missing_params', `${at}.${field} is required`, { param: `${at}.${field}` });
    const photo = photos.get(id);
    if (!photo && c.type === 'photo_avatar') throw new OratorError('photo_avatar_not_found', `Photo avatar ${id} not found`, { param: `${at}.${field}` });
    if (!photo) throw new OratorError('avatar_not_found', `Talking photo ${id} not found`, { param: `${at}.${field}` });
    return {
      type: 'photo',
      image: photo.image,
      // HeyGen's talking_photo_style is 'square' | 'circle'; avatar_style works too.
      style: c.talking_photo_style === 'circle' ? 'circle' : c.avatar_style ?? 'normal',
      scale: c.scale ?? 1,
      offset: { x: c.offset?.x ?? 0, y: c.offset?.y ?? 0 },
      matting: false,
    };
  }
  if (!c.avatar_id) throw new OratorError('missing_params', `${at}.avatar_id is required`, { param: `${at}.avatar_id` });
  if (!engine.findAvatar(c.avatar_id)) throw new OratorError('avatar_not_found', `Avatar ${c.avatar_id} not found`, { param: `${at}.avatar_id` });
  return {
    type: 'avatar',
    avatarId: c.avatar_id,
    style: c.avatar_style ?? 'normal',
    scale: c.scale ?? 1,
    offset: { x: c.offset?.x ?? 0, y: c.offset?.y ?? 0 },
    matting: c.matting ?? false,
  };
}

/** A v2 scene's voice, in the terms buildVoice takes (`at` names the scene's voice as sent). */
function voiceOf(v: VoiceInput, at: string): VoiceSpec {
  switch (v.type) {
    case 'text':
      if (!v.voice_id) throw new OratorError('missing_params', `${at}.voice_id is required`, { param: `${at}.voice_id` });
      return { type: 'text', text: v.input_text, voiceId: v.voice_id, speed: v.speed, pitch: v.pitch, params: { text: `${at}.input_text`, voiceId: `${at}.voice_id` } };
    case 'audio':
      return { type: 'audio', url: v.audio_url, assetId: v.audio_asset_id, params: { url: `${at}.audio_url`, assetId: `${at}.audio_asset_id` } };
    case 'silence':
      return { type: 'silence', durationSec: v.duration ?? 1 };
  }
}

/** A v2 scene's background, in the terms buildBackground takes. */
function backgroundOf(b: BackgroundInput | undefined, at: string): BackgroundSpec | undefined {
  if (!b) return undefined;
  switch (b.type) {
    case 'color':
      return { type: 'color', value: b.value, param: `${at}.value` };
    case 'image':
    case 'video': {
      const url = b.url ?? (b.value && /^[a-z]+:\/\//i.test(b.value) ? b.value : undefined);
      return {
        type: b.type,
        url,
        // A URL given in `value` (older clients) is named as sent.
        urlParam: url === b.url ? `${at}.url` : `${at}.value`,
        assetId: b.type === 'image' ? b.image_asset_id : b.video_asset_id,
        assetParam: `${at}.${b.type}_asset_id`,
        missing: { message: `${at}.url or ${at}.${b.type}_asset_id is required`, param: `${at}.url` },
        fit: b.fit,
        playStyle: b.play_style,
      };
    }
    case 'transparent':
      return { type: 'transparent' };
  }
}

/** Deterministic seed from the request so the same body renders the same frames. */
function seedOf(input: GenerateVideoInput): number {
  return createHash('sha256').update(JSON.stringify(input.video_inputs)).digest().readUInt32BE(0);
}

export function buildRenderPlan(input: GenerateVideoInput, engine: RenderEngine, refusedHost: RefusedUrlHost, photos: ResolvedPhotos = new Map(), assets: ResolvedAssets = new Map()): RenderPlan {
  const dimension = input.dimension ?? DEFAULT_DIMENSION;
  assertVideoDimension(dimension);
  if (input.callback_url) assertHttpUrl(input.callback_url, 'callback_url', refusedHost);
  const scenes: ScenePlan[] = input.video_inputs.map((scene, i) => {
    const at = `video_inputs[${i}]`;
    return {
      character: buildCharacter(scene.character, `${at}.character`, engine, photos),
      voice: buildVoice(voiceOf(scene.voice, `${at}.voice`), engine, assets, refusedHost),
      background: buildBackground(backgroundOf(scene.background, `${at}.background`), assets, refusedHost),
    };
  });
  const plan: RenderPlan = {
    width: dimension.width,
    height: dimension.height,
    fps: 25,
    seed: seedOf(input),
    // Transparency needs an alpha-capable container.
    format: scenes.some((s) => s.background.type === 'transparent') ? 'webm' : 'mp4',
    burnCaptions: input.caption === true,
    scenes,
  };
  engine.validate(plan);
  return plan;
}
