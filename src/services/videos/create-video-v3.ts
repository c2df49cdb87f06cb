// POST /v3/videos (and the flat Avatar IV body): one avatar speaking a script or an audio file,
// mapped onto the same RenderPlan and storage path as /v2/video/generate. Pure validation first, with
// v3 field names in `param`, so the request is answered before anything touches the disk.
import { createHash } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import { checkSpeechText } from '../../domain/speech-text.js';
import type { AvatarStyle, BackgroundPlan, CharacterPlan, MediaSource, RenderPlan, StoredMedia, VoicePlan, WatermarkPlan } from '../../domain/render-plan.js';
import { assertHttpUrl, assetMedia, buildBackground, buildVoice, type BackgroundSpec, type RefusedUrlHost, type ResolvedAssets, type VoiceSpec } from './plan-parts.js';
import type { AssetFileType, AssetLookup } from '../assets/asset-ports.js';
import { lookUpAssets, storeVideo, type CreateVideoDeps } from './store-video.js';
import { isSupportedApiEngine, SUPPORTED_API_ENGINES } from '../avatars/avatar-engines.js';
import { assertVideoDimension } from '../../domain/video-dimension.js';
import { DEFAULT_PHOTO_VOICE_ID, type PhotoLookup, type ResolvedPhoto } from '../avatars/photo-lookup.js';

export type V3VideoType = 'avatar' | 'image' | 'cinematic_avatar' | 'studio';
export type AspectRatio = '16:9' | '9:16' | '4:5' | '5:4' | '1:1' | 'auto';
export type Resolution = '720p' | '1080p' | '4k';
export type OutputFormatV3 = 'mp4' | 'webm';

type AssetInput = { type: string; url?: string; asset_id?: string; data?: string; media_type?: string };

/** The v3 body after schema validation (nullable fields arrive as null from some SDKs). */
export interface CreateVideoV3Input {
  type: V3VideoType;
  avatar_id?: string | null;
  image?: AssetInput | null;
  title?: string | null;
  script?: string | null;
  voice_id?: string | null;
  audio_url?: string | null;
  audio_asset_id?: string | null;
  voice_settings?: { speed?: number; pitch?: number; volume?: number; locale?: string | null } | null;
  background?: { type: 'color' | 'image'; value?: string | null; url?: string | null; asset_id?: string | null } | null;
  aspect_ratio?: AspectRatio | null;
  resolution?: Resolution | null;
  /** Orator extension: explicit pixel size, wins over aspect_ratio/resolution. */
  dimension?: { width: number; height: number } | null;
  caption?: { style?: string | null; file_format?: string } | boolean | null;
  output_format?: OutputFormatV3 | null;
  fit?: 'contain' | 'cover' | null;
  remove_background?: boolean | null;
  watermark?: {
    image: AssetInput;
    scale?: number;
    opacity?: number;
    placement?: { position?: WatermarkPlan['position']; offset_x?: number | null; offset_y?: number | null } | null;
  } | null;
  engine?: { type: string; reference_look_id?: string | null } | null;
  callback_url?: string | null;
  callback_id?: string | null;
  folder_id?: string | null;
}

export interface CreatedVideoV3 {
  video_id: string;
  status: 'pending';
  output_format: OutputFormatV3;
}

/** Short edge per resolution; the long edge follows the aspect ratio (HeyGen anchors the short edge). */
const SHORT_EDGE: Record<Resolution, number> = { '720p': 720, '1080p': 1080, '4k': 2160 };
/** width:height per aspect ratio; 'auto' falls back to 16:9 as HeyGen does when the source size is unknown. */
const RATIO: Record<AspectRatio, [number, number]> = { '16:9': [16, 9], '9:16': [9, 16], '4:5': [4, 5], '5:4': [5, 4], '1:1': [1, 1], auto: [16, 9] };
/** Self-hosted renders are CPU-bound: 720p unless asked for more. */
export const DEFAULT_RESOLUTION: Resolution = '720p';
const even = (n: number) => Math.round(n / 2) * 2;

export function dimensionFor(aspect: AspectRatio, resolution: Resolution): { width: number; height: number } {
  const [w, h] = RATIO[aspect];
  const short = SHORT_EDGE[resolution];
  return w >= h ? { width: even((short * w) / h), height: short } : { width: short, height: even((short * h) / w) };
}

function rejectUnsupportedType(type: V3VideoType): void {
  switch (type) {
    case 'avatar':
    case 'image':
      return;
    case 'cinematic_avatar':
    case 'studio':
      throw new OratorError('invalid_parameter', `Video type '${type}' is not supported yet on this server; use type 'avatar'.`, { param: 'type' });
  }
}

/** A v3 asset input (`{type: "url"}` or `{type: "asset_id"}`, the id already looked up) as plan media. */
function mediaOf(asset: AssetInput, kind: AssetFileType, param: string, assets: ResolvedAssets, refusedHost: RefusedUrlHost): MediaSource | StoredMedia {
  if (asset.type === 'url' && asset.url) {
    assertHttpUrl(asset.url, `${param}.url`, refusedHost);
    return { url: asset.url };
  }
  if (asset.type === 'asset_id') return assetMedia(assets, asset.asset_id ?? '', kind, `${param}.asset_id`);
  throw new OratorError('invalid_parameter', `${param} must be {"type":"url","url":"https://…"} or {"type":"asset_id","asset_id":"…"} (base64 input is not supported yet)`, { param });
}

/** The v3 body's voice, in the terms buildVoice takes: a script (with voice_id or the subject's default voice) or audio. */
function voiceOf(input: CreateVideoV3Input, defaultVoiceId: string): VoiceSpec {
  const hasScript = input.script !== undefined && input.script !== null;
  const hasAudio = Boolean(input.audio_url || input.audio_asset_id);
  if (hasScript && hasAudio) throw new OratorError('invalid_parameter', 'script is mutually exclusive with audio_url/audio_asset_id', { param: 'script' });
  if (hasAudio) return { type: 'audio', url: input.audio_url ?? undefined, assetId: input.audio_asset_id ?? undefined, params: { url: 'audio_url', assetId: 'audio_asset_id' } };
  if (!hasScript) throw new OratorError('missing_params', 'script or audio_url is required', { param: 'script' });
  const s = input.voice_settings ?? {};
  return { type: 'text', text: input.script!, voiceId: input.voice_id || defaultVoiceId, speed: s.speed, pitch: s.pitch, volume: s.volume, params: { text: 'script', voiceId: 'voice_id' } };
}

/** The v3 background, in the terms buildBackground takes; webm output is transparent and takes none. */
function backgroundOf(input: CreateVideoV3Input, format: OutputFormatV3): BackgroundSpec | undefined {
  const b = input.background;
  if (format === 'webm') {
    // HeyGen: webm means an alpha channel, so a background contradicts it.
    if (b) throw new OratorError('invalid_parameter', "background cannot be set when output_format is 'webm' (the video has a transparent background)", { param: 'background' });
    return { type: 'transparent' };
  }
  if (!b) return undefined;
  if (b.type === 'color') return { type: 'color', value: b.value ?? undefined, param: 'background.value' };
  return {
    type: 'image',
    url: b.url ?? undefined,
    urlParam: 'background.url',
    assetId: b.asset_id,
    assetParam: 'background.asset_id',
    missing: { message: 'background.url is required when background.type is image', param: 'background.url' },
  };
}

function buildWatermark(w: NonNullable<CreateVideoV3Input['watermark']>, assets: ResolvedAssets, refusedHost: RefusedUrlHost): WatermarkPlan {
  return {
    source: mediaOf(w.image, 'image', 'watermark.image', assets, refusedHost),
    scale: w.scale ?? 1,
    opacity: w.opacity ?? 1,
    position: w.placement?.position ?? 'bottom_right',
    offsetX: w.placement?.offset_x ?? 0,
    offsetY: w.placement?.offset_y ?? 0,
  };
}

/** `fit` picks how much of the frame the avatar fills; without it, portrait canvases get a close-up. */
function styleFor(fit: CreateVideoV3Input['fit'], d: { width: number; height: number }): AvatarStyle {
  if (fit === 'cover') return 'closeUp';
  if (fit === 'contain') return 'normal';
  return d.height > d.width ? 'closeUp' : 'normal';
}

function burnCaptionsOf(caption: CreateVideoV3Input['caption']): boolean {
  if (typeof caption === 'boolean') return caption;
  // A sidecar SRT is always produced; `style` additionally burns them in.
  return Boolean(caption?.style);
}

/**
 * The photo of a `type: "image"` request: a URL, or an asset id already resolved by the caller (a
 * talking photo, stock or uploaded, or an uploaded image asset; its face is found at render).
 */
function photoImage(input: CreateVideoV3Input, photo: ResolvedPhoto | undefined, assets: ResolvedAssets, refusedHost: RefusedUrlHost): ResolvedPhoto {
  const image = input.image;
  if (!image) throw new OratorError('missing_params', "image is required when type is 'image'", { param: 'image' });
  if (image.type === 'asset_id' && photo) return photo;
  const media = mediaOf(image, 'image', 'image', assets, refusedHost);
  return { image: media, defaultVoiceId: DEFAULT_PHOTO_VOICE_ID };
}

export function buildV3RenderPlan(input: CreateVideoV3Input, deps: CreateVideoDeps, photo?: ResolvedPhoto, assets: ResolvedAssets = new Map()): { plan: RenderPlan; outputFormat: OutputFormatV3 } {
  rejectUnsupportedType(input.type);
  let who: { defaultVoiceId: string; id: unknown; character: (style: AvatarStyle) => CharacterPlan };
  // An avatar_id that is no stock avatar may be a photo avatar look (the caller looked it up).
  if (input.type === 'image' || (input.type === 'avatar' && photo)) {
    const resolved = input.type === 'image' ? photoImage(input, photo, assets, deps.refusedUrlHost) : photo!;
    who = { defaultVoiceId: resolved.defaultVoiceId, id: resolved.image, character: (style) => ({ type: 'photo', image: resolved.image, style, scale: 1, offset: { x: 0, y: 0 }, matting: false }) };
  } else {
    if (!input.avatar_id) throw new OratorError('missing_params', 'avatar_id is required', { param: 'avatar_id' });
    const avatar = deps.engine.findAvatar(input.avatar_id);
    if (!avatar) throw new OratorError('avatar_not_found', `Avatar ${input.avatar_id} not found`, { param: 'avatar_id' });
    const engineType = input.engine?.type ?? 'avatar_iv';
    if (!isSupportedApiEngine(engineType)) {
      throw new OratorError('invalid_parameter', `engine.type '${engineType}' is not supported for avatar ${input.avatar_id}; supported_api_engines: ${SUPPORTED_API_ENGINES.join(', ')}`, {
        param: 'engine.type',
      });
    }
    who = { defaultVoiceId: avatar.default_voice_id, id: input.avatar_id, character: (style) => ({ type: 'avatar', avatarId: avatar.avatar_id, style, scale: 1, offset: { x: 0, y: 0 }, matting: input.remove_background === true }) };
  }
  if (input.callback_url) assertHttpUrl(input.callback_url, 'callback_url', deps.refusedUrlHost);
  const outputFormat: OutputFormatV3 = input.output_format ?? 'mp4';
  const dimension = input.dimension ?? dimensionFor(input.aspect_ratio ?? '16:9', input.resolution ?? DEFAULT_RESOLUTION);
  assertVideoDimension(dimension);
  const voice = buildVoice(voiceOf(input, who.defaultVoiceId), deps.engine, assets, deps.refusedUrlHost);
  const background = buildBackground(backgroundOf(input, outputFormat), assets, deps.refusedUrlHost);
  const plan: RenderPlan = {
    width: dimension.width,
    height: dimension.height,
    fps: 25,
    // Same body, same frames.
    seed: createHash('sha256').update(JSON.stringify([who.id, input.script ?? input.audio_url, input.voice_id, dimension])).digest().readUInt32BE(0),
    format: outputFormat,
    burnCaptions: burnCaptionsOf(input.caption),
    scenes: [
      {
        character: who.character(styleFor(input.fit, dimension)),
        voice,
        background,
      },
    ],
  };
  if (input.watermark) plan.watermark = buildWatermark(input.watermark, assets, deps.refusedUrlHost);
  deps.engine.validate(plan);
  return { plan, outputFormat };
}

export async function createVideoV3(deps: CreateVideoDeps & { photos?: PhotoLookup; assets?: AssetLookup }, spaceId: string, input: CreateVideoV3Input): Promise<CreatedVideoV3> {
  // Ids live in storage, so they are looked up before the pure checks: an image by asset id is a
  // talking photo (stock or uploaded to this space) or else an uploaded image asset; audio,
  // background and watermark ids are uploaded assets of this space.
  const imageId = input.type === 'image' && input.image?.type === 'asset_id' ? input.image.asset_id : undefined;
  const lookId = input.type === 'avatar' && input.avatar_id && !deps.engine.findAvatar(input.avatar_id) ? input.avatar_id : undefined;
  const photo = imageId || lookId ? await deps.photos?.findPhoto(spaceId, (imageId ?? lookId)!) : undefined;
  const assets = await lookUpAssets(deps.assets, spaceId, [
    photo ? undefined : imageId,
    input.audio_asset_id,
    input.background?.type === 'image' ? input.background.asset_id : undefined,
    input.watermark?.image.type === 'asset_id' ? input.watermark.image.asset_id : undefined,
  ]);
  const { plan, outputFormat } = buildV3RenderPlan(input, deps, photo, assets);
  const { video_id } = await storeVideo(deps, spaceId, plan, {
    title: input.title ?? null,
    callbackId: input.callback_id ?? null,
    callbackUrl: input.callback_url ?? null,
    folderId: input.folder_id ?? null,
    request: input,
  });
  return { video_id, status: 'pending', output_format: outputFormat };
}
