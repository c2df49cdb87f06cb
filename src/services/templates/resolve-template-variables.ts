// A generate request's `variables` (keyed by name, HeyGen's property shapes) checked against the
// template's declarations: a missing variable takes its default; an unknown one, a wrong type or a
// property of the wrong shape is a 400 naming the variable (`variables.name.properties.content`).
import { OratorError } from '../../domain/errors.js';
import { CHARACTER_TYPES, IMAGE_FITS, type TemplateVariable, type VariableDefault } from '../../domain/template.js';

/** Each declared variable's value, in its default's shape. */
export type VariableValues = ReadonlyMap<string, VariableDefault>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(param: string, says: string): never {
  throw new OratorError('invalid_parameter', `${param} ${says}`, { param });
}

function str(props: Json, key: string, at: string, required = true): string | undefined {
  const v = props[key];
  if (v === undefined || v === null) return required ? fail(`${at}.${key}`, 'is required') : undefined;
  if (typeof v !== 'string') fail(`${at}.${key}`, 'must be a string');
  return v;
}

function media(props: Json, at: string): { url: string } | { asset_id: string } {
  const url = str(props, 'url', at, false);
  const assetId = str(props, 'asset_id', at, false);
  if ((url === undefined) === (assetId === undefined)) fail(`${at}.url`, 'or asset_id is required (exactly one of them)');
  return url !== undefined ? { url } : { asset_id: assetId! };
}

function valueOf(v: TemplateVariable, props: Json, at: string): VariableDefault {
  switch (v.type) {
    case 'text':
      return { content: str(props, 'content', at)! };
    case 'image': {
      const fit = props.fit;
      if (fit !== undefined && !(IMAGE_FITS as readonly unknown[]).includes(fit)) fail(`${at}.fit`, `must be one of ${IMAGE_FITS.join(', ')}`);
      return { ...media(props, at), ...(fit ? { fit: fit as (typeof IMAGE_FITS)[number] } : {}) } as VariableDefault;
    }
    case 'video':
    case 'audio':
      return media(props, at) as VariableDefault;
    case 'character': {
      const type = props.type ?? 'avatar';
      if (!(CHARACTER_TYPES as readonly unknown[]).includes(type)) fail(`${at}.type`, `must be one of ${CHARACTER_TYPES.join(', ')}`);
      return { character_id: str(props, 'character_id', at)!, type: type as (typeof CHARACTER_TYPES)[number] };
    }
    case 'voice':
      return { voice_id: str(props, 'voice_id', at)! };
  }
}

export function resolveTemplateVariables(declared: readonly TemplateVariable[], given: unknown): VariableValues {
  if (given !== undefined && given !== null && !isObject(given)) fail('variables', 'must be an object keyed by variable name');
  const byName = new Map(declared.map((v) => [v.name, v]));
  const values = new Map<string, VariableDefault>(declared.map((v) => [v.name, v.default]));
  for (const [name, entry] of Object.entries(given ?? {})) {
    const at = `variables.${name}`;
    const v = byName.get(name);
    if (!v) fail(at, `is not a variable of this template (it has ${declared.map((d) => d.name).join(', ') || 'none'})`);
    if (!isObject(entry)) fail(at, 'must be an object with properties');
    // HeyGen's clients send `avatar` for a character variable.
    const type = entry.type === 'avatar' ? 'character' : entry.type;
    if (type !== undefined && type !== v.type) fail(`${at}.type`, `must be '${v.type}'`);
    if (!isObject(entry.properties)) fail(`${at}.properties`, 'must be an object');
    values.set(name, valueOf(v, entry.properties, `${at}.properties`));
  }
  return values;
}
