// A scene's timed layers checked before rendering (issue #12). Templates check their layers where they are
// validated; a plan written by hand (`orator render plan.json`) reaches the engine as written, so every
// field is checked here too, and each message names the field as the plan file spells it.
import type { ScenePlan } from '../domain/render-plan.js';
import { LAYER_FONT_FAMILIES } from './media/layer-fonts.js';
import { boolean, color, fail, MAX_SECONDS, number, object, oneOf, source, type Loose } from './plan-field-checks.js';

const ANIMATIONS = ['none', 'fade', 'slide', 'scale'] as const;
const FITS = ['cover', 'contain', 'crop', 'none'] as const;
const ALIGNS = ['left', 'center', 'right'] as const;

/** Inside the frame, as templates require: fractions with x + width and y + height at most 1. */
function box(value: unknown, path: string): void {
  const b = object(value, path);
  const x = number(b.x, `${path}.x`, 0, 1);
  const y = number(b.y, `${path}.y`, 0, 1);
  const width = number(b.width, `${path}.width`, 0, 1, true);
  const height = number(b.height, `${path}.height`, 0, 1, true);
  if (x + width > 1 + 1e-9) fail(`${path}.width`, `reaches past the frame's right edge (x + width = ${+(x + width).toFixed(4)}, at most 1)`);
  if (y + height > 1 + 1e-9) fail(`${path}.height`, `reaches past the frame's bottom edge (y + height = ${+(y + height).toFixed(4)}, at most 1)`);
}

function text(c: Loose, path: string): void {
  if (typeof c.text !== 'string') fail(`${path}.text`, 'must be a string');
  oneOf(c.fontFamily, `${path}.fontFamily`, LAYER_FONT_FAMILIES);
  number(c.fontSize, `${path}.fontSize`, 0.005, 0.5);
  const weight = number(c.fontWeight, `${path}.fontWeight`, 100, 900);
  if (weight % 100 !== 0) fail(`${path}.fontWeight`, 'must be a multiple of 100');
  color(c.color, `${path}.color`);
  oneOf(c.align, `${path}.align`, ALIGNS);
  if (c.background !== undefined) {
    const b = object(c.background, `${path}.background`);
    color(b.color, `${path}.background.color`);
    number(b.padding, `${path}.background.padding`, 0, 0.5);
    number(b.cornerRadius, `${path}.background.cornerRadius`, 0, 0.5);
  }
  if (c.shadow !== undefined) {
    const s = object(c.shadow, `${path}.shadow`);
    color(s.color, `${path}.shadow.color`);
    number(s.blur, `${path}.shadow.blur`, 0, 0.1);
    number(s.offsetX, `${path}.shadow.offsetX`, -0.1, 0.1);
    number(s.offsetY, `${path}.shadow.offsetY`, -0.1, 0.1);
  }
}

function video(c: Loose, path: string): void {
  source(c.source, `${path}.source`);
  oneOf(c.fit, `${path}.fit`, FITS);
  boolean(c.muted, `${path}.muted`);
  boolean(c.loop, `${path}.loop`);
  const trim = object(c.trim, `${path}.trim`);
  const start = number(trim.start, `${path}.trim.start`, 0, MAX_SECONDS);
  if (trim.end !== undefined && number(trim.end, `${path}.trim.end`, 0, MAX_SECONDS, true) <= start) fail(`${path}.trim.end`, `must be after trim.start (${start} s)`);
}

function content(value: unknown, path: string): void {
  const c = object(value, path);
  const type = oneOf(c.type, `${path}.type`, ['shape', 'text', 'image', 'video']);
  box(c.box, `${path}.box`);
  if (type === 'shape') {
    color(c.color, `${path}.color`);
    if (c.cornerRadius !== undefined) number(c.cornerRadius, `${path}.cornerRadius`, 0, 0.5);
  } else if (type === 'image') {
    source(c.source, `${path}.source`);
    oneOf(c.fit, `${path}.fit`, FITS);
  } else if (type === 'text') text(c, path);
  else video(c, path);
}

export function validateTimedLayers(scene: Pick<ScenePlan, 'timedLayers'>, index: number): void {
  const layers: unknown = scene.timedLayers;
  if (layers === undefined) return;
  const where = `scenes[${index}].timedLayers`;
  if (!Array.isArray(layers)) fail(where, 'must be an array');
  layers.forEach((value, j) => {
    const path = `${where}[${j}]`;
    const layer = object(value, path);
    content(layer.content, `${path}.content`);
    const start = number(layer.start, `${path}.start`, 0, MAX_SECONDS);
    if (layer.end !== undefined && number(layer.end, `${path}.end`, 0, MAX_SECONDS, true) <= start) fail(`${path}.end`, `must be after start (${start} s)`);
    oneOf(layer.entrance, `${path}.entrance`, ANIMATIONS);
    oneOf(layer.exit, `${path}.exit`, ANIMATIONS);
    boolean(layer.overCharacter, `${path}.overCharacter`);
  });
}
