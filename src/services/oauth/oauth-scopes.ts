// What an app may do with an access token, one row per scope: the consent page shows the wording, the
// auth plugin enforces the rule. Keyed by the union, so a new scope without its wording fails to compile.

export type OAuthScope = 'read' | 'write' | 'manage_space';

export const OAUTH_SCOPES: Record<OAuthScope, { consent: string }> = {
  read: { consent: 'See the videos, avatars, voices, templates, assets and webhooks of the space, and your name and email' },
  write: { consent: 'Make and delete videos, upload assets, and change templates and webhooks in the space' },
  manage_space: { consent: 'Manage the members, invitations, API keys and apps of the space, as far as your role allows' },
};

export const ORATOR_SCOPES = Object.keys(OAUTH_SCOPES) as OAuthScope[];

/**
 * What an app gets when it asks for none of Orator's scopes: HeyGen's own clients ask for no scope (n8n)
 * or only `openid profile email` (the CLI), and expect to call the API; space administration is never
 * implied.
 */
export const DEFAULT_SCOPES: readonly OAuthScope[] = ['read', 'write'];

/** Scopes other than Orator's that clients send and the server accepts (OpenID Connect's). */
export const OPENID_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

export function isOAuthScope(value: string): value is OAuthScope {
  return Object.hasOwn(OAUTH_SCOPES, value);
}

/** The scope string an authorization request should carry: the requested one, plus the defaults when it names none of Orator's. */
export function withDefaultScopes(requested: string | undefined): string {
  const words = (requested ?? '').split(' ').filter((w) => w !== '');
  if (words.some(isOAuthScope)) return words.join(' ');
  return [...words, ...DEFAULT_SCOPES].join(' ');
}

/** The scope a request needs: reads `read`, changes `write`, space administration `manage_space` as well. */
export function scopesNeededFor(method: string, routePattern: string | undefined): OAuthScope[] {
  // An MCP message may only read (tools/list, get_video); each tool's own API call is checked by its route.
  if (routePattern === '/mcp') return ['read'];
  const reads = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  const needed: OAuthScope[] = [reads ? 'read' : 'write'];
  if (routePattern?.startsWith('/v3/spaces/')) needed.push('manage_space');
  return needed;
}
