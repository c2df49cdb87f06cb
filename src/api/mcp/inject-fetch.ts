// A fetch for the client SDK that answers from this same Fastify app with inject(): the MCP tools served
// at /mcp call the API in-process, through every hook a network request passes (auth, scopes, rate limits,
// idempotency), without a loopback connection or knowing the address the server is reached at.
import type { FastifyInstance } from 'fastify';

const NO_BODY = new Set([101, 204, 205, 304]);

export function injectFetch(app: FastifyInstance, remoteAddress: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const method = request.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
    const answer = await app.inject({ method, url: url.pathname + url.search, headers, remoteAddress, ...(payload ? { payload } : {}) });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const v of [value].flat()) responseHeaders.append(name, String(v));
    }
    return new Response(NO_BODY.has(answer.statusCode) ? null : new Uint8Array(answer.rawPayload), { status: answer.statusCode, headers: responseHeaders });
  };
}
