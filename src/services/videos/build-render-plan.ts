// Turns a /v2/video/generate body into a RenderPlan, with HeyGen's messages for the checks it owns.
// Pure: no I/O, so the request can be answered before anything touches the disk.
import { createHash } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import { checkSpeechText } from '../../domain/speech-text.js';
import type { BackgroundPlan, CharacterPlan, MediaSource, RenderPlan, ScenePlan, StoredMedia, VoicePlan } from '../../domain/render-plan.js';
import type { AssetFileType, AssetRecord } from '../assets/asset-ports.js';
import type { BackgroundInput, CharacterInput, GenerateVideoInput, VoiceInput } from './generate-video-input.js';
import type { RenderEngine } from '../ports.js';
import { assertVideoDimension } from '../../domain/video-dimension.js';
import type { ResolvedPhoto } from '../avatars/photo-lookup.js';

export const DEFAULT_DIMENSION = { width: 1280, height: 720 };
const DEFAULT_BACKGROUND = '#FFFFFF';

/**
 * The host of a URL the server must not fetch from or call back to, decided without DNS (compose.ts wires
 * the SSRF guard's literal-address and loopback-name rule, or nothing with ORATOR_ALLOW_PRIVATE_URLS=1);
 * null when allowed. Names that need DNS are refused by the guard at connect time instead.
 */
export type RefusedUrlHost = (url: URL) => string | null;

/** A client's value in a message, cut short so a megabyte string does not come back whole. */
const quoted = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

/** `param` is the field as the client named it (`video_inputs[0].voice.audio_url`, `callback_url`). */
export function assertHttpUrl(url: string, param: string, refusedHost: RefusedUrlHost): void {
  // The URL parser drops tab, CR and LF silently, so they are looked for in the text as sent.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) throw new OratorError('invalid_url', `${param} must not contain control characters (CR, LF, tab or other C0)`, { param });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OratorError('invalid_url', `${param} is not a valid URL: ${quoted(url)}`, { param });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OratorError('invalid_url', `${param} must be an http or https URL: ${quoted(url)}`, { param });
  const host = refusedHost(parsed);
  if (host !== null) throw new OratorError('invalid_url', `${param} points to a private, loopback or link-local address (${host}), which this server does not connect to`, { param });
}

/** Talking photos named by the request, already looked up by the caller (storage is async, this is not). */
export type ResolvedPhotos = ReadonlyMap<string, ResolvedPhoto>;

/** Uploaded assets named by the request (this space's only), looked up the same way. */
export type ResolvedAssets = ReadonlyMap<string, Pick<AssetRecord, 'fileType' | 'blobKey'>>;

/** An asset of the right kind as stored media, or HeyGen's asset errors naming the field. */
export function assetMedia(assets: ResolvedAssets, id: string, kind: AssetFileType, param: string): StoredMedia {
  const asset = assets.get(id);
  if (!asset) throw new OratorError('asset_not_found', `Asset ${id} not found`, { param });
  if (asset.fileType !== kind) throw new OratorError('invalid_parameter', `Asset ${id} is ${asset.fileType === 'image' ? 'an' : 'a'} ${asset.fileType} file; ${param} needs ${kind === 'image' ? 'an' : 'a'} ${kind}`, { param });
  return { blobKey: asset.blobKey };
}

function buildCharacter(c: CharacterInput | undefined, at: string, engine: RenderEngine, photos: ResolvedPhotos): CharacterPlan | null {
  if (!c) return null;
  if (c.type === 'talking_photo') {
    if (!c.talking_photo_id) throw new OratorError('missing_params', `${at}.talking_photo_id is required`, { param: `${at}.talking_photo_id` });
    const photo = photos.get(c.talking_photo_id);
    if (!photo) throw new OratorError('avatar_not_found', `Talking photo ${c.talking_photo_id} not found`, { param: `${at}.talking_photo_id` });
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

function buildVoice(v: VoiceInput, at: string, engine: RenderEngine, assets: ResolvedAssets, refusedHost: RefusedUrlHost): VoicePlan {
  switch (v.type) {
    case 'text': {
      if (!v.voice_id) throw new OratorError('missing_params', `${at}.voice_id is required`, { param: `${at}.voice_id` });
      if (v.input_text === undefined || v.input_text.trim() === '') {
        throw new OratorError('invalid_text_input', `${at}.input_text must not be empty`, { param: `${at}.input_text` });
      }
      checkSpeechText(v.input_text, `${at}.input_text`);
      if (!engine.findVoice(v.voice_id)) throw new OratorError('voice_not_found', `Voice ${v.voice_id} not found`, { param: `${at}.voice_id` });
      return { type: 'text', voiceId: v.voice_id, text: v.input_text, speed: v.speed ?? 1, pitch: v.pitch ?? 0 };
    }
    case 'audio': {
      if (v.audio_asset_id && !v.audio_url) return { type: 'audio', source: assetMedia(assets, v.audio_asset_id, 'audio', `${at}.audio_asset_id`) };
      if (!v.audio_url) throw new OratorError('missing_params', `${at}.audio_url is required`, { param: `${at}.audio_url` });
      assertHttpUrl(v.audio_url, `${at}.audio_url`, refusedHost);
      return { type: 'audio', source: { url: v.audio_url } };
    }
    case 'silence':
      return { type: 'silence', durationSec: v.duration ?? 1 };
  }
}

function buildBackground(b: BackgroundInput | undefined, at: string, assets: ResolvedAssets, refusedHost: RefusedUrlHost): BackgroundPlan {
  if (!b) return { type: 'color', color: DEFAULT_BACKGROUND };
  switch (b.type) {
    case 'color': {
      const color = b.value ?? DEFAULT_BACKGROUND;
      if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(color)) {
        throw new OratorError('invalid_parameter', `${at}.value must be a hex color like #FFFFFF`, { param: `${at}.value` });
      }
      return { type: 'color', color };
    }
    case 'image':
    case 'video': {
      const assetId = b.type === 'image' ? b.image_asset_id : b.video_asset_id;
      const url = b.url ?? (b.value && /^[a-z]+:\/\//i.test(b.value) ? b.value : undefined);
      let source: MediaSource | StoredMedia;
      if (url) {
        // A URL given in `value` (older clients) is named as sent.
        assertHttpUrl(url, url === b.url ? `${at}.url` : `${at}.value`, refusedHost);
        source = { url };
      } else if (assetId) {
        source = assetMedia(assets, assetId, b.type, `${at}.${b.type}_asset_id`);
      } else {
        throw new OratorError('missing_params', `${at}.url or ${at}.${b.type}_asset_id is required`, { param: `${at}.url` });
      }
      const fit = b.fit ?? 'cover';
      return b.type === 'image'
        ? { type: 'image', source, fit }
        : { type: 'video', source, fit, playStyle: b.play_style ?? 'loop' };
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
      voice: buildVoice(scene.voice, `${at}.voice`, engine, assets, refusedHost),
      background: buildBackground(scene.background, `${at}.background`, assets, refusedHost),
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
