// --request-schema / --response-schema: the JSON Schema of a command's operation, read from the OpenAPI
// document the client's types were generated from (src/client/generated/openapi.json), with no call to any
// server. A GET's "request" is its query and path parameters gathered into one object schema.

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

type Schema = Record<string, unknown>;
interface OperationObject {
  summary?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

async function loadOperation(op: Operation): Promise<OperationObject> {
  const { default: document } = (await import('../../client/generated/openapi.json', { with: { type: 'json' } })) as { default: { paths: Record<string, Record<string, OperationObject>> } };
  const found = document.paths[op.path]?.[op.method];
  if (!found) throw new Error(`${op.method.toUpperCase()} ${op.path} is not in the generated OpenAPI document (run scripts/generate-client-types.ts)`);
  return found;
}

export function requestSchemaOf(operation: OperationObject): Schema | null {
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body) return body;
  const params = (operation.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path');
  if (params.length === 0) return null;
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, { ...(p.schema ?? {}), ...(p.description ? { description: p.description } : {}), 'x-in': p.in }])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

export function responseSchemaOf(operation: OperationObject): Schema | null {
  return operation.responses?.['200']?.content?.['application/json']?.schema ?? null;
}

/** Prints the schema on stdout (or says on stderr that there is none); resolves to the exit code. */
export async function printOperationSchema(op: Operation, which: 'request' | 'response'): Promise<number> {
  const operation = await loadOperation(op);
  const schema = which === 'request' ? requestSchemaOf(operation) : responseSchemaOf(operation);
  const name = `${op.method.toUpperCase()} ${op.path}`;
  if (schema === null) {
    process.stderr.write(`${name} has no JSON ${which} body${operation.summary ? ` (${operation.summary})` : ''}\n`);
    process.stdout.write('null\n');
    return 0;
  }
  process.stdout.write(`${JSON.stringify({ operation: name, [`${which}_schema`]: schema }, null, 2)}\n`);
  return 0;
}
