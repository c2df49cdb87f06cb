// One MCP tool as data: its name (HeyGen's MCP server's where it has one), a description an agent can act
// on, a JSON Schema for its arguments, hints for the client, and what it does through the client SDK.
import type { OratorClient } from '../client/index.js';

export type JsonSchema = Record<string, unknown>;

export interface McpTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  annotations: { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint: boolean };
  run(client: OratorClient, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** `{type: 'object', properties, required, additionalProperties: false}`: an agent's misspelt field is refused by name. */
export function objectSchema(properties: Record<string, JsonSchema>, required: string[] = []): McpTool['inputSchema'] {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
export const int = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', description, ...extra });

export const limit = (max: number): JsonSchema => int(`How many to return (1–${max}).`, { minimum: 1, maximum: max });
export const LIMIT = limit(100);
export const TOKEN = str('next_token from the previous page, to read the next one.');

/** Copies only the fields that are set, so the API's own defaults apply to the rest. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

export const VIDEO_POLL_HINT = 'Rendering takes from seconds to minutes: call get_video with this video_id every few seconds until status is completed (then video_url and thumbnail_url are set) or failed (failure_message says why).';
