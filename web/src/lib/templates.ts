// Templates: the gallery (GET /v3/templates), one template's variables and scenes (GET
// /v3/templates/{id}), and generation (POST /v3/templates/{id}) with only the variables changed from
// their defaults (a missing variable takes its default, as HeyGen's API says).
import { api, query } from './api.ts';
import { ASPECT_RATIOS, dimensionFor, type AspectRatio, type Resolution } from './video-draft.ts';

export interface TemplateItem {
  id: string;
  name: string;
  aspect_ratio: string;
  thumbnail_url: string | null;
  ownership: 'stock' | 'private' | string;
}

export interface TemplateVariable {
  name: string;
  type: 'text' | 'image' | 'video' | 'audio' | 'character' | 'voice' | string;
  properties: Record<string, unknown>;
}

export interface TemplateDetail extends TemplateItem {
  variables: Record<string, TemplateVariable>;
  scenes: Array<{ scene_id: string; name: string; script: string | null; variables: Array<{ name: string; variable_type: string }> }>;
}

export function listTemplates(token: string | null): Promise<{ data: TemplateItem[]; has_more: boolean; next_token: string | null }> {
  return api('GET', `/v3/templates${query({ limit: 24, token })}`);
}

export async function getTemplate(id: string): Promise<TemplateDetail> {
  return (await api<{ data: TemplateDetail }>('GET', `/v3/templates/${encodeURIComponent(id)}`)).data;
}

/** What the form holds for one variable: a text, an asset id (or '' for the default), an avatar, a voice. */
export type VariableValue = { kind: 'text'; content: string } | { kind: 'asset'; assetId: string } | { kind: 'character'; id: string } | { kind: 'voice'; id: string } | { kind: 'fixed' };

export function initialValue(v: TemplateVariable): VariableValue {
  const p = v.properties;
  switch (v.type) {
    case 'text':
      return { kind: 'text', content: String(p.content ?? '') };
    case 'image':
    case 'video':
    case 'audio':
      return { kind: 'asset', assetId: '' };
    case 'character':
      return { kind: 'character', id: String(p.character_id ?? '') };
    case 'voice':
      return { kind: 'voice', id: String(p.voice_id ?? '') };
    default:
      return { kind: 'fixed' };
  }
}

/** The generate request's `variables`: HeyGen's shapes, for the ones the form changed. */
export function changedVariables(template: TemplateDetail, values: Record<string, VariableValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of Object.values(template.variables)) {
    const value = values[v.name];
    if (!value) continue;
    const initial = initialValue(v);
    if (JSON.stringify(value) === JSON.stringify(initial)) continue;
    if (value.kind === 'text') out[v.name] = { name: v.name, type: 'text', properties: { content: value.content } };
    else if (value.kind === 'asset' && value.assetId) out[v.name] = { name: v.name, type: v.type, properties: { asset_id: value.assetId, ...(v.type === 'image' && v.properties.fit ? { fit: v.properties.fit } : {}) } };
    else if (value.kind === 'character') out[v.name] = { name: v.name, type: 'character', properties: { character_id: value.id, type: 'avatar' } };
    else if (value.kind === 'voice') out[v.name] = { name: v.name, type: 'voice', properties: { voice_id: value.id } };
  }
  return out;
}

/** Output size at the template's own aspect ratio (16:9, 9:16 or 1:1). */
export function templateDimension(aspect: string, resolution: Resolution): { width: number; height: number } {
  return dimensionFor((ASPECT_RATIOS.some((a) => a.value === aspect) ? aspect : '16:9') as AspectRatio, resolution);
}
