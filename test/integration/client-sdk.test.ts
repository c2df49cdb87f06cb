// The client SDK against the real app over HTTP (in-process platform, fake render engine, listening on
// 127.0.0.1): the resource APIs and their typed errors, Idempotency-Key replays, verifyWebhook on Orator's
// real deliveries (accepted; tampered, re-timed, wrongly keyed ones refused; both secrets during a
// rotation), and the OAuth PKCE helpers through the consent page, whose tokens then drive the client and
// the MCP endpoint (a read-only token may read through the tools and is refused a create).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  buildAuthorizeUrl,
  createOAuthState,
  createOratorClient,
  createPkcePair,
  exchangeAuthorizationCode,
  NotFoundError,
  OAuthError,
  refreshAccessToken,
  verifyWebhook,
  WebhookVerificationError,
  type OratorClient,
} from '../../src/client/index.js';
import { PageClient } from '../support/page-client.js';
import { approve, openConsent, registerPublicClient } from '../support/oauth-test-client.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { eventually } from '../support/webhook-platform.js';

const AVATAR = 'Daisy-inskirt-20220818';
const REDIRECT = 'https://app.example/callback';
let baseUrl = '';
const receiver = useReceiver();
const t = useTestPlatform({ kit: 'webhooks' }, async (p) => {
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
  await p.platform.users.createUser({ email: 'ada@example.test', name: 'Ada Lovelace', password: 'analytical-engine' });
});
const sdk = (): OratorClient => createOratorClient({ baseUrl, apiKey: t.headers['x-api-key'] });

test('videos, avatars, voices and templates through the client; errors are typed', async () => {
  const c = sdk();
  const looks = await c.avatars.listLooks({ limit: 50 });
  assert.ok(looks.data.some((l) => l.id === AVATAR));
  assert.equal((await c.avatars.getLook(AVATAR)).default_voice_id, 'flite_slt');
  const voices = await c.voices.list({ language: 'English' });
  assert.ok(voices.data.length > 0 && voices.data.every((v) => v.language === 'English'));

  const made = await c.videos.create({ type: 'avatar', avatar_id: AVATAR, script: 'From the SDK.', title: 'sdk' });
  const done = await c.videos.waitFor(made.video_id, { initialIntervalMs: 20 });
  assert.equal(done.status, 'completed');
  assert.match(done.video_url!, /\/files\/.*Signature=/);
  assert.ok((await c.videos.list({ limit: 5 })).data.some((v) => v.id === made.video_id));
  assert.deepEqual(await c.videos.delete(made.video_id), { id: made.video_id, deleted: true });
  await assert.rejects(c.videos.get(made.video_id), (e: unknown) => e instanceof NotFoundError && e.code === 'video_not_found' && e.param === 'video_id');

  const templates = await c.templates.list();
  const template = await c.templates.get(templates.data[0]!.id);
  assert.ok(Object.keys(template.variables).length > 0);
  // The fake engine knows two presenters: cast one wherever the template has a character or a voice.
  const cast = Object.fromEntries(
    Object.values(template.variables)
      .filter((v) => v.type === 'character' || v.type === 'voice')
      .map((v) => [v.name, { name: v.name, type: v.type, properties: v.type === 'character' ? { character_id: AVATAR, type: 'avatar' } : { voice_id: 'flite_slt' } }]),
  );
  const fromTemplate = await c.templates.generate(template.id, { title: 'from a template', variables: cast as never });
  assert.equal((await c.videos.waitFor(fromTemplate.video_id, { initialIntervalMs: 20 })).title, 'from a template');
});

test('the same Idempotency-Key replays the first create instead of making a second video', async () => {
  const c = sdk();
  const body = { type: 'avatar' as const, avatar_id: AVATAR, script: 'Only once.' };
  const first = await c.videos.create(body, { idempotencyKey: 'order-7' });
  const again = await c.videos.create(body, { idempotencyKey: 'order-7' });
  assert.equal(again.video_id, first.video_id);
  assert.notEqual((await c.videos.create(body)).video_id, first.video_id, 'a new call gets a new key');
});

test('verifyWebhook accepts Orator’s real deliveries, in both schemes, and refuses altered ones', async () => {
  const c = sdk();
  const endpoint = await c.webhooks.create({ url: receiver.url('/verify'), events: ['avatar_video.success'] });
  const secret = endpoint.secret!;
  assert.match(secret, /^whsec_/);
  const made = await c.videos.create({ type: 'avatar', avatar_id: AVATAR, script: 'Tell my webhook.' });
  const delivery = await eventually(() => receiver.on('/verify').find((r) => r.body.includes(made.video_id)));

  const ok = verifyWebhook(delivery.headers, delivery.body, secret);
  assert.equal(ok.scheme, 'standard');
  assert.equal(ok.id, delivery.headers['webhook-id']);
  assert.equal(ok.event.event_type, 'avatar_video.success');
  assert.equal(ok.event.event_data.video_id, made.video_id);
  const legacyOnly = Object.fromEntries(Object.entries(delivery.headers).filter(([k]) => !k.startsWith('webhook-')));
  assert.equal(verifyWebhook(legacyOnly, delivery.body, secret).scheme, 'heygen', 'HeyGen’s hex HMAC in Signature');
  assert.equal(verifyWebhook(delivery.headers, Buffer.from(delivery.body), secret, { scheme: 'heygen' }).event.event_data.video_id, made.video_id);

  const refused = (fn: () => unknown, why: RegExp) => assert.throws(fn, (e: unknown) => e instanceof WebhookVerificationError && why.test(e.message));
  const tampered = delivery.body.replace(made.video_id, 'someone_elses_video');
  refused(() => verifyWebhook(delivery.headers, tampered, secret), /No webhook-signature matches/);
  refused(() => verifyWebhook(legacyOnly, tampered, secret), /does not match/);
  refused(() => verifyWebhook(delivery.headers, delivery.body, 'whsec_' + Buffer.from('not the secret at all!').toString('base64')), /No webhook-signature matches/);
  refused(() => verifyWebhook(delivery.headers, delivery.body, secret, { now: () => Date.now() + 10 * 60_000 }), /more than 300 s from now/);
  refused(() => verifyWebhook({ ...delivery.headers, 'webhook-id': 'msg_other' }, delivery.body, secret), /No webhook-signature matches/);
  refused(() => verifyWebhook({ 'content-type': 'application/json' }, delivery.body, secret), /Missing signature header/);

  // During a rotation both secrets sign: a receiver still holding the old one keeps verifying.
  const rotated = await c.webhooks.rotateSecret(endpoint.endpoint_id);
  const before = receiver.on('/verify').length;
  const second = await c.videos.create({ type: 'avatar', avatar_id: AVATAR, script: 'After the rotation.' });
  const next = await eventually(() => receiver.on('/verify').slice(before).find((r) => r.body.includes(second.video_id)));
  assert.equal(verifyWebhook(next.headers, next.body, secret).event.event_data.video_id, second.video_id);
  assert.equal(verifyWebhook(next.headers, next.body, rotated.secret).scheme, 'standard');
  assert.equal(verifyWebhook(next.headers, next.body, [rotated.secret, 'whsec_AAAA']).scheme, 'standard');
  await c.webhooks.delete(endpoint.endpoint_id);
});

/** The browser half of the flow (sign-in, consent) over inject; the app half with the client's helpers over HTTP. */
async function connectApp(scope?: string) {
  const app = await registerPublicClient(t.app, REDIRECT);
  const pkce = createPkcePair();
  const state = createOAuthState();
  const url = new URL(buildAuthorizeUrl({ baseUrl, clientId: app.client_id, redirectUri: REDIRECT, codeChallenge: pkce.codeChallenge, state, ...(scope ? { scope } : {}) }));
  assert.equal(url.pathname, '/oauth/authorize');
  const page = new PageClient(t.app);
  assert.equal((await page.signIn('ada@example.test', 'analytical-engine')).status, 303);
  const consent = await openConsent(page, Object.fromEntries(url.searchParams));
  const back = await approve(page, consent);
  assert.equal(back.searchParams.get('state'), state);
  const tokens = await exchangeAuthorizationCode({ baseUrl, clientId: app.client_id, code: back.searchParams.get('code')!, redirectUri: REDIRECT, codeVerifier: pkce.codeVerifier });
  return { clientId: app.client_id, tokens };
}

test('OAuth PKCE helpers: authorize URL, code exchange, refresh; the token drives the client', async () => {
  const { clientId, tokens } = await connectApp();
  assert.equal(tokens.tokenType, 'Bearer');
  assert.equal(tokens.expiresIn, 864000);
  assert.ok(tokens.refreshToken && tokens.expiresAt! > Date.now());
  let current = tokens.accessToken;
  const c = createOratorClient({ baseUrl, accessToken: () => current });
  assert.ok((await c.avatars.listLooks()).data.length > 0);

  const refreshed = await refreshAccessToken({ baseUrl, clientId, refreshToken: tokens.refreshToken! });
  assert.notEqual(refreshed.accessToken, tokens.accessToken);
  current = refreshed.accessToken;
  assert.ok((await c.videos.create({ type: 'avatar', avatar_id: AVATAR, script: 'Made with a token.' })).video_id);
  await assert.rejects(refreshAccessToken({ baseUrl, clientId, refreshToken: tokens.refreshToken! }), (e: unknown) => e instanceof OAuthError && e.error === 'invalid_grant', 'a used refresh token is refused');
  await assert.rejects(exchangeAuthorizationCode({ baseUrl, clientId, code: 'made-up', redirectUri: REDIRECT, codeVerifier: createPkcePair().codeVerifier }), OAuthError);
});

test('/mcp takes an OAuth Bearer token: a read-only token lists through the tools and may not create', async () => {
  const { tokens } = await connectApp('read');
  const mcp = new Client({ name: 'oauth-agent', version: '1.0.0' });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { authorization: `Bearer ${tokens.accessToken}` } } }));
  try {
    const listed = (await mcp.callTool({ name: 'list_videos', arguments: { limit: 3 } })) as { isError?: boolean; structuredContent?: { videos: unknown[] } };
    assert.ok(!listed.isError, JSON.stringify(listed));
    assert.ok(listed.structuredContent!.videos.length > 0, 'the space’s videos, seen with the token');
    const refused = (await mcp.callTool({ name: 'create_video_from_avatar', arguments: { avatar_id: AVATAR, script: 'Not allowed.' } })) as { isError?: boolean; content: Array<{ text: string }> };
    assert.equal(refused.isError, true);
    assert.match(refused.content[0]!.text, /^forbidden: This access token was granted the scopes read; this request needs write/);
  } finally {
    await mcp.close();
  }
});
