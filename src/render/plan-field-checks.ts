// Field checks for plans written by hand (`orator render plan.json`): each failure is an OratorError whose
// message starts with the field's path as the plan file spells it and says what it must be.
import { OratorError } from '../domain/errors.js';

export type Loose = Record<string, unknown>;

// With its '#': the canvas that draws the layer reads CSS colours.
const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
export const MAX_SECONDS = 3600;

export function fail(path: string, says: string): never {
  throw new OratorError('invalid_parameter', `${path} ${says}`, { param: path });
}

export function object(value: unknown, path: string): Loose {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Loose;
}

export function number(value: unknown, path: string, min: number, max: number, exclusiveMin = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value > max || (exclusiveMin ? value <= min : value < min)) {
    fail(path, `must be a number ${exclusiveMin ? 'above' : 'from'} ${min} ${exclusiveMin ? 'and at most' : 'to'} ${max}`);
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) fail(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

export function color(value: unknown, path: string): void {
  if (typeof value !== 'string' || !COLOR.test(value)) fail(path, 'must be a hex colour (#RRGGBB or #RRGGBBAA)');
}

export function source(value: unknown, path: string): void {
  const s = object(value, path);
  const named = ['path', 'url', 'blobKey'].filter((k) => typeof s[k] === 'string' && (s[k] as string).length > 0);
  if (named.length !== 1) fail(path, 'needs exactly one of path or url');
}

