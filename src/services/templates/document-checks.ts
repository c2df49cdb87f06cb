// Field checks for a JSON document read by path: each returns the typed value or throws a 400
// `invalid_parameter` whose message and `param` name the JSON path the client sent
// (`scenes[2].layers[0].box.width must be between 0 and 1`).
import { OratorError } from '../../domain/errors.js';

export type Json = Record<string, unknown>;

export function fail(path: string, problem: string): never {
  throw new OratorError('invalid_parameter', `${path} ${problem}`, { param: path });
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** An object with only the named fields (a misspelt field is an error, not silently ignored). */
export function object(value: unknown, path: string, fields: readonly string[]): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, `must be an object, not ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) fail(join(path, key), `is not a known field (expected one of ${fields.join(', ')})`);
  }
  return value as Json;
}

export function array(value: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be an array, not ${describe(value)}`);
  if (value.length < min || value.length > max) fail(path, min === max ? `must hold ${min} items` : `must hold ${min} to ${max} items, not ${value.length}`);
  return value;
}

export function string(value: unknown, path: string, max = 2000, pattern?: { re: RegExp; says: string }): string {
  if (typeof value !== 'string') fail(path, `must be a string, not ${describe(value)}`);
  if (value.trim().length === 0) fail(path, 'must not be empty');
  if (value.length > max) fail(path, `must be at most ${max} characters`);
  if (pattern && !pattern.re.test(value)) fail(path, pattern.says);
  return value;
}

export function number(value: unknown, path: string, min: number, max: number, exclusiveMin = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be a number, not ${describe(value)}`);
  if (value < min || value > max || (exclusiveMin && value === min)) fail(path, `must be between ${min} and ${max}${exclusiveMin ? ` (more than ${min})` : ''}`);
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `must be true or false, not ${describe(value)}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, path: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !values.includes(value as T)) fail(path, `must be one of ${values.join(', ')}, not ${describe(value)}`);
  return value as T;
}

const COLOR = { re: /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, says: 'must be a colour as #RRGGBB or #RRGGBBAA' };
export function color(value: unknown, path: string): string {
  return string(value, path, 9, COLOR);
}

export const ID = { re: /^[A-Za-z0-9_-]{1,64}$/, says: 'must be 1-64 letters, digits, _ or -' };

/** `a.b`, or `a[2]` for an index. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Runs `check` on a present field; absent (undefined) stays absent. */
export function optional<T>(o: Json, key: string, path: string, check: (value: unknown, path: string) => T): T | undefined {
  return o[key] === undefined ? undefined : check(o[key], join(path, key));
}

export function required<T>(o: Json, key: string, path: string, check: (value: unknown, path: string) => T): T {
  if (o[key] === undefined || o[key] === null) fail(join(path, key), 'is required');
  return check(o[key], join(path, key));
}

/** Drops absent fields, so the stored document holds only what was given. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
