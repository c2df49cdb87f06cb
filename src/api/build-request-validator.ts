// Fastify's validator factory with two Ajv instances keyed by the part of the request: bodies and path
// params are validated as sent (a JSON `12345` is not the string "12345", `"x"` is not `["x"]`), while
// query strings and headers, which only carry text, keep Ajv's type coercion (`limit=10` is a number).
import { Ajv, type AnySchema, type Options as AjvOptions } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { FastifyServerOptions } from 'fastify';

// A CommonJS module with a `default` export: NodeNext may hand over the module object.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

/** What Fastify's own compiler uses, less `removeAdditional` (unknown fields are reported or ignored, never silently dropped). */
const SHARED_OPTIONS: AjvOptions = { useDefaults: true, removeAdditional: false, addUsedSchema: false, allErrors: false };

/** Parts whose values are always strings on the wire, so a schema's number or array needs coercion. */
const COERCED_PARTS = new Set(['querystring', 'headers']);

function createAjv(coerceTypes: AjvOptions['coerceTypes'], externalSchemas: Record<string, AnySchema | AnySchema[]>): Ajv {
  const ajv = new Ajv({ ...SHARED_OPTIONS, coerceTypes });
  addFormats(ajv);
  for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema);
  return ajv;
}

type BuildValidator = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>;

/** `schemaController.compilersFactory.buildValidator` for Fastify: one strict and one coercing Ajv per schema set. */
export const buildRequestValidator: BuildValidator = (externalSchemas) => {
  const strict = createAjv(false, externalSchemas ?? {});
  const coercing = createAjv('array', externalSchemas ?? {});
  return ({ schema, httpPart }) => {
    const ajv = httpPart !== undefined && COERCED_PARTS.has(httpPart) ? coercing : strict;
    // Ajv refuses a second schema with the same $id in one instance: reuse the compiled one.
    const id = typeof schema === 'object' ? (schema as { $id?: string }).$id : undefined;
    const stored = id ? ajv.getSchema(id) : undefined;
    return stored ?? ajv.compile(schema);
  };
};
