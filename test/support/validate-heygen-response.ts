// Conformance helper: validates Orator's real responses against HeyGen's own response schemas from
// ../shared/reference/heygen/ (the official OpenAPI 3.1 file first, then the v3 document reconstructed
// from HeyGen's CLI). OpenAPI 3.0's `nullable` is rewritten to JSON-Schema type unions before compiling.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = any; // the specs are untyped JSON documents
const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module }).default ?? Ajv2020Module;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The reference folder sits beside the repository (../shared) in sessions and CI. */
export function referenceDir(): string {
  const candidates = [path.resolve(here, '../../../shared/reference/heygen'), path.resolve(here, '../../shared/reference/heygen')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`HeyGen reference specs not found (looked in ${candidates.join(', ')})`);
  return found;
}

function normaliseNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(normaliseNullable);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = normaliseNullable(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    else if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

interface SpecDoc { name: string; doc: Json }
let docs: SpecDoc[] | undefined;
function loadDocs(): SpecDoc[] {
  if (!docs) {
    const dir = referenceDir();
    docs = ['heygen-external-api.openapi-3.1.2026-04-08.json', 'heygen-v3.reconstructed-from-cli.openapi.json'].map((name) => ({
      name,
      doc: normaliseNullable(JSON.parse(readFileSync(path.join(dir, name), 'utf8'))),
    }));
  }
  return docs;
}

/** Finds the response schema HeyGen documents for an operation and status; undefined when no spec has it. */
export function findResponseSchema(method: string, pathTemplate: string, status: number): { schema: Json; components: Json; source: string } | undefined {
  for (const { name, doc } of loadDocs()) {
    const op = doc.paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!op) continue;
    let response = op.responses?.[String(status)] ?? op.responses?.default;
    if (response?.$ref) response = doc.components.responses[response.$ref.split('/').pop()];
    const schema = response?.content?.['application/json']?.schema;
    if (schema) return { schema, components: doc.components, source: name };
  }
  return undefined;
}

export function hasOperation(method: string, pathTemplate: string): boolean {
  return loadDocs().some(({ doc }) => Boolean(doc.paths?.[pathTemplate]?.[method.toLowerCase()]));
}

const validators = new Map<string, (body: unknown) => string[]>();

/**
 * Returns the list of schema violations of `body` (empty = conforms). Throws when HeyGen documents no
 * schema for this operation and status, so a test never passes by validating against nothing.
 */
export function validateHeygenResponse(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const key = `${method} ${pathTemplate} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const found = findResponseSchema(method, pathTemplate, status);
    if (!found) throw new Error(`no HeyGen response schema for ${key}`);
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    const compiled = ajv.compile({ ...found.schema, components: found.components });
    validate = (value: unknown) => (compiled(value) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} (${found.source})`));
    validators.set(key, validate);
  }
  return validate(body);
}
