// The authorization server's own endpoints, mounted with @fastify/middie: in this scope only, a
// middleware hands each request to oidc-provider before Fastify parses anything (the provider reads its
// own bodies), and the provider answers it. The routes exist so the paths are known to the router, the
// OpenAPI document and the request log; their handlers are never reached.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import middie from '@fastify/middie';
import type { OAuthAuthorizationServer } from '../../services/oauth/oauth-ports.js';

const ENDPOINTS: Array<{ method: HTTPMethods; url: string; summary: string }> = [
  { method: 'GET', url: '/oauth/authorize', summary: 'OAuth 2.0 authorization (code, PKCE S256): signs the person in and asks their consent' },
  { method: 'GET', url: '/oauth/authorize/:uid', summary: 'OAuth 2.0: where the consent page sends the browser back to finish an authorization' },
  { method: 'POST', url: '/v1/oauth/token', summary: 'OAuth 2.0 token endpoint (authorization_code with code_verifier, refresh_token); form-encoded' },
  { method: 'POST', url: '/v1/oauth/refresh_token', summary: 'OAuth 2.0: the token endpoint under the refresh URL third-party HeyGen integrations use' },
  { method: 'POST', url: '/v1/oauth/revoke', summary: 'OAuth 2.0 token revocation (RFC 7009); revoking a refresh token ends its grant' },
  { method: 'POST', url: '/v1/oauth/register', summary: 'OAuth 2.0 dynamic client registration (RFC 7591); no API key needed' },
  { method: 'GET', url: '/oauth/jwks', summary: 'OAuth 2.0: the public keys of the authorization server' },
  { method: 'GET', url: '/.well-known/oauth-authorization-server', summary: 'OAuth 2.0 authorization server metadata (RFC 8414)' },
  { method: 'GET', url: '/.well-known/openid-configuration', summary: 'OpenID Connect discovery (the same metadata)' },
];

export async function providerEndpoints(app: FastifyInstance, { oauth }: { oauth: OAuthAuthorizationServer }): Promise<void> {
  await app.register(middie);
  app.use((req: IncomingMessage, res: ServerResponse) => {
    // Fastify's own onSend would have added it; the provider writes the response itself.
    res.setHeader('x-request-id', String((req as { id?: unknown }).id ?? ''));
    oauth.handle(req, res);
  });
  for (const { method, url, summary } of ENDPOINTS) {
    app.route({
      method,
      url,
      config: { public: true, idempotent: false },
      schema: { tags: ['oauth'], summary, security: [] },
      handler: async () => {
        throw new Error(`${method} ${url} is answered by the authorization server`);
      },
    });
  }
}
