// `orator mcp`: the tool set over stdio for a local agent (Claude Desktop, Cursor …), calling an Orator (or
// HeyGen) server over HTTP with the key it was started with. stdout carries the protocol only.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { OratorClient } from '../client/index.js';
import { createMcpServer } from './create-mcp-server.js';

/** Serves until stdin ends (the agent closed the pipe). */
export async function serveMcpOverStdio(client: OratorClient): Promise<void> {
  const server = createMcpServer(client);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
