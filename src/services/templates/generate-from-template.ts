// POST /v2/template/{id}/generate and POST /v3/templates/{id}: a template plus the caller's variables
// becomes an ordinary video (stored with storeVideo: polled, listed, deleted, announced by webhooks).
// Ids are looked up first (the template, then the assets the values name), then the pure mapping runs.
import { OratorError } from '../../domain/errors.js';
import type { RenderPlan } from '../../domain/render-plan.js';
import type { TemplateDocument } from '../../domain/template.js';
import { assertVideoDimension } from '../../domain/video-dimension.js';
import type { AssetLookup } from '../assets/asset-ports.js';
import { dimensionFor, DEFAULT_RESOLUTION } from '../videos/create-video-v3.js';
import { assertHttpUrl } from '../videos/plan-parts.js';
import { lookUpAssets, storeVideo, type CreateVideoDeps } from '../videos/store-video.js';
import { resolveTemplateVariables, type VariableValues } from './resolve-template-variables.js';
import { buildTemplateRenderPlan } from './template-render-plan.js';

export type TemplateVideoDeps = CreateVideoDeps & {
  assets?: AssetLookup;
  /** Where the stock templates' media are served (stockMediaBase): URLs under it render from the bundled files. */
  stockMediaBase: string;
};

/** The v2 and v3 generate bodies after schema validation, in one shape. */
export interface GenerateFromTemplateInput {
  variables?: unknown;
  scene_ids?: string[] | null;
  dimension?: { width: number; height: number } | null;
  /** 25, 30 or 60 (v3); 25 when absent. */
  fps?: number | null;
  title?: string | null;
  /** Burns captions in when true (a sidecar SRT is always produced). */
  caption?: boolean | null;
  callback_id?: string | null;
  callback_url?: string | null;
  folder_id?: string | null;
}

/** Every asset id the values and the selected layers name, to look up in one go. */
function assetIdsOf(doc: TemplateDocument, values: VariableValues): string[] {
  const ids: string[] = [];
  for (const v of values.values()) if ('asset_id' in v && v.asset_id) ids.push(v.asset_id);
  for (const scene of doc.scenes) for (const l of scene.layers) if ((l.type === 'image' || l.type === 'video' || l.type === 'audio') && l.asset_id) ids.push(l.asset_id);
  return ids;
}

/** The render plan for a template and the caller's values (ids looked up in the space), validated. */
export async function planFromTemplate(
  deps: Pick<TemplateVideoDeps, 'assets' | 'engine' | 'refusedUrlHost' | 'stockMediaBase'>, spaceId: string, doc: TemplateDocument,
  input: Pick<GenerateFromTemplateInput, 'variables' | 'scene_ids' | 'dimension' | 'fps' | 'caption'>,
): Promise<RenderPlan> {
  const values = resolveTemplateVariables(doc.variables, input.variables);
  const dimension = input.dimension ?? dimensionFor(doc.aspect_ratio, DEFAULT_RESOLUTION);
  assertVideoDimension(dimension);
  const assets = await lookUpAssets(deps.assets, spaceId, assetIdsOf(doc, values));
  const plan = buildTemplateRenderPlan(doc, { values, scene_ids: input.scene_ids, dimension, fps: input.fps ?? 25, burnCaptions: input.caption === true }, { engine: deps.engine, assets, refusedUrlHost: deps.refusedUrlHost, stockMediaBase: deps.stockMediaBase });
  deps.engine.validate(plan);
  return plan;
}

export async function generateFromTemplate(deps: TemplateVideoDeps, spaceId: string, doc: TemplateDocument, input: GenerateFromTemplateInput): Promise<{ video_id: string }> {
  if (input.callback_url) assertHttpUrl(input.callback_url, 'callback_url', deps.refusedUrlHost);
  const plan = await planFromTemplate(deps, spaceId, doc, input);
  return storeVideo(deps, spaceId, plan, {
    title: input.title ?? doc.name,
    callbackId: input.callback_id ?? null,
    callbackUrl: input.callback_url ?? null,
    folderId: input.folder_id ?? null,
    request: input,
  });
}

export function generationUnavailable(): OratorError {
  return new OratorError('internal_error', 'Template generation is not wired on this server');
}
