// Envelope schemas: wrap a data schema the way each API version does.
import { Type, type Static, type TSchema, type TUnion, type TNull, type TUnsafe } from '@sinclair/typebox';

const TYPE_LIST_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object']);

/**
 * `T | null`. Primitives and objects become a JSON-Schema type list (`["string", "null"]`) rather than `anyOf`:
 * fast-json-stringify serialises a type list directly but runs a validator per field to choose an
 * `anyOf` branch, which made the nullable-heavy status response the costliest part of a status poll.
 */
export function Nullable<T extends TSchema>(t: T): TUnion<[T, TNull]> | TUnsafe<Static<T> | null> {
  const type = (t as { type?: unknown }).type;
  if (typeof type === 'string' && TYPE_LIST_TYPES.has(type)) return Type.Unsafe<Static<T> | null>({ ...t, type: [type, 'null'] });
  return Type.Union([t, Type.Null()]);
}

export const V1Envelope = <T extends TSchema>(data: T) =>
  Type.Object({ code: Type.Integer({ examples: [100] }), data, message: Type.String({ examples: ['Success'] }) });

export const V2Envelope = <T extends TSchema>(data: T) => Type.Object({ error: Type.Null(), data });

export const V1Error = Type.Object(
  { code: Type.Integer({ description: 'HeyGen legacy numeric code', examples: [400112] }), message: Type.String(), data: Type.Null() },
  { $id: 'V1Error' },
);

export const V2Error = Type.Object(
  { error: Type.Object({ code: Type.String({ examples: ['invalid_parameter'] }), message: Type.String() }), data: Type.Null() },
  { $id: 'V2Error' },
);
