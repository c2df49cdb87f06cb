// OAuth 2.0 (issue 15): the authorization server's endpoints on HeyGen's paths (provider-endpoints.ts),
// the consent and "Your apps" pages (consent-routes.ts), and the space admins' app clients
// (oauth-client-routes.ts). Bearer access tokens on the API routes are checked in plugins/auth.ts.
import type { FastifyInstance } from 'fastify';
import type { OAuthAppService } from '../../services/oauth/oauth-apps.js';
import type { OAuthAuthorizationServer } from '../../services/oauth/oauth-ports.js';
import type { UserService } from '../../services/users/user-service.js';
import { consentPages } from './consent-routes.js';
import { oauthClientRoutes } from './oauth-client-routes.js';
import { providerEndpoints } from './provider-endpoints.js';

export interface OAuthDeps {
  server: OAuthAuthorizationServer;
  apps: OAuthAppService;
}

export async function oauthRoutes(app: FastifyInstance, { oauth, users }: { oauth: OAuthDeps; users: UserService }): Promise<void> {
  await app.register(providerEndpoints, { oauth: oauth.server });
  await app.register(consentPages, { oauth: oauth.server, apps: oauth.apps, users });
  oauthClientRoutes(app, oauth.apps);
}
