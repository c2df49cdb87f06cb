// An OAuth app and its user's browser over inject(): registers clients, walks a person through
// /oauth/authorize, the sign-in and the consent page (PageClient keeps the cookies and the CSRF token),
// and calls the token endpoints form-encoded, as HeyGen's docs show them.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PageClient, PageResponse } from './page-client.js';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function registerClient(app: FastifyInstance, body: object): Promise<{ client_id: string; client_secret?: string; redirect_uris: string[] } & Record<string, unknown>> {
  const r = await app.inject({ method: 'POST', url: '/v1/oauth/register', headers: { 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify(body) });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

/** A public client with one redirect URI. */
export function registerPublicClient(app: FastifyInstance, redirectUri = 'https://app.example/callback', name = 'Test app') {
  return registerClient(app, { client_name: name, redirect_uris: [redirectUri], token_endpoint_auth_method: 'none' });
}

export function authorizeUrl(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return `/oauth/authorize?${q}`;
}

const local = (location: string) => {
  const u = new URL(location, 'http://orator.test');
  return u.host === 'orator.test' ? u.pathname + u.search : location;
};

/** Follows same-server redirects from `first` until one leaves the server (the app's redirect URI) or a page answers. */
export async function follow(page: PageClient, first: PageResponse): Promise<PageResponse> {
  let r = first;
  for (let hops = 0; hops < 6 && r.status >= 300 && r.status < 400 && r.location && local(r.location).startsWith('/'); hops++) r = await page.get(local(r.location));
  return r;
}

/** From GET /oauth/authorize to the consent page (the browser must be signed in). */
export async function openConsent(page: PageClient, params: Record<string, string | undefined>): Promise<{ page: PageResponse; path: string }> {
  const start = await page.get(authorizeUrl(params));
  assert.equal(start.status, 303, start.body);
  const path = local(start.location!);
  assert.match(path, /^\/oauth\/interaction\/[\w-]+$/);
  const consent = await page.get(path);
  return { page: consent, path };
}

/** The space a browser would post from the consent form: the hidden field, or the selected option. */
export function formSpace(consentBody: string): string | undefined {
  return /name="space_id" value="([^"]+)"/.exec(consentBody)?.[1] ?? /<option value="([^"]+)" selected>/.exec(consentBody)?.[1];
}

/** Approves on the consent page and follows the browser back to the app: the redirect's URL. */
export async function approve(page: PageClient, consent: { page: PageResponse; path: string }, fields: Record<string, string | null> = {}): Promise<URL> {
  const space = formSpace(consent.page.body);
  const decided = await page.post(consent.path, { decision: 'allow', ...(space ? { space_id: space } : {}), ...fields });
  assert.equal(decided.status, 303, decided.body);
  const back = await follow(page, decided);
  assert.ok(back.location && !local(back.location).startsWith('/'), `the browser goes back to the app (${back.status} ${back.location})`);
  return new URL(back.location);
}

/** Authorizes with PKCE and returns the code the app receives. */
export async function obtainCode(page: PageClient, clientId: string, options: { redirectUri?: string; pkce?: Pkce; scope?: string; state?: string; space?: string } = {}): Promise<{ code: string; pkce: Pkce; redirectUri: string }> {
  const pkce = options.pkce ?? pkcePair();
  const redirectUri = options.redirectUri ?? 'https://app.example/callback';
  const state = options.state ?? randomBytes(8).toString('hex');
  const consent = await openConsent(page, { client_id: clientId, redirect_uri: redirectUri, response_type: 'code', state, code_challenge: pkce.challenge, code_challenge_method: 'S256', scope: options.scope });
  assert.equal(consent.page.status, 200, consent.page.body);
  const back = await approve(page, consent, options.space ? { space_id: options.space } : {});
  assert.equal(back.searchParams.get('state'), state);
  const code = back.searchParams.get('code');
  assert.ok(code, `a code in ${back}`);
  return { code, pkce, redirectUri };
}

export async function tokenRequest(app: FastifyInstance, fields: Record<string, string>, options: { url?: string; headers?: Record<string, string> } = {}) {
  return app.inject({
    method: 'POST',
    url: options.url ?? '/v1/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

export async function exchangeCode(app: FastifyInstance, clientId: string, got: { code: string; pkce: Pkce; redirectUri: string }) {
  return tokenRequest(app, { grant_type: 'authorization_code', code: got.code, client_id: clientId, redirect_uri: got.redirectUri, code_verifier: got.pkce.verifier });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
