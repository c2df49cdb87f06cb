// Checks a template document (the body of POST and PUT /v3/templates) and returns it typed, holding
// only the fields it gave. Every problem is a 400 `invalid_parameter` naming the JSON path of the
// offending field, so an author can find it in their own document.
import {
  ASPECT_RATIOS,
  CHARACTER_TYPES,
  IMAGE_FITS,
  PLAY_STYLES,
  TRANSITIONS,
  VARIABLE_TYPES,
  placeholdersIn,
  type DurationRule,
  type TemplateDocument,
  type TemplateScene,
  type TemplateVariable,
  type Transition,
  type VariableDefault,
  type VariableType,
} from '../../domain/template.js';
import { array, compact, fail, ID, join, number, object, oneOf, optional, required, string, type Json } from './document-checks.js';
import { checkLayer, type LayerContext } from './validate-layer.js';

export const TEMPLATE_LIMITS = { variables: 50, scenes: 50, layers: 30, sceneSeconds: 600 } as const;
const VARIABLE_NAME = { re: /^[A-Za-z_][A-Za-z0-9_]{0,63}$/, says: 'must be 1-64 letters, digits or _, not starting with a digit' };

function mediaDefault(o: Json, path: string, extra: Partial<VariableDefault>): VariableDefault {
  if ((o.url === undefined) === (o.asset_id === undefined)) fail(join(path, 'url'), 'or asset_id is required (exactly one of them)');
  const url = optional(o, 'url', path, (v, p) => string(v, p, 2048, { re: /^https?:\/\/\S+$/i, says: 'must be an http(s) URL' }));
  const asset_id = optional(o, 'asset_id', path, (v, p) => string(v, p, 64, ID));
  return compact({ url, asset_id, ...extra }) as VariableDefault;
}

/** The default in the shape the generate request takes for this type. */
function checkDefault(type: VariableType, value: unknown, path: string): VariableDefault {
  switch (type) {
    case 'text': {
      const o = object(value, path, ['content']);
      return { content: required(o, 'content', path, (v, p) => string(v, p, 5000)) };
    }
    case 'image': {
      const o = object(value, path, ['url', 'asset_id', 'fit']);
      return mediaDefault(o, path, { fit: optional(o, 'fit', path, (v, p) => oneOf(v, p, IMAGE_FITS)) });
    }
    case 'video': {
      const o = object(value, path, ['url', 'asset_id', 'play_style']);
      return mediaDefault(o, path, { play_style: optional(o, 'play_style', path, (v, p) => oneOf(v, p, PLAY_STYLES)) });
    }
    case 'audio':
      return mediaDefault(object(value, path, ['url', 'asset_id']), path, {});
    case 'character': {
      const o = object(value, path, ['character_id', 'type']);
      return { character_id: required(o, 'character_id', path, (v, p) => string(v, p, 200)), type: required(o, 'type', path, (v, p) => oneOf(v, p, CHARACTER_TYPES)) };
    }
    case 'voice': {
      const o = object(value, path, ['voice_id']);
      return { voice_id: required(o, 'voice_id', path, (v, p) => string(v, p, 200)) };
    }
  }
}

function checkVariables(value: unknown): TemplateVariable[] {
  const seen = new Set<string>();
  return array(value ?? [], 'variables', 0, TEMPLATE_LIMITS.variables).map((item, i) => {
    const path = join('variables', i);
    const o = object(item, path, ['name', 'type', 'default']);
    const name = required(o, 'name', path, (v, p) => string(v, p, 64, VARIABLE_NAME));
    if (seen.has(name)) fail(join(path, 'name'), `repeats the variable name ${name}`);
    seen.add(name);
    const type = required(o, 'type', path, (v, p) => oneOf(v, p, VARIABLE_TYPES));
    return { name, type, default: required(o, 'default', path, (v, p) => checkDefault(type, v, p)) };
  });
}

function checkDuration(value: unknown, path: string): DurationRule {
  const head = object(value, path, ['type', 'seconds', 'layer_id']);
  const type = required(head, 'type', path, (v, p) => oneOf(v, p, ['speech', 'fixed', 'video_layer'] as const));
  if (type === 'speech') return (object(value, path, ['type']), { type });
  if (type === 'fixed') return { type, seconds: required(object(value, path, ['type', 'seconds']), 'seconds', path, (v, p) => number(v, p, 0, TEMPLATE_LIMITS.sceneSeconds, true)) };
  return { type, layer_id: required(object(value, path, ['type', 'layer_id']), 'layer_id', path, (v, p) => string(v, p, 64, ID)) };
}

function checkTransition(value: unknown, path: string): Transition {
  const o = object(value, path, ['type', 'seconds']);
  return compact({ type: required(o, 'type', path, (v, p) => oneOf(v, p, TRANSITIONS)), seconds: optional(o, 'seconds', path, (v, p) => number(v, p, 0, 5)) });
}

/** The scene's duration rule must find what it measures: a speaking avatar, or its video layer. */
function checkDurationSource(scene: TemplateScene, path: string): void {
  const rule = scene.duration;
  if (rule.type === 'speech' && !scene.layers.some((l) => l.type === 'avatar')) fail(join(path, 'duration'), 'is speech, but the scene has no avatar layer to speak');
  if (rule.type === 'video_layer') {
    const layer = scene.layers.find((l) => l.id === rule.layer_id);
    if (!layer) fail(join(join(path, 'duration'), 'layer_id'), `names ${rule.layer_id}, which is not a layer of this scene`);
    if (layer.type !== 'video') fail(join(join(path, 'duration'), 'layer_id'), `names ${rule.layer_id}, a ${layer.type} layer; it must be a video layer`);
  }
}

function checkScene(value: unknown, path: string, variables: ReadonlyMap<string, VariableType>): TemplateScene {
  const o = object(value, path, ['id', 'name', 'duration', 'transition', 'layers']);
  const duration = required(o, 'duration', path, checkDuration);
  const ctx: LayerContext = { variables, sceneSeconds: duration.type === 'fixed' ? duration.seconds : undefined };
  const layerIds = new Set<string>();
  const layers = required(o, 'layers', path, (v, p) => array(v, p, 1, TEMPLATE_LIMITS.layers)).map((layer, j) => {
    const checked = checkLayer(layer, join(join(path, 'layers'), j), ctx);
    if (layerIds.has(checked.id)) fail(join(join(join(path, 'layers'), j), 'id'), `repeats the layer id ${checked.id} of this scene`);
    layerIds.add(checked.id);
    return checked;
  });
  const scene = compact({
    id: required(o, 'id', path, (v, p) => string(v, p, 64, ID)),
    name: required(o, 'name', path, (v, p) => string(v, p, 200)),
    duration,
    transition: optional(o, 'transition', path, checkTransition),
    layers,
  });
  checkDurationSource(scene, path);
  return scene;
}

/** The typed document, or a 400 naming the first offending field's JSON path. */
export function validateTemplate(body: unknown): TemplateDocument {
  const o = object(body, 'body', ['name', 'aspect_ratio', 'variables', 'scenes']);
  const root = '';
  const name = required(o, 'name', root, (v, p) => string(v, p, 200));
  const aspect_ratio = required(o, 'aspect_ratio', root, (v, p) => oneOf(v, p, ASPECT_RATIOS));
  const variables = checkVariables(o.variables);
  const types = new Map(variables.map((v) => [v.name, v.type]));
  const sceneIds = new Set<string>();
  const scenes = required(o, 'scenes', root, (v, p) => array(v, p, 1, TEMPLATE_LIMITS.scenes)).map((scene, i) => {
    const checked = checkScene(scene, join('scenes', i), types);
    if (sceneIds.has(checked.id)) fail(join(join('scenes', i), 'id'), `repeats the scene id ${checked.id}`);
    sceneIds.add(checked.id);
    return checked;
  });
  return { name, aspect_ratio, variables, scenes };
}

/** The variables a scene's layers reference, in declaration order: what GET /v3/templates/{id} lists per scene. */
export function variablesOfScene(scene: TemplateScene, variables: readonly TemplateVariable[]): TemplateVariable[] {
  const used = new Set(placeholdersIn(JSON.stringify(scene.layers)));
  return variables.filter((v) => used.has(v.name));
}
