// An app connects to Orator as an OAuth client would, end to end over real sockets: oauth4webapi for
// discovery (RFC 8414), dynamic registration, PKCE, the code exchange, refresh and revocation, and
// Debian's Chromium (playwright-core) for the person's side: the sign-in page and the consent page. The
// app's redirect URI is a small HTTP server of the test's own. Screenshots go to a temporary folder
// printed in the test log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as oauth from 'oauth4webapi';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '../support/orator-process.js';
import { composeTestPlatform, type ComposedTestPlatform } from '../support/test-platform.js';
import { waitUntil } from '../support/wait-until.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-oauth-shots-'));
const insecure = { [oauth.allowInsecureRequests]: true };
let platform: ComposedTestPlatform;
let browser: Browser;
let base: string;
let dataDir: string;
let appServer: http.Server;
let callback: string;
const arrivals: string[] = [];

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-oauth-browser-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  platform = await composeTestPlatform({ dataDir, env: { ORATOR_PUBLIC_URL: base } });
  await platform.app.listen({ port, host: '127.0.0.1' });
  await platform.platform.users.createUser({ email: 'ada@example.test', name: 'Ada Lovelace', password: 'analytical-engine' });
  // The app: whatever arrives at its callback is what the browser was sent back with.
  const appPort = await freePort();
  callback = `http://127.0.0.1:${appPort}/oauth/callback`;
  appServer = http.createServer((req, res) => {
    arrivals.push(`http://127.0.0.1:${appPort}${req.url}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Storyboard</title><h1>Storyboard is connected</h1>');
  });
  await new Promise<void>((resolve) => appServer.listen(appPort, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  console.log(`screenshots: ${shots}`);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => appServer?.close(resolve));
  await platform?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function api(token: string, method: string, url: string, body?: unknown): Promise<Response> {
  const headers = new Headers(body === undefined ? {} : { 'content-type': 'application/json' });
  return oauth.protectedResourceRequest(token, method, new URL(url, base), headers, body === undefined ? null : JSON.stringify(body), insecure);
}

test('an app registers, sends Ada through sign-in and consent in Chromium, and uses, refreshes and revokes its tokens', async () => {
  const issuer = new URL(base);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  assert.equal(as.token_endpoint, `${base}/v1/oauth/token`);

  const registered = await oauth.dynamicClientRegistrationRequest(as, { client_name: 'Storyboard', redirect_uris: [callback], token_endpoint_auth_method: 'none' }, insecure);
  const client = await oauth.processDynamicClientRegistrationResponse(registered);
  assert.equal(client.client_secret, undefined, 'a public client');

  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorize = new URL(as.authorization_endpoint!);
  for (const [k, v] of Object.entries({ client_id: client.client_id, redirect_uri: callback, response_type: 'code', state, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })) {
    authorize.searchParams.set(k, v);
  }

  const context = await browser.newContext({ viewport: { width: 800, height: 720 } });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text()) && refused.push(m.text()));
  await page.goto(authorize.href);
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'signed out: the person signs in first');
  await page.fill('#email', 'ada@example.test');
  await page.fill('#password', 'analytical-engine');
  await shot(page, '01-sign-in');
  await Promise.all([page.waitForURL(/\/oauth\/interaction\//), page.click('button[type=submit]')]);

  assert.equal(await page.textContent('h1'), 'Connect Storyboard?');
  const consent = (await page.textContent('main'))!;
  assert.match(consent, /Storyboard \(app [\w-]{24}\) asks to act as you, Ada Lovelace <ada@example\.test> in the space Default space\./);
  assert.match(consent, /See the videos, avatars, voices/);
  assert.match(consent, /Make and delete videos/);
  assert.ok(consent.includes(callback), 'the page names where the browser goes next');
  await shot(page, '02-consent');
  await Promise.all([page.waitForURL((u) => u.href.startsWith(callback)), page.click('button[value=allow]')]);
  assert.equal(await page.textContent('h1'), 'Storyboard is connected');
  await shot(page, '03-back-at-the-app');
  assert.deepEqual(refused, [], 'nothing refused by the content security policy (the form may reach the app)');
  await context.close();

  const arrival = new URL(arrivals.find((a) => a.startsWith(`${callback}?`))!);
  const params = oauth.validateAuthResponse(as, client, arrival, state);
  const exchanged = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, callback, verifier, insecure);
  const raw = await exchanged.clone().json();
  assert.deepEqual(Object.keys(raw).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type'], 'HeyGen’s token shape');
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, exchanged);
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(tokens.expires_in, 864000);

  const me = await (await api(tokens.access_token, 'GET', '/v3/users/me')).json();
  assert.equal(me.data.email, 'ada@example.test');
  const made = await api(tokens.access_token, 'POST', '/v3/videos', { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Made by an app.', title: 'from Storyboard' });
  assert.equal(made.status, 200);
  const videoId = (await made.json()).data.video_id as string;
  let status = '';
  await waitUntil('the video renders', async () => {
    status = (await (await api(tokens.access_token, 'GET', `/v3/videos/${videoId}`)).json()).data.status;
    return status === 'completed' || status === 'failed';
  });
  assert.equal(status, 'completed');

  const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure));
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'the refresh token rotated');
  assert.equal((await api(refreshed.access_token, 'GET', '/v3/users/me')).status, 200);

  await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.None(), refreshed.refresh_token!, insecure));
  // oauth4webapi reads the RFC 6750 challenge and throws it, with the response attached.
  const refusal = await api(refreshed.access_token, 'GET', '/v1/video.list').then(
    () => assert.fail('a revoked token must be refused'),
    (err: unknown) => err,
  );
  assert.ok(refusal instanceof oauth.WWWAuthenticateChallengeError);
  assert.equal(refusal.response.status, 401);
  assert.deepEqual(refusal.cause.map((c) => [c.scheme, c.parameters.error]), [['bearer', 'invalid_token']]);
  assert.equal((await refusal.response.json()).code, 401057);
});
