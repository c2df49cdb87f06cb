// OAuth 2.0 authorization code with PKCE (S256) on HeyGen's paths, which Orator serves alike:
// GET /oauth/authorize, POST /v1/oauth/token (form-encoded) for the code and for refreshes. HeyGen puts the
// authorize page on its app host (app.heygen.com) and the token endpoint on its API host: pass either
// endpoint explicitly when they differ from `baseUrl`.
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

/** A fresh verifier (43 characters of base64url, 256 random bits) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier), codeChallengeMethod: 'S256' };
}

export function pkceChallenge(codeVerifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(codeVerifier)) throw new Error('codeVerifier must be 43–128 characters of A–Z, a–z, 0–9 and -._~ (RFC 7636)');
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/** A value to send as `state` and compare when the browser comes back (it ties the answer to this request). */
export function createOAuthState(): string {
  return randomBytes(16).toString('base64url');
}

export interface AuthorizeUrlInput {
  /** The server's base URL (`http://localhost:8080`), or give `authorizeEndpoint` in full. */
  baseUrl?: string;
  authorizeEndpoint?: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  /** Space-separated: Orator knows `read`, `write` (both given when neither is asked) and `manage_space`. */
  scope?: string;
}

function endpoint(explicit: string | undefined, baseUrl: string | undefined, path: string, what: string): string {
  if (explicit) return explicit;
  if (!baseUrl) throw new Error(`Pass baseUrl or ${what}`);
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Where to send the person's browser. */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const url = new URL(endpoint(input.authorizeEndpoint, input.baseUrl, '/oauth/authorize', 'authorizeEndpoint'));
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (input.scope) url.searchParams.set('scope', input.scope);
  return url.toString();
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  expiresIn: number | null;
  /** Milliseconds since the epoch, from expires_in and the time of the answer. */
  expiresAt: number | null;
  scope: string | null;
}

/** The token endpoint said no: `error` is OAuth's code (invalid_grant, invalid_client …). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description ? `${error}: ${description}` : error);
    this.name = 'OAuthError';
  }
}

export interface TokenEndpointInput {
  baseUrl?: string;
  tokenEndpoint?: string;
  clientId: string;
  /** Confidential clients only; sent as HTTP Basic unless `clientAuth` is `post`. */
  clientSecret?: string;
  clientAuth?: 'basic' | 'post';
  fetch?: (request: Request) => Promise<Response>;
  now?: () => number;
}

async function tokenRequest(input: TokenEndpointInput, fields: Record<string, string>): Promise<OAuthTokens> {
  const form = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (input.clientSecret && input.clientAuth !== 'post') {
    // RFC 6749 2.3.1: both parts form-encoded before base64.
    const pair = `${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    form.set('client_id', input.clientId);
    if (input.clientSecret) form.set('client_secret', input.clientSecret);
  }
  const url = endpoint(input.tokenEndpoint, input.baseUrl, '/v1/oauth/token', 'tokenEndpoint');
  const response = await (input.fetch ?? fetch)(new Request(url, { method: 'POST', headers, body: form }));
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new OAuthError(response.status, String(body.error ?? `http_${response.status}`), String(body.error_description ?? ''));
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : null;
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    tokenType: String(body.token_type ?? 'Bearer'),
    expiresIn,
    expiresAt: expiresIn === null ? null : (input.now ?? Date.now)() + expiresIn * 1000,
    scope: typeof body.scope === 'string' ? body.scope : null,
  };
}

/** Trades the code the browser brought back for tokens (the verifier proves this app asked for it). */
export function exchangeAuthorizationCode(input: TokenEndpointInput & { code: string; redirectUri: string; codeVerifier: string }): Promise<OAuthTokens> {
  return tokenRequest(input, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier });
}

/** A new access token; the answer's refresh token replaces the old one, which stops working (rotation). */
export function refreshAccessToken(input: TokenEndpointInput & { refreshToken: string }): Promise<OAuthTokens> {
  return tokenRequest(input, { grant_type: 'refresh_token', refresh_token: input.refreshToken });
}
