// The SSRF table, with private URLs NOT allowed: every field the server fetches from or calls back to
// (v2, v3 and flat video bodies, webhook endpoints created and updated on v1 and v3) against every
// textual form of a private address. A literal private host (or a loopback name) is a 400 in the route's
// envelope naming the field; a DNS name that resolves privately is accepted and refused at connect
// time: the render fails naming the URL, the delivery fails after one attempt. Listeners on 127.0.0.1
// and [::1] must see no connection during the whole file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../src/auth/api-keys.js';
import { Dispatcher, MockAgent } from 'undici';
import { GuardedFetcher } from '../../src/net/guarded-fetcher.js';
import { createGuardedDispatcher } from '../../src/net/ssrf-guard.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { composeTestPlatform, createFakeEngine, type ComposedTestPlatform } from '../support/test-platform.js';

// ---- listeners that must stay untouched ------------------------------------------------------------
const connections: string[] = [];
const listeners: net.Server[] = [];
let port = 0;
let ipv6Listener = false;

async function listen(host: string, p: number): Promise<net.Server> {
  const server = net.createServer((socket) => {
    connections.push(`${host}:${p} from ${socket.remoteAddress}`);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, host, () => resolve());
  });
  return server;
}

// ---- a resolver we control: names that resolve to private addresses --------------------------------
const answers = new Map<string, dns.LookupAddress[]>();
const realLookup = dns.lookup;
const realPromisesLookup = dns.promises.lookup;

function installResolver(): void {
  const find = (hostname: string) => answers.get(hostname.toLowerCase());
  (dns as { lookup: unknown }).lookup = (hostname: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (e: NodeJS.ErrnoException | null, a: unknown, f?: number) => void;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as dns.LookupOptions;
    const list = find(hostname);
    if (!list) return (realLookup as (...a: unknown[]) => void)(hostname, opts, cb);
    process.nextTick(() => (opts.all ? cb(null, list) : cb(null, list[0]!.address, list[0]!.family)));
  };
  (dns.promises as { lookup: unknown }).lookup = async (hostname: string, options?: dns.LookupOptions) => {
    const list = find(hostname);
    if (!list) return realPromisesLookup(hostname, options ?? {});
    return options?.all ? list : list[0];
  };
}

function restoreResolver(): void {
  (dns as { lookup: unknown }).lookup = realLookup;
  (dns.promises as { lookup: unknown }).lookup = realPromisesLookup;
}

/** Names whose every answer, or one of them, is private (DNS rebinding, mapped answers, mixed answers). */
const PRIVATE_NAMES: Record<string, dns.LookupAddress[]> = {
  'rebind.ssrf.test': [{ address: '127.0.0.1', family: 4 }],
  'mapped.ssrf.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'loopback6.ssrf.test': [{ address: '::1', family: 6 }],
  'metadata.ssrf.test': [{ address: '169.254.169.254', family: 4 }],
  'mixed.ssrf.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
};
const PUBLIC_NAME = 'hooks.ssrf.test';
const FLIP_NAME = 'flip.ssrf.test';

// ---- the address forms ---------------------------------------------------------------------------
/** URL authorities (host[:port]) refused at request time, without DNS. */
function literalAuthorities(p: number): string[] {
  return [
    `127.0.0.1:${p}`,
    `127.1:${p}`,
    `2130706433:${p}`,
    `0x7f.1:${p}`,
    `0x7f.0x0.0x0.0x1:${p}`,
    `017700000001:${p}`,
    `0177.0.0.1:${p}`,
    `127.0.0.1.:${p}`,
    `127.0.0.1..:${p}`,
    `%31%32%37.0.0.1:${p}`,
    `0.0.0.0:${p}`,
    `0:${p}`,
    `example.com@127.0.0.1:${p}`,
    `example.com:80@127.0.0.1:${p}`,
    `10.0.0.1:${p}`,
    `172.16.0.1:${p}`,
    `192.168.1.1:${p}`,
    `100.64.0.1:${p}`,
    `169.254.169.254`,
    `[::1]:${p}`,
    `[::]:${p}`,
    `[::7f00:1]:${p}`,
    `[::127.0.0.1]:${p}`,
    `[::ffff:127.0.0.1]:${p}`,
    `[::ffff:7f00:1]:${p}`,
    `[0:0:0:0:0:ffff:127.0.0.1]:${p}`,
    `[0:0:0:0:0:ffff:7f00:1]:${p}`,
    `[::FFFF:7F00:0001]:${p}`,
    `[::ffff:0:127.0.0.1]:${p}`,
    `[::ffff:a9fe:a9fe]`,
    `[64:ff9b::127.0.0.1]:${p}`,
    `[64:ff9b::7f00:1]:${p}`,
    `[64:ff9b::a00:1]:${p}`,
    `[64:ff9b:1::a00:1]:${p}`,
    `[2002:7f00:1::]:${p}`,
    `[2002:a9fe:a9fe::1]`,
    `[2001:0:4136:e378:8000:63bf:80ff:fffe]:${p}`,
    `[fe80::1]:${p}`,
    `[fc00::1]:${p}`,
    `[fd00:ec2::254]`,
    `localhost:${p}`,
    `LOCALHOST:${p}`,
    `localhost.:${p}`,
    `localhost..:${p}`,
    `api.localhost:${p}`,
    `ip6-localhost:${p}`,
  ];
}

/** URLs refused at request time: every literal form, plus control characters around a public-looking host. */
function refusedUrls(p: number, file: string): string[] {
  return [
    ...literalAuthorities(p).map((a) => `http://${a}/${file}`),
    `https://${PUBLIC_NAME}/${file}\r\nX-Injected: 1`,
    `https://${PUBLIC_NAME}/a\tb/${file}`,
    `https://hooks.ssrf.\ntest/${file}`,
    `https://${PUBLIC_NAME}/${file}\u0000`,
    `https://${PUBLIC_NAME}/\u001b[31m/${file}`,
  ];
}

function nameUrls(p: number, file: string): string[] {
  return Object.keys(PRIVATE_NAMES).map((name) => `http://${name}:${p}/${file}`);
}

// ---- the fields ------------------------------------------------------------------------------------
type Envelope = 'v1' | 'v2' | 'v3';
interface VideoField {
  name: string;
  route: string;
  envelope: Envelope;
  /** The field as the client sent it. */
  param: string;
  body: (url: string) => Record<string, unknown>;
  /** A file name the render would download (callback fields are not fetched by renders). */
  media: boolean;
}

const DAISY = 'Daisy-inskirt-20220818';
const v2Scene = (over: Record<string, unknown>) => ({
  video_inputs: [{ character: { type: 'avatar', avatar_id: DAISY }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello.' }, ...over }],
  dimension: { width: 256, height: 256 },
});
const v3Avatar = { type: 'avatar', avatar_id: DAISY, script: 'Hello.', dimension: { width: 256, height: 256 } };
const flatAvatar = { avatar_id: DAISY, script: 'Hello.', voice_id: 'flite_slt' };

const VIDEO_FIELDS: VideoField[] = [
  { name: 'v2 voice.audio_url', route: '/v2/video/generate', envelope: 'v2', param: 'video_inputs[0].voice.audio_url', media: true, body: (u) => v2Scene({ voice: { type: 'audio', audio_url: u } }) },
  { name: 'v2 image background url', route: '/v2/video/generate', envelope: 'v2', param: 'video_inputs[0].background.url', media: true, body: (u) => v2Scene({ background: { type: 'image', url: u } }) },
  { name: 'v2 video background url', route: '/v2/video/generate', envelope: 'v2', param: 'video_inputs[0].background.url', media: true, body: (u) => v2Scene({ background: { type: 'video', url: u } }) },
  { name: 'v2 image background value', route: '/v2/video/generate', envelope: 'v2', param: 'video_inputs[0].background.value', media: true, body: (u) => v2Scene({ background: { type: 'image', value: u } }) },
  { name: 'v2 callback_url', route: '/v2/video/generate', envelope: 'v2', param: 'callback_url', media: false, body: (u) => ({ ...v2Scene({}), callback_url: u }) },
  { name: 'v3 image.url', route: '/v3/videos', envelope: 'v3', param: 'image.url', media: true, body: (u) => ({ type: 'image', image: { type: 'url', url: u }, script: 'Hello.', voice_id: 'flite_slt', dimension: { width: 256, height: 256 } }) },
  { name: 'v3 audio_url', route: '/v3/videos', envelope: 'v3', param: 'audio_url', media: true, body: (u) => ({ ...v3Avatar, script: undefined, audio_url: u }) },
  { name: 'v3 background.url', route: '/v3/videos', envelope: 'v3', param: 'background.url', media: true, body: (u) => ({ ...v3Avatar, background: { type: 'image', url: u } }) },
  { name: 'v3 watermark.image.url', route: '/v3/videos', envelope: 'v3', param: 'watermark.image.url', media: true, body: (u) => ({ ...v3Avatar, watermark: { image: { type: 'url', url: u } } }) },
  { name: 'v3 callback_url', route: '/v3/videos', envelope: 'v3', param: 'callback_url', media: false, body: (u) => ({ ...v3Avatar, callback_url: u }) },
  { name: 'flat image_url', route: '/v2/videos', envelope: 'v3', param: 'image_url', media: true, body: (u) => ({ image_url: u, script: 'Hello.', voice_id: 'flite_slt' }) },
  { name: 'flat audio_url', route: '/v2/videos', envelope: 'v3', param: 'audio_url', media: true, body: (u) => ({ avatar_id: DAISY, audio_url: u }) },
  { name: 'flat background.url', route: '/v2/videos', envelope: 'v3', param: 'background.url', media: true, body: (u) => ({ ...flatAvatar, background: { type: 'image', url: u } }) },
  { name: 'flat callback_url', route: '/v2/videos', envelope: 'v3', param: 'callback_url', media: false, body: (u) => ({ ...flatAvatar, callback_url: u }) },
];

/** The 400 in the route's envelope, naming the field. */
function assertRefused(r: { statusCode: number; body: string; json(): any }, envelope: Envelope, param: string, what: string): void {
  assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
  const body = r.json();
  if (envelope === 'v1') {
    assert.equal(typeof body.code, 'number', what);
    assert.equal(body.data, null, what);
    assert.ok(String(body.message).includes(param), `${what}: message names ${param}: ${body.message}`);
  } else if (envelope === 'v2') {
    assert.equal(body.data, null, what);
    assert.equal(body.error.code, 'invalid_parameter', what);
    assert.ok(String(body.error.message).includes(param), `${what}: message names ${param}: ${body.error.message}`);
  } else {
    assert.equal(body.error.code, 'invalid_parameter', what);
    assert.equal(body.error.param, param, `${what}: ${r.body}`);
    assert.ok(String(body.error.message).includes(param), `${what}: message names ${param}: ${body.error.message}`);
  }
}

/** Every URL the render would download: the `url` of each media source anywhere in the plan. */
function urlsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) urlsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'url' && typeof v === 'string') out.push(v);
      else urlsOf(v, out);
    }
  }
  return out;
}

// ---- the platform ----------------------------------------------------------------------------------
let p: ComposedTestPlatform;
let h: Record<string, string>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-ssrf-'));

before(async () => {
  listeners.push(await listen('127.0.0.1', 0));
  port = (listeners[0]!.address() as net.AddressInfo).port;
  try {
    listeners.push(await listen('::1', port));
    ipv6Listener = true;
  } catch {
    // No IPv6 loopback here (or the port is taken on it): the 127.0.0.1 listener still sees mapped forms.
  }
  for (const [name, list] of Object.entries(PRIVATE_NAMES)) answers.set(name, list);
  answers.set(PUBLIC_NAME, [{ address: '93.184.216.34', family: 4 }]);
  installResolver();

  // The fake engine, but downloading every URL of the plan the way the real renderer does (first thing,
  // through the SSRF-guarded fetcher built from the platform's setting).
  const engine = createFakeEngine();
  const fakeRender = engine.render.bind(engine);
  let fetcher: GuardedFetcher | undefined;
  engine.render = async (plan: RenderPlan, outDir, options) => {
    await fsp.mkdir(options.workDir, { recursive: true });
    for (const [i, url] of urlsOf(plan).entries()) await fetcher!.fetchToFile(url, path.join(options.workDir, `download-${i}`));
    return fakeRender(plan, outDir, options);
  };
  p = await composeTestPlatform({
    dataDir,
    env: { ORATOR_RATE_LIMIT_PER_MINUTE: '1000000' },
    platform: { engine, pollMs: 20, webhooks: { retryDelaySec: (n) => (n < 9 ? 0.05 : null), timeoutMs: 400 } },
  });
  assert.equal(p.platform.config.allowPrivateUrls, false, 'this table runs with private URLs refused');
  fetcher = new GuardedFetcher({ allowPrivate: p.platform.config.allowPrivateUrls, timeoutMs: 2000 });
  h = { 'x-api-key': (await createApiKey(p.platform.keys, { name: 'ssrf' })).key };
});

after(async () => {
  restoreResolver();
  await p?.stop();
  for (const s of listeners) await new Promise<void>((r) => s.close(() => r()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SSRF table (private URLs not allowed)', () => {
  test('every video field refuses every literal private form and control characters with a 400 naming the field', async () => {
    let count = 0;
    for (const field of VIDEO_FIELDS) {
      for (const url of refusedUrls(port, field.media ? 'x.png' : 'hook')) {
        const r = await p.app.inject({ method: 'POST', url: field.route, headers: h, payload: field.body(url) });
        assertRefused(r, field.envelope, field.param, `${field.name} ${JSON.stringify(url)}`);
        count++;
      }
    }
    assert.ok(count > 500, `${count} requests`);
    const listed = await p.app.inject({ method: 'GET', url: '/v1/video.list', headers: h });
    assert.equal(listed.json().data.videos.length, 0, 'nothing was stored or queued');
    assert.deepEqual(connections, []);
  });

  test('webhook endpoints: v1 add and v3 create refuse every form; v1 update and v3 PATCH refuse changing the url to one', async () => {
    const created = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: `https://${PUBLIC_NAME}/hook` } });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().data.endpoint_id as string;
    const forms = [...refusedUrls(port, 'hook'), ...nameUrls(port, 'hook')];
    for (const url of forms) {
      const what = JSON.stringify(url);
      assertRefused(await p.app.inject({ method: 'POST', url: '/v1/webhook/endpoint.add', headers: h, payload: { url } }), 'v1', 'url', `v1 add ${what}`);
      assertRefused(await p.app.inject({ method: 'PATCH', url: '/v1/webhook/endpoint.update', headers: h, payload: { endpoint_id: id, url } }), 'v1', 'url', `v1 update ${what}`);
      assertRefused(await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url } }), 'v3', 'url', `v3 create ${what}`);
      assertRefused(await p.app.inject({ method: 'PATCH', url: `/v3/webhooks/endpoints/${id}`, headers: h, payload: { url } }), 'v3', 'url', `v3 update ${what}`);
    }
    const list = (await p.app.inject({ method: 'GET', url: '/v3/webhooks/endpoints?limit=100', headers: h })).json().data as { endpoint_id: string; url: string }[];
    assert.deepEqual(list.map((e) => [e.endpoint_id, e.url]), [[id, `https://${PUBLIC_NAME}/hook`]], 'the one endpoint, its url unchanged');
    assert.equal((await p.app.inject({ method: 'DELETE', url: `/v3/webhooks/endpoints/${id}`, headers: h })).statusCode, 200);
    assert.deepEqual(connections, []);
  });

  test('media by a DNS name that resolves privately: accepted, then the render fails naming the URL, without connecting', async () => {
    const cases: { field: VideoField; url: string; videoId: string }[] = [];
    for (const field of VIDEO_FIELDS.filter((f) => f.media)) {
      for (const url of nameUrls(port, 'x.png')) {
        const r = await p.app.inject({ method: 'POST', url: field.route, headers: h, payload: field.body(url) });
        assert.equal(r.statusCode, 200, `${field.name} ${url}: ${r.body}`);
        cases.push({ field, url, videoId: r.json().data.video_id });
      }
    }
    await p.pool.waitForIdle(60_000);
    for (const c of cases) {
      const s = await p.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${c.videoId}`, headers: h });
      const data = s.json().data;
      assert.equal(data.status, 'failed', `${c.field.name} ${c.url}`);
      assert.equal(data.error.message, `Failed to download ${c.url}: the address is private or not reachable from this server`, `${c.field.name}`);
      const shown = JSON.stringify(data.error);
      assert.ok(!shown.includes(dataDir) && !shown.includes(os.tmpdir()), `no server path: ${shown}`);
    }
    assert.deepEqual(connections, []);
  });

  test('callback_url by a private DNS name, and an endpoint whose name rebinds to loopback: one attempt each, failed, no connection', async () => {
    answers.set(FLIP_NAME, [{ address: '93.184.216.34', family: 4 }]);
    const ep = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: `http://${FLIP_NAME}:${port}/hook`, events: ['avatar_video.success'] } });
    assert.equal(ep.statusCode, 200, ep.body);
    const endpointId = ep.json().data.endpoint_id as string;
    // The name resolved publicly when the endpoint was registered; now it answers loopback (DNS rebinding).
    answers.set(FLIP_NAME, [{ address: '127.0.0.1', family: 4 }]);

    const callbackUrls = nameUrls(port, 'hook');
    for (const [i, url] of callbackUrls.entries()) {
      const field = VIDEO_FIELDS.filter((f) => !f.media)[i % 3]!;
      const r = await p.app.inject({ method: 'POST', url: field.route, headers: h, payload: field.body(url) });
      assert.equal(r.statusCode, 200, `${field.name} ${url}: ${r.body}`);
    }
    await p.pool.waitForIdle(60_000);
    const deliveries = (await p.app.inject({ method: 'GET', url: '/v3/webhooks/deliveries?limit=100', headers: h })).json().data as {
      endpoint_id: string | null;
      url: string;
      status: string;
      attempts: number;
      attempt_log: { status_code: number | null; error: string | null }[];
    }[];
    const callbacks = deliveries.filter((d) => d.endpoint_id === null);
    assert.deepEqual(callbacks.map((d) => d.url).sort(), [...callbackUrls].sort());
    const toEndpoint = deliveries.filter((d) => d.endpoint_id === endpointId);
    assert.equal(toEndpoint.length, callbackUrls.length, 'one success event per video for the endpoint');
    for (const d of [...callbacks, ...toEndpoint]) {
      assert.equal(d.status, 'failed', `${d.url}: failed at once, not retried`);
      assert.equal(d.attempts, 1, d.url);
      assert.match(d.attempt_log[0]!.error!, /^refused: address \S+ is not public/, d.url);
      assert.equal(d.attempt_log[0]!.status_code, null);
    }
    assert.deepEqual(connections, []);
  });

  test('redirects: a public URL answering 302 to any private form is refused at the redirect, before connecting', async () => {
    // The public origin is answered by a mock; every other origin goes to the real guarded dispatcher.
    // (MockAgent's own pass-through would connect without the guard's lookup: the listener caught that.)
    const mock = new MockAgent();
    mock.disableNetConnect();
    const guarded = createGuardedDispatcher({ allowPrivate: false });
    class ByOrigin extends Dispatcher {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        return (new URL(String(options.origin)).hostname === PUBLIC_NAME ? mock : guarded).dispatch(options, handler);
      }
      override async close(): Promise<void> {
        await Promise.all([mock.close(), guarded.close()]);
      }
    }
    const agent = new ByOrigin();
    const origin = mock.get(`https://${PUBLIC_NAME}`);
    const targets = [...literalAuthorities(port).map((a) => `http://${a}/x.png`), `//127.0.0.1:${port}/x.png`, ...nameUrls(port, 'x.png')];
    targets.forEach((to, i) => origin.intercept({ path: `/r${i}` }).reply(302, '', { headers: { location: to } }));
    origin.intercept({ path: '/to-ok' }).reply(302, '', { headers: { location: '/ok.png' } });
    origin.intercept({ path: '/ok.png' }).reply(200, 'PNGDATA', { headers: { 'content-type': 'image/png' } });
    const fetcher = new GuardedFetcher({ allowPrivate: false, dispatcher: agent, timeoutMs: 2000 });
    const dest = path.join(dataDir, 'redirected');
    await fetcher.fetchToFile(`https://${PUBLIC_NAME}/to-ok`, dest);
    assert.equal(fs.readFileSync(dest, 'utf8'), 'PNGDATA', 'a redirect to a public URL is followed');
    for (const [i, to] of targets.entries()) {
      const from = `https://${PUBLIC_NAME}/r${i}`;
      await assert.rejects(
        fetcher.fetchToFile(from, dest),
        (e: any) => e.kind === 'download_failed' && e.message === `Failed to download ${from}: the address is private or not reachable from this server`,
        `302 to ${to}`,
      );
    }
    assert.equal(fs.existsSync(dest), false, 'nothing left behind');
    await agent.close();
    assert.deepEqual(connections, []);
  });

  test('the listeners saw no connection at all', (t) => {
    assert.deepEqual(connections, [], connections.join('\n'));
    t.diagnostic(ipv6Listener ? `listening on 127.0.0.1:${port} and [::1]:${port}` : `listening on 127.0.0.1:${port} only (no IPv6 loopback)`);
  });
});
