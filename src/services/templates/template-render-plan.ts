// A template and the caller's variable values → one RenderPlan (issue #12, simplified rendering): each
// selected scene is one ScenePlan. The avatar layer gives the character (placed at its box's centre,
// scaled by its height) and speaks its script; a scene without one is silence of its fixed length.
// Static layers at the bottom of the stack become a 'layers' background drawn once per scene; animated or
// timed layers, video layers and anything over the avatar become timed layers; audio layers are sound
// under the voice; a scene's transition and duration rule pass through as the plan's own.
import { createHash } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import type { AudioLayerPlan, BackgroundLayer, CharacterPlan, MediaSource, RenderPlan, SceneLengthPlan, ScenePlan, StoredMedia, TimedLayerPlan, VideoLayerContent, VoicePlan } from '../../domain/render-plan.js';
import { wholeReference, type AvatarLayer, type TemplateDocument, type TemplateLayer, type TemplateScene, type VariableDefault } from '../../domain/template.js';
import { assertHttpUrl, assetMedia, buildVoice, type RefusedUrlHost, type ResolvedAssets } from '../videos/plan-parts.js';
import type { RenderEngine } from '../ports.js';
import type { VariableValues } from './resolve-template-variables.js';
import { stockMediaFileOf, stockMediaSource } from './stock-media.js';

export interface TemplatePlanRequest {
  values: VariableValues;
  scene_ids?: readonly string[] | null;
  dimension: { width: number; height: number };
  fps?: number;
  burnCaptions?: boolean;
}

export interface TemplatePlanContext {
  engine: Pick<RenderEngine, 'findAvatar' | 'findVoice'>;
  assets: ResolvedAssets;
  refusedUrlHost: RefusedUrlHost;
  /** Where this deployment serves the stock templates' media (stockMediaBase): URLs under it render from the bundled files. */
  stockMediaBase: string;
}

/** Seconds a scene lasts when its rule names a video layer that is left out (it names no source). */
export const VIDEO_LAYER_SCENE_SEC = 5;
const FALLBACK_SCENE_SEC = 3;
/** The shortest silence a render plan takes (validate-render-plan's MIN_SILENCE_SEC). */
const SHORTEST_SILENCE_SEC = 0.1;
/** Frame heights a bottom-standing bust sinks: more than the idle motion's bob (0.5 % of the figure, at least 2 px at 180 p). */
const BUST_SINK = 0.012;

/** `{{name}}` → the text variable's content; references to other kinds read as nothing. */
export function substitute(text: string, values: VariableValues): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => {
    const v = values.get(name);
    return v && 'content' in v ? v.content : '';
  });
}

/** The scenes to render, in the order asked; an id may repeat. */
export function selectScenes(doc: TemplateDocument, sceneIds: readonly string[] | null | undefined): TemplateScene[] {
  if (!sceneIds || sceneIds.length === 0) return doc.scenes;
  return sceneIds.map((id, i) => {
    const scene = doc.scenes.find((s) => s.id === id);
    if (!scene) throw new OratorError('invalid_parameter', `scene_ids[${i}] '${id}' is not a scene of this template (it has ${doc.scenes.map((s) => s.id).join(', ')})`, { param: `scene_ids[${i}]` });
    return scene;
  });
}

/** A field that is one `{{variable}}` reads that variable; anything else is the literal value. */
function referenced(field: string, values: VariableValues): VariableDefault | undefined {
  const name = wholeReference(field);
  return name === undefined ? undefined : values.get(name);
}

function characterOf(layer: AvatarLayer, values: VariableValues, ctx: TemplatePlanContext): CharacterPlan {
  const ref = referenced(layer.avatar, values);
  const id = ref && 'character_id' in ref ? ref.character_id : layer.avatar;
  const param = wholeReference(layer.avatar) !== undefined ? `variables.${wholeReference(layer.avatar)}.properties.character_id` : 'template_id';
  if (ref && 'character_id' in ref && ref.type === 'talking_photo') throw new OratorError('invalid_parameter', 'Talking photos in templates are not supported yet; use a character of type avatar', { param });
  const avatar = ctx.engine.findAvatar(id);
  if (!avatar) throw new OratorError('avatar_not_found', `Avatar ${id} not found`, { param });
  const box = layer.box ?? { x: 0, y: 0, width: 1, height: 1 };
  const style = layer.avatar_style ?? 'normal';
  // A figure cut off at the rig's bottom edge (every style but the circle) whose box reaches the frame's
  // bottom sinks a little below it, so the breathing bob never lifts the cut into view.
  const sink = style !== 'circle' && box.y + box.height >= 1 - 1e-9 ? BUST_SINK : 0;
  return {
    type: 'avatar',
    avatarId: avatar.avatar_id,
    style,
    // The style's natural size fills the frame height; the box's height scales it.
    scale: Math.min(5, Math.max(0.1, box.height)),
    offset: { x: box.x + box.width / 2 - 0.5, y: box.y + box.height / 2 - 0.5 + sink },
    matting: false,
  };
}

function voiceOf(layer: AvatarLayer, values: VariableValues, ctx: TemplatePlanContext): VoicePlan {
  const ref = referenced(layer.voice, values);
  const name = wholeReference(layer.voice);
  const voiceId = ref && 'voice_id' in ref ? ref.voice_id : layer.voice;
  const scriptParam = `scenes.${layer.id}.script`;
  return buildVoice(
    { type: 'text', text: substitute(layer.script, values), voiceId, params: { text: scriptParam, voiceId: name !== undefined ? `variables.${name}.properties.voice_id` : 'template_id' } },
    ctx.engine, ctx.assets, ctx.refusedUrlHost,
  );
}

type Fit = 'cover' | 'contain' | 'crop' | 'none';
type MediaLayer = Extract<TemplateLayer, { type: 'image' | 'video' | 'audio' }>;

/** A media layer's source: its `{{variable}}`'s value, its asset or its URL; null when it names none. */
function mediaSource(layer: MediaLayer, values: VariableValues, ctx: TemplatePlanContext): { source: MediaSource | StoredMedia; ref: Record<string, unknown> | undefined } | null {
  const name = layer.src !== undefined ? wholeReference(layer.src) : undefined;
  const ref = (layer.src !== undefined ? referenced(layer.src, values) : undefined) as { url?: string; asset_id?: string } | undefined;
  const param = name !== undefined ? `variables.${name}.properties` : `layers.${layer.id}`;
  const media = ref ?? (layer.asset_id ? { asset_id: layer.asset_id } : { url: layer.src });
  if (media.url !== undefined) {
    // The server's own stock media are on disk: no fetch back to itself (which the SSRF guard would refuse anyway).
    const stock = stockMediaFileOf(media.url, ctx.stockMediaBase);
    if (stock) return { source: stockMediaSource(stock), ref };
    assertHttpUrl(media.url, `${param}.url`, ctx.refusedUrlHost);
    return { source: { url: media.url }, ref };
  }
  if (media.asset_id) return { source: assetMedia(ctx.assets, media.asset_id, layer.type, `${param}.asset_id`), ref };
  return null;
}

/** The picture of a shape, text or image layer (null for an image left out); video and audio are not stills. */
function stillContent(layer: TemplateLayer, values: VariableValues, ctx: TemplatePlanContext): BackgroundLayer | null {
  const box = layer.box ?? { x: 0, y: 0, width: 1, height: 1 };
  if (layer.type === 'shape') return { type: 'shape', box, color: layer.color, ...(layer.corner_radius ? { cornerRadius: layer.corner_radius } : {}) };
  if (layer.type === 'text') {
    return {
      type: 'text', box, text: substitute(layer.content, values), fontFamily: layer.font_family, fontSize: layer.font_size,
      fontWeight: layer.font_weight ?? 400, color: layer.color, align: layer.align ?? 'left',
      ...(layer.background ? { background: { color: layer.background.color, padding: layer.background.padding ?? 0, cornerRadius: layer.background.corner_radius ?? 0 } } : {}),
      ...(layer.shadow ? { shadow: { color: layer.shadow.color, blur: layer.shadow.blur ?? 0.01, offsetX: layer.shadow.offset_x ?? 0, offsetY: layer.shadow.offset_y ?? 0.004 } } : {}),
    };
  }
  if (layer.type === 'image') {
    const image = mediaSource(layer, values, ctx);
    if (!image) return null;
    return { type: 'image', box, source: image.source, fit: (image.ref?.fit as Fit | undefined) ?? layer.fit ?? 'cover' };
  }
  return null;
}

function videoContent(layer: Extract<TemplateLayer, { type: 'video' }>, values: VariableValues, ctx: TemplatePlanContext): VideoLayerContent | null {
  const media = mediaSource(layer, values, ctx);
  if (!media) return null;
  const playStyle = media.ref?.play_style as string | undefined;
  return {
    type: 'video', box: layer.box ?? { x: 0, y: 0, width: 1, height: 1 }, source: media.source,
    fit: (media.ref?.fit as Fit | undefined) ?? layer.fit ?? 'cover', muted: layer.muted ?? true,
    loop: playStyle !== undefined ? playStyle === 'loop' : layer.loop ?? false, trim: layer.trim ?? { start: 0 },
  };
}

/** A layer that is on screen the whole scene with no animation can be drawn into the background. */
function isStatic(layer: TemplateLayer): boolean {
  const still = (a: string | undefined): boolean => a === undefined || a === 'none';
  return (layer.type === 'shape' || layer.type === 'text' || layer.type === 'image') && !layer.start && layer.end === undefined && still(layer.entrance) && still(layer.exit);
}

interface SceneLayers {
  background: BackgroundLayer[];
  timed: TimedLayerPlan[];
  audio: AudioLayerPlan[];
  /** Index in `timed` of each video layer, by layer id. */
  videoIndex: Map<string, number>;
}

/**
 * Splits a scene's layers by how they are drawn, keeping the stacking order: the static layers below
 * everything animated are drawn once into the background; every layer from the first animated one up is
 * a timed layer (under or over the character by its place in the list); audio layers are sound only.
 */
function sceneLayers(scene: TemplateScene, values: VariableValues, ctx: TemplatePlanContext): SceneLayers {
  const out: SceneLayers = { background: [], timed: [], audio: [], videoIndex: new Map() };
  const avatarAt = scene.layers.findIndex((l) => l.type === 'avatar');
  let baking = true;
  for (const [i, layer] of scene.layers.entries()) {
    if (layer.type === 'avatar') continue;
    if (layer.type === 'audio') {
      const media = mediaSource(layer, values, ctx);
      if (media) out.audio.push({ source: media.source, volume: layer.volume ?? 1, start: layer.start ?? 0, ...(layer.ducking !== undefined ? { ducking: layer.ducking } : {}), ...(layer.end !== undefined ? { end: layer.end } : {}) });
      continue;
    }
    const overCharacter = avatarAt >= 0 && i > avatarAt;
    if (baking && !overCharacter && isStatic(layer)) {
      const still = stillContent(layer, values, ctx);
      if (still) out.background.push(still);
      continue;
    }
    baking = false;
    const content = layer.type === 'video' ? videoContent(layer, values, ctx) : stillContent(layer, values, ctx);
    if (!content) continue;
    if (layer.type === 'video') out.videoIndex.set(layer.id, out.timed.length);
    out.timed.push({
      content, start: layer.start ?? 0, entrance: layer.entrance ?? 'none', exit: layer.exit ?? 'none', overCharacter,
      ...(layer.end !== undefined ? { end: layer.end } : {}),
    });
  }
  return out;
}

function sceneLength(scene: TemplateScene, layers: SceneLayers): SceneLengthPlan | undefined {
  const rule = scene.duration;
  if (rule.type === 'fixed') return { type: 'at_least', seconds: rule.seconds };
  if (rule.type === 'video_layer') {
    const layer = layers.videoIndex.get(rule.layer_id);
    // A clip left out (no source) keeps the scene at the stand-in length.
    return layer !== undefined ? { type: 'video_layer', layer } : { type: 'at_least', seconds: VIDEO_LAYER_SCENE_SEC };
  }
  return undefined;
}

function scenePlan(scene: TemplateScene, values: VariableValues, ctx: TemplatePlanContext, first: boolean): ScenePlan {
  const avatar = scene.layers.find((l): l is AvatarLayer => l.type === 'avatar');
  const layers = sceneLayers(scene, values, ctx);
  const length = sceneLength(scene, layers);
  const transition = !first && scene.transition && scene.transition.type !== 'cut' ? { type: scene.transition.type, seconds: scene.transition.seconds ?? 0.5 } : undefined;
  const extra = {
    ...(layers.timed.length ? { timedLayers: layers.timed } : {}),
    ...(layers.audio.length ? { audioLayers: layers.audio } : {}),
    ...(transition ? { transition } : {}),
    ...(length ? { length } : {}),
  };
  const background = { type: 'layers' as const, color: '#FFFFFF', layers: layers.background };
  if (avatar) return { character: characterOf(avatar, values, ctx), voice: voiceOf(avatar, values, ctx), background, ...extra };
  // No voice: the scene is silence, as long as its rule says (a video layer's clip sets it at render time).
  // A video_layer scene's silence is the shortest a plan takes; the clip's length extends it at render time.
  const seconds = length?.type === 'at_least' ? length.seconds : length?.type === 'video_layer' ? SHORTEST_SILENCE_SEC : FALLBACK_SCENE_SEC;
  return { character: null, voice: { type: 'silence', durationSec: seconds }, background, ...extra };
}

export function buildTemplateRenderPlan(doc: TemplateDocument, request: TemplatePlanRequest, ctx: TemplatePlanContext): RenderPlan {
  const scenes = selectScenes(doc, request.scene_ids).map((s, i) => scenePlan(s, request.values, ctx, i === 0));
  const values = [...request.values.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    width: request.dimension.width,
    height: request.dimension.height,
    fps: request.fps ?? 25,
    // Same template, values and scenes, same frames.
    seed: createHash('sha256').update(JSON.stringify([doc.name, values, request.scene_ids ?? null, request.dimension])).digest().readUInt32BE(0),
    format: 'mp4',
    burnCaptions: request.burnCaptions ?? false,
    scenes,
  };
}
