// Envelope schemas: wrap a data schema the way each API version does.
import { Type, type TSchema } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

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
