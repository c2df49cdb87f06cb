// POST /mcp: the MCP tool set over Streamable HTTP, stateless (a server and transport per request, no
// sessions, JSON answers), for remote agents. The auth plugin has run by the time the handler does, so the
// caller is known; the tools then call the API in-process with the caller's own credential, so each call
// is allowed, scoped and rate-limited exactly as if the agent had made it itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createOratorClient } from '../../client/index.js';
import { injectFetch } from './inject-fetch.js';

/** The MCP SDK (≈140 ms to load) is loaded on the first /mcp request, not at every server start. */
let mcpModules: Promise<[typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js'), typeof import('../../mcp/create-mcp-server.js')]> | undefined;
const loadMcp = () => (mcpModules ??= Promise.all([import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('../../mcp/create-mcp-server.js')]));

/** The request headers that say who is calling, passed on to the tools' API calls. */
const CREDENTIAL_HEADERS = ['x-api-key', 'authorization', 'cookie', 'x-csrf-token'];

function callerHeaders(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of CREDENTIAL_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  return out;
}

async function handleMcp(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await loadMcp();
  // No retries inside: a rate-limited tool call should reach the agent now, not after a hidden wait.
  const client = createOratorClient({ baseUrl: 'http://orator.internal', headers: callerHeaders(request), fetch: injectFetch(app, request.ip), retry: { maxRetries: 0 } });
  const server = createMcpServer(client);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  reply.hijack();
  reply.raw.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  } catch (error) {
    request.log.error({ err: error }, 'MCP request failed');
    if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
  }
}

const NOT_ALLOWED = { jsonrpc: '2.0', error: { code: -32000, message: 'This MCP endpoint is stateless: send JSON-RPC requests with POST /mcp (no SSE stream, no sessions)' }, id: null };

export async function mcpRoutes(app: FastifyInstance): Promise<void> {
  app.post('/mcp', { config: { idempotent: false }, schema: { tags: ['mcp'], summary: 'MCP (Streamable HTTP, stateless): the video tools for AI agents' } }, (request, reply) => handleMcp(app, request, reply));
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({ method, url: '/mcp', schema: { hide: true }, handler: async (_request, reply) => reply.code(405).header('allow', 'POST').send(NOT_ALLOWED) });
  }
}
