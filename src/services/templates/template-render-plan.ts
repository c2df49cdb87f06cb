// A template and the caller's variable values → one RenderPlan (issue #12, simplified rendering): each
// selected scene is one ScenePlan. The avatar layer gives the character (placed at its box's centre,
// scaled by its height) and speaks its script; a scene without one is silence of its fixed length.
// The static layers (shape, text, image) become a 'layers' background drawn once per scene.
// Not rendered yet: layer start/end times, entrances/exits, transitions, video and audio layers.
import { createHash } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import type { BackgroundLayer, CharacterPlan, MediaSource, RenderPlan, ScenePlan, StoredMedia, VoicePlan } from '../../domain/render-plan.js';
import { wholeReference, type AvatarLayer, type TemplateDocument, type TemplateLayer, type TemplateScene, type VariableDefault } from '../../domain/template.js';
import { assertHttpUrl, assetMedia, buildVoice, type RefusedUrlHost, type ResolvedAssets } from '../videos/plan-parts.js';
import type { RenderEngine } from '../ports.js';
import type { VariableValues } from './resolve-template-variables.js';
import { PLACEHOLDER_MEDIA } from './stock-templates.js';

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
}

/** Seconds a scene lasts when its rule is a video layer, which this slice does not render. */
export const VIDEO_LAYER_SCENE_SEC = 5;
const FALLBACK_SCENE_SEC = 3;

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
  return {
    type: 'avatar',
    avatarId: avatar.avatar_id,
    style: layer.avatar_style ?? 'normal',
    // The style's natural size fills the frame height; the box's height scales it.
    scale: Math.min(5, Math.max(0.1, box.height)),
    offset: { x: box.x + box.width / 2 - 0.5, y: box.y + box.height / 2 - 0.5 },
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

function imageSource(layer: Extract<TemplateLayer, { type: 'image' }>, values: VariableValues, ctx: TemplatePlanContext): { source: MediaSource | StoredMedia; fit: Fit } | null {
  const name = layer.src !== undefined ? wholeReference(layer.src) : undefined;
  const ref = (layer.src !== undefined ? referenced(layer.src, values) : undefined) as { url?: string; asset_id?: string; fit?: Fit } | undefined;
  const param = name !== undefined ? `variables.${name}.properties` : `layers.${layer.id}`;
  const media = ref ?? (layer.asset_id ? { asset_id: layer.asset_id } : { url: layer.src });
  const fit = ref?.fit ?? layer.fit ?? 'cover';
  if (media.url !== undefined) {
    // Stock templates ship placeholders, not pictures: their image layers are left out until replaced.
    if (media.url.startsWith(PLACEHOLDER_MEDIA)) return null;
    assertHttpUrl(media.url, `${param}.url`, ctx.refusedUrlHost);
    return { source: { url: media.url }, fit };
  }
  if (media.asset_id) return { source: assetMedia(ctx.assets, media.asset_id, 'image', `${param}.asset_id`), fit };
  return null;
}

function backgroundLayers(scene: TemplateScene, values: VariableValues, ctx: TemplatePlanContext): BackgroundLayer[] {
  const out: BackgroundLayer[] = [];
  for (const layer of scene.layers) {
    const box = layer.box ?? { x: 0, y: 0, width: 1, height: 1 };
    if (layer.type === 'shape') out.push({ type: 'shape', box, color: layer.color, ...(layer.corner_radius ? { cornerRadius: layer.corner_radius } : {}) });
    else if (layer.type === 'text') {
      out.push({
        type: 'text', box, text: substitute(layer.content, values), fontFamily: layer.font_family, fontSize: layer.font_size,
        fontWeight: layer.font_weight ?? 400, color: layer.color, align: layer.align ?? 'left',
        ...(layer.background ? { background: { color: layer.background.color, padding: layer.background.padding ?? 0, cornerRadius: layer.background.corner_radius ?? 0 } } : {}),
      });
    } else if (layer.type === 'image') {
      const image = imageSource(layer, values, ctx);
      if (!image) continue;
      out.push({ type: 'image', box, source: image.source, fit: image.fit });
    }
    // Video and audio layers are not rendered in this slice.
  }
  return out;
}

function scenePlan(scene: TemplateScene, values: VariableValues, ctx: TemplatePlanContext): ScenePlan {
  const avatar = scene.layers.find((l): l is AvatarLayer => l.type === 'avatar');
  const background = { type: 'layers' as const, color: '#FFFFFF', layers: backgroundLayers(scene, values, ctx) };
  if (avatar) return { character: characterOf(avatar, values, ctx), voice: voiceOf(avatar, values, ctx), background };
  const seconds = scene.duration.type === 'fixed' ? scene.duration.seconds : scene.duration.type === 'video_layer' ? VIDEO_LAYER_SCENE_SEC : FALLBACK_SCENE_SEC;
  return { character: null, voice: { type: 'silence', durationSec: seconds }, background };
}

export function buildTemplateRenderPlan(doc: TemplateDocument, request: TemplatePlanRequest, ctx: TemplatePlanContext): RenderPlan {
  const scenes = selectScenes(doc, request.scene_ids).map((s) => scenePlan(s, request.values, ctx));
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
