// v3 envelopes: `{data}` for one resource, `{data:[…], has_more, next_token}` for lists, and
// `{error:{code,message,param,doc_url}}` (HeyGen's StandardAPIError) for every failure.
import { Type, type TSchema } from '@sinclair/typebox';
import { Nullable } from './envelopes.js';

/** Optional and nullable (SDKs send null for unset fields). Null comes first so Ajv's type coercion
 * never turns a null into "" or 0 while trying the value branch. */
export const opt = <T extends TSchema>(t: T) => Type.Optional(Type.Union([Type.Null(), t]));

export const V3Envelope = <T extends TSchema>(data: T) => Type.Object({ data });

export const V3ListEnvelope = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), has_more: Type.Boolean(), next_token: Nullable(Type.String()) });

export const V3Error = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['invalid_parameter'] }),
      message: Type.String(),
      param: Nullable(Type.String()),
      doc_url: Nullable(Type.String()),
    }),
  },
  { $id: 'V3Error' },
);
