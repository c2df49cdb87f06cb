// One layer of a template scene: the fields its type allows, its box inside the frame, its times
// inside the scene, and every `{{reference}}` naming a declared variable of the right type.
import {
  ANIMATIONS,
  AVATAR_STYLES,
  IMAGE_FITS,
  LAYER_TYPES,
  placeholdersIn,
  TEXT_ALIGNS,
  wholeReference,
  type Box,
  type TemplateLayer,
  type VariableType,
} from '../../domain/template.js';
import { boolean, color, compact, fail, ID, join, number, object, oneOf, optional, required, string, type Json } from './document-checks.js';
import { INSTALLED_FONTS } from './installed-fonts.js';

/** The declared variables by name, and the scene's fixed length when it has one. */
export interface LayerContext {
  variables: ReadonlyMap<string, VariableType>;
  sceneSeconds: number | undefined;
}

const BASE = ['id', 'type', 'box', 'start', 'end', 'entrance', 'exit'];
const FIELDS: Record<TemplateLayer['type'], string[]> = {
  text: [...BASE, 'content', 'font_family', 'font_size', 'font_weight', 'color', 'align', 'background', 'shadow'],
  avatar: [...BASE, 'avatar', 'avatar_style', 'script', 'voice'],
  image: [...BASE, 'src', 'asset_id', 'fit'],
  video: [...BASE, 'src', 'asset_id', 'fit', 'muted', 'loop', 'trim'],
  audio: [...BASE, 'src', 'asset_id', 'volume', 'ducking'],
  shape: [...BASE, 'color', 'corner_radius'],
};
const MAX_SECONDS = 600;

function fraction(value: unknown, path: string): number {
  return number(value, path, 0, 1);
}

function checkBox(value: unknown, path: string): Box {
  const o = object(value, path, ['x', 'y', 'width', 'height']);
  const box = {
    x: required(o, 'x', path, fraction),
    y: required(o, 'y', path, fraction),
    width: required(o, 'width', path, (v, p) => number(v, p, 0, 1, true)),
    height: required(o, 'height', path, (v, p) => number(v, p, 0, 1, true)),
  };
  // A hair of rounding slack: 0.1 + 0.9 is 1.0000000000000002.
  if (box.x + box.width > 1 + 1e-9) fail(join(path, 'width'), `reaches past the frame's right edge (x + width = ${+(box.x + box.width).toFixed(4)}, at most 1)`);
  if (box.y + box.height > 1 + 1e-9) fail(join(path, 'height'), `reaches past the frame's bottom edge (y + height = ${+(box.y + box.height).toFixed(4)}, at most 1)`);
  return box;
}

/** Every `{{name}}` in a field must be a declared variable of one of the allowed types. */
export function checkReferences(text: string, path: string, ctx: LayerContext, allowed: readonly VariableType[]): void {
  for (const name of placeholdersIn(text)) {
    const type = ctx.variables.get(name);
    if (type === undefined) fail(path, `references {{${name}}}, which is not a declared variable`);
    if (!allowed.includes(type)) fail(path, `references {{${name}}}, a ${type} variable; here only ${allowed.join(' or ')} variables fit`);
  }
}

/** An id, or one whole `{{reference}}` to a variable of `type` (avatar, voice). */
function idOrVariable(value: unknown, path: string, ctx: LayerContext, type: VariableType): string {
  const text = string(value, path, 200);
  if (wholeReference(text) === undefined && text.includes('{{')) fail(path, `must be an id or one {{${type} variable}}, not a mix`);
  checkReferences(text, path, ctx, [type]);
  return text;
}

function checkMediaSource(o: Json, path: string, ctx: LayerContext, type: 'image' | 'video' | 'audio'): { src?: string; asset_id?: string } {
  if ((o.src === undefined) === (o.asset_id === undefined)) fail(join(path, 'src'), 'or asset_id is required (exactly one of them)');
  const asset_id = optional(o, 'asset_id', path, (v, p) => string(v, p, 64, ID));
  const src = optional(o, 'src', path, (v, p) => {
    const text = string(v, p, 2048);
    if (wholeReference(text) !== undefined) {
      checkReferences(text, p, ctx, [type]);
      return text;
    }
    if (!/^https?:\/\/[^\s]+$/i.test(text)) fail(p, `must be an http(s) URL or one {{${type} variable}}`);
    return text;
  });
  return { src, asset_id };
}

function checkTiming(o: Json, path: string, ctx: LayerContext): { start?: number; end?: number } {
  const limit = ctx.sceneSeconds ?? MAX_SECONDS;
  const start = optional(o, 'start', path, (v, p) => number(v, p, 0, limit));
  const end = optional(o, 'end', path, (v, p) => number(v, p, 0, limit, true));
  if (end !== undefined && end <= (start ?? 0)) fail(join(path, 'end'), `must be after start (${start ?? 0} s)`);
  return { start, end };
}

function checkText(o: Json, path: string, ctx: LayerContext): Partial<TemplateLayer> {
  const content = required(o, 'content', path, (v, p) => string(v, p, 5000));
  checkReferences(content, join(path, 'content'), ctx, ['text']);
  return {
    content,
    font_family: required(o, 'font_family', path, (v, p) => oneOf(v, p, INSTALLED_FONTS)),
    font_size: required(o, 'font_size', path, (v, p) => number(v, p, 0.005, 0.5)),
    font_weight: optional(o, 'font_weight', path, (v, p) => {
      const w = number(v, p, 100, 900);
      if (w % 100 !== 0) fail(p, 'must be a multiple of 100');
      return w;
    }),
    color: required(o, 'color', path, color),
    align: optional(o, 'align', path, (v, p) => oneOf(v, p, TEXT_ALIGNS)),
    background: optional(o, 'background', path, (v, p) => {
      const b = object(v, p, ['color', 'padding', 'corner_radius']);
      return compact({ color: required(b, 'color', p, color), padding: optional(b, 'padding', p, (x, q) => number(x, q, 0, 0.5)), corner_radius: optional(b, 'corner_radius', p, (x, q) => number(x, q, 0, 0.5)) });
    }),
    shadow: optional(o, 'shadow', path, (v, p) => {
      const s = object(v, p, ['color', 'blur', 'offset_x', 'offset_y']);
      const offset = (x: unknown, q: string) => number(x, q, -0.1, 0.1);
      return compact({ color: required(s, 'color', p, color), blur: optional(s, 'blur', p, (x, q) => number(x, q, 0, 0.1)), offset_x: optional(s, 'offset_x', p, offset), offset_y: optional(s, 'offset_y', p, offset) });
    }),
  } as Partial<TemplateLayer>;
}

function checkAvatar(o: Json, path: string, ctx: LayerContext): Partial<TemplateLayer> {
  const script = required(o, 'script', path, (v, p) => string(v, p, 5000));
  checkReferences(script, join(path, 'script'), ctx, ['text']);
  return {
    avatar: required(o, 'avatar', path, (v, p) => idOrVariable(v, p, ctx, 'character')),
    avatar_style: optional(o, 'avatar_style', path, (v, p) => oneOf(v, p, AVATAR_STYLES)),
    script,
    voice: required(o, 'voice', path, (v, p) => idOrVariable(v, p, ctx, 'voice')),
  } as Partial<TemplateLayer>;
}

function checkVideo(o: Json, path: string, ctx: LayerContext): Partial<TemplateLayer> {
  return {
    ...checkMediaSource(o, path, ctx, 'video'),
    fit: optional(o, 'fit', path, (v, p) => oneOf(v, p, IMAGE_FITS)),
    muted: optional(o, 'muted', path, boolean),
    loop: optional(o, 'loop', path, boolean),
    trim: optional(o, 'trim', path, (v, p) => {
      const t = object(v, p, ['start', 'end']);
      const start = required(t, 'start', p, (x, q) => number(x, q, 0, 3600));
      const end = optional(t, 'end', p, (x, q) => number(x, q, 0, 3600, true));
      if (end !== undefined && end <= start) fail(join(p, 'end'), `must be after trim.start (${start} s)`);
      return compact({ start, end });
    }),
  } as Partial<TemplateLayer>;
}

function typeFields(type: TemplateLayer['type'], o: Json, path: string, ctx: LayerContext): Partial<TemplateLayer> {
  switch (type) {
    case 'text':
      return checkText(o, path, ctx);
    case 'avatar':
      return checkAvatar(o, path, ctx);
    case 'image':
      return { ...checkMediaSource(o, path, ctx, 'image'), fit: optional(o, 'fit', path, (v, p) => oneOf(v, p, IMAGE_FITS)) } as Partial<TemplateLayer>;
    case 'video':
      return checkVideo(o, path, ctx);
    case 'audio':
      return { ...checkMediaSource(o, path, ctx, 'audio'), volume: optional(o, 'volume', path, fraction), ducking: optional(o, 'ducking', path, fraction) } as Partial<TemplateLayer>;
    case 'shape':
      return { color: required(o, 'color', path, color), corner_radius: optional(o, 'corner_radius', path, (v, p) => number(v, p, 0, 0.5)) } as Partial<TemplateLayer>;
  }
}

export function checkLayer(value: unknown, path: string, ctx: LayerContext): TemplateLayer {
  const head = object(value, path, [...new Set(Object.values(FIELDS).flat())]);
  const type = required(head, 'type', path, (v, p) => oneOf(v, p, LAYER_TYPES));
  const o = object(value, path, FIELDS[type]);
  // Audio has no picture; every other layer is placed by its box.
  const box = type === 'audio' ? optional(o, 'box', path, checkBox) : required(o, 'box', path, checkBox);
  return compact({
    id: required(o, 'id', path, (v, p) => string(v, p, 64, ID)),
    type,
    box,
    ...checkTiming(o, path, ctx),
    entrance: optional(o, 'entrance', path, (v, p) => oneOf(v, p, ANIMATIONS)),
    exit: optional(o, 'exit', path, (v, p) => oneOf(v, p, ANIMATIONS)),
    ...compact(typeFields(type, o, path, ctx)),
  }) as TemplateLayer;
}

