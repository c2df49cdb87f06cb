// The MCP server over the tool set, for any transport (stdio in `orator mcp`, Streamable HTTP at /mcp).
// The SDK's low-level Server is used because the tools are plain JSON Schemas (McpServer wants Zod ones);
// arguments are checked here with Ajv so an agent hears which field is wrong, in words it can act on.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ApiError, type OratorClient } from '../client/index.js';
import { CATALOGUE_TOOLS } from './catalogue-tools.js';
import type { McpTool } from './mcp-tool.js';
import { VIDEO_TOOLS } from './video-tools.js';

export const MCP_TOOLS: readonly McpTool[] = [...VIDEO_TOOLS, ...CATALOGUE_TOOLS];

const INSTRUCTIONS =
  'Makes avatar videos. Typical flow: list_avatar_looks and list_voices to choose a presenter and a voice, create_video_from_avatar with a script, then get_video every few seconds until status is completed; answer with its video_url and thumbnail_url. Templates: list_templates, get_template, create_video_from_template.';

const ajv = new Ajv({ allErrors: true });
const validators = new Map<string, ValidateFunction>(MCP_TOOLS.map((t) => [t.name, ajv.compile(t.inputSchema)]));

function describeArgumentError(e: ErrorObject): string {
  const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') return `${field ? `${field}.` : ''}${String(e.params.missingProperty)} is required`;
  if (e.keyword === 'additionalProperties') return `${field ? `${field}.` : ''}${String(e.params.additionalProperty)} is not an argument of this tool`;
  if (e.keyword === 'enum') return `${field} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return `${field || 'arguments'} ${e.message ?? 'is not valid'}`;
}

function textResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

/** The API's refusal as the agent should read it: HeyGen's code, the message, the field it blames. */
function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}${error.param ? ` (field: ${error.param})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

export async function callMcpTool(client: OratorClient, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const tool = MCP_TOOLS.find((t) => t.name === name);
  if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${name}: tools/list names the ${MCP_TOOLS.length} tools`);
  const validate = validators.get(name)!;
  if (!validate(args)) return errorResult(`Invalid arguments: ${(validate.errors ?? []).map(describeArgumentError).join('; ')}`);
  try {
    return textResult(await tool.run(client, args));
  } catch (error) {
    return errorResult(describeFailure(error));
  }
}

export function createMcpServer(client: OratorClient, version = '0.1.0'): Server {
  const server = new Server({ name: 'orator', title: 'Orator avatar videos', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: MCP_TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: t.annotations })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => callMcpTool(client, request.params.name, request.params.arguments ?? {}));
  return server;
}
