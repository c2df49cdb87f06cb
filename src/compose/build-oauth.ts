// OAuth wiring: the token storage on the database, the authorization server (oidc-provider, loaded on
// first use with its signing and cookie keys from server_secrets) and the app service around it.
import type { Config } from '../config.js';
import { generateSigningJwks, parseSigningJwks } from '../auth/oauth/oauth-keys.js';
import { createOAuthServer } from '../auth/oauth/oauth-server.js';
import { SqlMembershipStore } from '../db/sql-membership-store.js';
import { SqlOAuthStore } from '../db/sql-oauth-store.js';
import { loadServerSecret } from '../db/sql-server-secrets.js';
import { loadOrCreateServerValue } from '../db/sql-server-values.js';
import { html } from '../api/pages/html.js';
import { pageLayout } from '../api/pages/page-layout.js';
import type { OAuthDeps } from '../api/oauth/index.js';
import { createOAuthAppService } from '../services/oauth/oauth-apps.js';
import type { Clock } from '../services/ports.js';
import type { UserService } from '../services/users/user-service.js';
import type { DataLayer } from './build-database.js';

export function buildOAuth(parts: { config: Config; data: DataLayer; clock: Clock; users: UserService }): OAuthDeps {
  const { config, clock, users } = parts;
  const db = parts.data.database.db;
  const store = new SqlOAuthStore(db);
  const server = createOAuthServer({
    issuer: config.publicUrl,
    store,
    clock,
    loadKeys: async () => {
      const [jwks, cookieKey] = await Promise.all([loadOrCreateServerValue(db, 'oauth-signing-jwks', generateSigningJwks), loadServerSecret(db, 'oauth-cookie-signing')]);
      return { jwks: parseSigningJwks(jwks), cookieKeys: [cookieKey] };
    },
    findUser: (id) => users.findUser(id),
    isMember: async (userId, spaceId) => (await users.membership(userId, spaceId)) !== undefined,
    renderErrorPage: (title, message) => pageLayout(title, html`<p class="error" role="alert">${message}</p>`).markup,
  });
  return { server, apps: createOAuthAppService({ store, server, memberships: new SqlMembershipStore(db) }) };
}
