// Template views in each version's field names: v2 list items and variables, v3 items and details.
import type { TemplateDocument, TemplateVariable } from '../../domain/template.js';
import type { TemplateView } from '../../services/templates/template-service.js';
import { variablesOfScene } from '../../services/templates/validate-template.js';

/** HeyGen's `variables` object: keyed by name, the default in `properties`. */
export function variablesByName(variables: readonly TemplateVariable[]): Record<string, { name: string; type: string; properties: Record<string, unknown> }> {
  return Object.fromEntries(variables.map((v) => [v.name, { name: v.name, type: v.type, properties: { ...v.default } }]));
}

export function v2TemplateItem(t: TemplateView) {
  return { template_id: t.id, name: t.name, thumbnail_image_url: t.thumbnailUrl, aspect_ratio: t.aspectRatio };
}

export function v3TemplateItem(t: TemplateView) {
  return {
    id: t.id,
    name: t.name,
    aspect_ratio: t.aspectRatio,
    thumbnail_url: t.thumbnailUrl,
    created_at: Math.floor(t.createdAt / 1000),
    updated_at: Math.floor(t.updatedAt / 1000),
    ownership: t.ownership,
  };
}

function scenesOf(doc: TemplateDocument) {
  return doc.scenes.map((scene) => {
    const avatar = scene.layers.find((l) => l.type === 'avatar');
    return {
      scene_id: scene.id,
      name: scene.name,
      script: avatar?.type === 'avatar' ? avatar.script : null,
      variables: variablesOfScene(scene, doc.variables).map((v) => ({ name: v.name, variable_type: v.type })),
    };
  });
}

export function v3TemplateDetail(t: TemplateView) {
  return {
    ...v3TemplateItem(t),
    variables: variablesByName(t.document.variables),
    scenes: scenesOf(t.document),
    scene_ids: t.document.scenes.map((s) => s.id),
    document: t.document,
  };
}
