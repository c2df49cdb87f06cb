// Where the authorization server answers: HeyGen's paths (the consent page at /oauth/authorize on the
// app host, the token endpoints under /v1/oauth on the API host, both the same server here).

export const OAUTH_PATHS = {
  authorization: '/oauth/authorize',
  token: '/v1/oauth/token',
  refreshAlias: '/v1/oauth/refresh_token',
  revocation: '/v1/oauth/revoke',
  registration: '/v1/oauth/register',
  jwks: '/oauth/jwks',
  interaction: '/oauth/interaction',
  metadata: '/.well-known/oauth-authorization-server',
  openidMetadata: '/.well-known/openid-configuration',
} as const;

/** HeyGen's token lifetime: `expires_in: 864000` (10 days). */
export const ACCESS_TOKEN_TTL_SEC = 864_000;
