// Template generation (issue #12, simplified rendering): POST /v2/template/{id}/generate and POST
// /v3/templates/{id} make ordinary videos; variables are checked by name; the mapping from template to
// RenderPlan (scene selection, defaults, substitution); and one real render by the spawned server, whose
// downloaded MP4's decoded frame shows the substituted text where the layout puts it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { LayersBackground, RenderPlan } from '../../src/domain/render-plan.js';
import { listStockAvatars } from '../../src/render/avatars/avatar-catalogue.js';
import { composeLayerBackground } from '../../src/render/media/compose-layer-background.js';
import { resolveTemplateVariables } from '../../src/services/templates/resolve-template-variables.js';
import { stockMediaBase } from '../../src/services/templates/stock-media.js';
import { stockTemplates } from '../../src/services/templates/stock-templates.js';
import { buildTemplateRenderPlan } from '../../src/services/templates/template-render-plan.js';
import { validateRenderPlan } from '../../src/render/render-video.js';
import { api, freePort, pollStatus, startOrator, tempDataDir } from '../support/orator-process.js';
import { ffprobeJson } from '../support/render-probes.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';

const run = promisify(execFile);
const t = useTestPlatform();
const WELCOME = 'stock_personalised_welcome';
/** The test platform's public URL; the spawned server's is its own (localhost and its port). */
const PUBLIC_URL = 'http://orator.test';
const welcome = stockTemplates(PUBLIC_URL).find((s) => s.id === WELCOME)!.document;
/** The fake engine's catalogue has its own avatars and voices. */
const CAST = {
  presenter: { name: 'presenter', type: 'character', properties: { character_id: 'Daisy-inskirt-20220818', type: 'avatar' } },
  voice: { name: 'voice', type: 'voice', properties: { voice_id: 'flite_slt' } },
};
const ada = { recipient_name: { name: 'recipient_name', type: 'text', properties: { content: 'Ada Lovelace' } } };

async function generateV2(body: object, id = WELCOME) {
  return t.app.inject({ method: 'POST', url: `/v2/template/${id}/generate`, headers: t.headers, payload: body });
}
async function generateV3(body: object, headers: Record<string, string> = {}, id = WELCOME) {
  return t.app.inject({ method: 'POST', url: `/v3/templates/${id}`, headers: { ...t.headers, ...headers }, payload: body });
}
/** Every still layer of a scene, baked into its background or timed, bottom first (as one layers background). */
const layers = (plan: RenderPlan, scene: number): LayersBackground => {
  const s = plan.scenes[scene]!;
  const bg = s.background as LayersBackground;
  return { ...bg, layers: [...bg.layers, ...(s.timedLayers ?? []).flatMap((t) => (t.content.type === 'video' ? [] : [t.content]))] };
};

describe('variables are checked by name', () => {
  // Unknown ids answer 404 like they do on /v3/videos (HeyGen's asset and avatar codes).
  const cases: [string, object, RegExp, string, number?][] = [
    ['wrong property shape', { recipient_name: { name: 'recipient_name', type: 'text', properties: { content: 42 } } }, /variables\.recipient_name\.properties\.content must be a string/, 'variables.recipient_name.properties.content'],
    ['unknown variable', { nickname: { type: 'text', properties: { content: 'x' } } }, /variables\.nickname is not a variable of this template/, 'variables.nickname'],
    ['wrong type', { recipient_name: { type: 'image', properties: { url: 'https://example.org/a.png' } } }, /variables\.recipient_name\.type must be 'text'/, 'variables.recipient_name.type'],
    ['image without url or asset', { logo: { type: 'image', properties: { fit: 'contain' } } }, /variables\.logo\.properties\.url or asset_id is required/, 'variables.logo.properties.url'],
    ['image from a private address', { logo: { type: 'image', properties: { url: 'http://127.0.0.1/logo.png' } } }, /variables\.logo\.properties\.url points to a private/, 'variables.logo.properties.url'],
    ['image asset of nobody', { logo: { type: 'image', properties: { asset_id: 'nope' } } }, /Asset nope not found/, 'variables.logo.properties.asset_id', 404],
    ['unknown character', { presenter: { type: 'character', properties: { character_id: 'ghost', type: 'avatar' } } }, /Avatar ghost not found/, 'variables.presenter.properties.character_id', 404],
  ];
  for (const [name, variables, message, param, status = 400] of cases) {
    test(`v3: ${name}`, async () => {
      const r = await generateV3({ variables: { ...CAST, ...variables } });
      assert.equal(r.statusCode, status, r.body);
      assert.match(r.json().error.message, message);
      assert.equal(r.json().error.param, param);
    });
  }
  test('v2 answers the same 400 in its envelope; an unknown template is 404; an unknown scene id names its index', async () => {
    const r = await generateV2({ variables: { ...CAST, recipient_name: { type: 'text', properties: {} } } });
    assert.equal(r.statusCode, 400);
    assert.match(r.json().error.message, /variables\.recipient_name\.properties\.content is required/);
    assert.equal((await generateV2({}, 'no_such_template')).statusCode, 404);
    const s = await generateV3({ variables: CAST, scene_ids: ['greeting', 'outro'] });
    assert.equal(s.statusCode, 400);
    assert.equal(s.json().error.param, 'scene_ids[1]');
  });
});

describe('generation stores one ordinary video and queues one render', () => {
  test('v2: data.video_id, the video polls to completed with the substituted plan', async () => {
    const before = t.engine.controls.renders.length;
    const r = await generateV2({ variables: { ...CAST, ...ada }, title: 'Hello Ada', dimension: { width: 640, height: 360 }, test: true, callback_id: 'cb-1' });
    assert.equal(r.statusCode, 200, r.body);
    const id = r.json().data.video_id;
    assert.match(id, /^[0-9a-f]{32}$/);
    await t.pool.waitForIdle();
    assert.equal(t.engine.controls.renders.length, before + 1);
    const plan = t.lastPlan();
    assert.equal(plan.width, 640);
    assert.equal(plan.scenes.length, 2);
    const hello = layers(plan, 0).layers.find((l) => l.type === 'text' && l.text.startsWith('Welcome'));
    assert.equal(hello && hello.type === 'text' && hello.text, 'Welcome, Ada Lovelace');
    const status = await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: t.headers });
    assert.equal(status.json().data.status, 'completed');
    assert.equal(status.json().data.callback_id, 'cb-1');
  });

  test('v3: data.video_id with status pending; Idempotency-Key replays the same video', async () => {
    const before = t.engine.controls.renders.length;
    // HeyGen clients send fields Orator does not act on (include_gif, enable_sharing): accepted.
    const body = { variables: CAST, scene_ids: ['closing'], fps: 30, include_gif: true, enable_sharing: false, title: 'Closing card' };
    const r = await generateV3(body, { 'idempotency-key': 'tmpl-gen-1' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().data.status, 'pending');
    assert.equal(r.json().data.id, r.json().data.video_id);
    assert.deepEqual(validateHeygenResponse('POST', '/v3/templates/{template_id}', 200, r.json()), []);
    assert.equal((await generateV3({ variables: CAST, fps: 24 })).statusCode, 400);
    const again = await generateV3(body, { 'idempotency-key': 'tmpl-gen-1' });
    assert.equal(again.json().data.video_id, r.json().data.video_id);
    await t.pool.waitForIdle();
    assert.equal(t.engine.controls.renders.length, before + 1);
    const plan = t.lastPlan();
    assert.equal(plan.width, 1280);
    assert.equal(plan.fps, 30);
    assert.deepEqual(plan.scenes.map((s) => s.voice.type), ['silence']);
    const v = await t.app.inject({ method: 'GET', url: `/v3/videos/${r.json().data.video_id}`, headers: t.headers });
    assert.equal(v.statusCode, 200);
  });
});

test('an image variable by asset id of the space is drawn from the stored upload; by URL it is fetched at render', async () => {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).png().toBuffer();
  const up = await t.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...t.headers, 'content-type': 'image/png' }, payload: png });
  assert.equal(up.statusCode, 200, up.body);
  const assetId = up.json().data.id;
  const r = await generateV3({ variables: { ...CAST, logo: { type: 'image', properties: { asset_id: assetId, fit: 'cover' } } }, scene_ids: ['greeting'] });
  assert.equal(r.statusCode, 200, r.body);
  await t.pool.waitForIdle();
  const image = layers(t.lastPlan(), 0).layers.find((l) => l.type === 'image');
  // The render job copied the stored upload next to the render and labelled it with the client's name for it.
  assert.ok(image && image.type === 'image' && image.fit === 'cover', JSON.stringify(image));
  assert.ok('path' in image.source && image.source.label === `asset ${assetId}`, JSON.stringify(image.source));
  const other = await generateV2({ variables: { ...CAST, logo: { type: 'image', properties: { url: 'https://example.org/logo.png' } } } });
  assert.equal(other.statusCode, 200, other.body);
  await t.pool.waitForIdle();
  const byUrl = layers(t.lastPlan(), 0).layers.find((l) => l.type === 'image');
  assert.deepEqual(byUrl && byUrl.type === 'image' && byUrl.source, { url: 'https://example.org/logo.png' });
});

test('layer raster: a text too long for its box shrinks to fit inside it; an image sits in its box', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'orator-template-raster-'));
  try {
    const box = { x: 0.1, y: 0.1, width: 0.4, height: 0.2 };
    const long = 'Dear Augusta Ada King, Countess of Lovelace, welcome aboard the Analytical Engine programme';
    const bg: LayersBackground = {
      type: 'layers', color: '#FFFFFF',
      layers: [
        { type: 'text', box, text: long, fontFamily: 'DejaVu Sans', fontSize: 0.1, fontWeight: 700, color: '#000000', align: 'left' },
        { type: 'image', box: { x: 0.6, y: 0.6, width: 0.2, height: 0.2 }, source: { path: join(dir, 'red.png') }, fit: 'cover' },
      ],
    };
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff0000' } }).png().toFile(join(dir, 'red.png'));
    const out = await composeLayerBackground(bg, 0, 640, 360, dir, { fetcher: { fetchToFile: async () => {} } });
    const { data, info } = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * 3;
        if (!(data[i]! < 128 && data[i + 1]! < 128)) continue; // dark ink only (not the red image)
        if (x >= 64 && x < 320 && y >= 36 && y < 108) inside++;
        else outside++;
      }
    }
    assert.ok(inside > 500, `text drawn (${inside} dark pixels)`);
    assert.equal(outside, 0, 'no ink outside the text box');
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    assert.deepEqual(at(448, 252), [255, 0, 0]);
    assert.deepEqual(at(380, 252), [255, 255, 255]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('mapping: scene_ids select, reorder and repeat; defaults fill in; {{vars}} are substituted everywhere', () => {
  const engine = { findAvatar: (id: string) => ({ avatar_id: id, default_voice_id: 'v' }) as never, findVoice: () => ({}) as never };
  const values = resolveTemplateVariables(welcome.variables, { company: { type: 'text', properties: { content: 'Analytical Engines Ltd' } } });
  const plan = buildTemplateRenderPlan(welcome, { values, scene_ids: ['closing', 'greeting', 'closing'], dimension: { width: 640, height: 360 } }, { engine, assets: new Map(), refusedUrlHost: () => null, stockMediaBase: stockMediaBase(PUBLIC_URL) });
  assert.equal(plan.scenes.length, 3);
  assert.deepEqual(plan.scenes[0]!.voice, { type: 'silence', durationSec: 3 });
  assert.equal(plan.scenes[0]!.character, null);
  // The repeat is the same scene, joined to the one before it by the card's fade (the first scene has none).
  const { transition, ...repeat } = plan.scenes[2]!;
  assert.deepEqual(plan.scenes[0], repeat);
  assert.deepEqual(transition, { type: 'fade', seconds: 0.5 });
  const greeting = plan.scenes[1]!;
  assert.equal(greeting.character?.type === 'avatar' && greeting.character.avatarId, 'amara_office_front');
  assert.ok(greeting.voice.type === 'text' && greeting.voice.voiceId === 'festival_slt_hts');
  assert.equal(greeting.voice.type === 'text' && greeting.voice.text, 'Hi Alex! Welcome to the team at Analytical Engines Ltd. I will be your contact from here on, so reach out any time.');
  const texts = layers(plan, 1).layers.flatMap((l) => (l.type === 'text' ? [l.text] : []));
  assert.deepEqual(texts, ['Welcome, Alex', 'We are glad Analytical Engines Ltd is on board.', 'Amara, Customer Success']);
  // The default logo is the bundled file, drawn from disk rather than fetched from the server's own URL.
  const logo = layers(plan, 1).layers.find((l) => l.type === 'image');
  assert.ok(logo && logo.type === 'image' && 'path' in logo.source && logo.source.path.endsWith('/assets/templates/logo.png') && logo.source.label === 'stock logo.png', JSON.stringify(logo));
  // The presenter's box stands on the frame's bottom edge: the bust sinks just below it, so the frame cuts it.
  const c = greeting.character!;
  assert.ok(Math.abs(c.offset.x - 0.27) < 1e-9 && Math.abs(c.scale - 0.84) < 1e-9, JSON.stringify(c));
  assert.ok(0.5 + c.offset.y + c.scale / 2 > 1, `the bust's bottom edge (${0.5 + c.offset.y + c.scale / 2}) is below the frame's`);
});

async function regionPixels(png: Buffer | string, box: { x: number; y: number; w: number; h: number }): Promise<Buffer> {
  return sharp(png).removeAlpha().extract({ left: box.x, top: box.y, width: box.w, height: box.h }).raw().toBuffer();
}
const meanDiff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

test('the real server renders the stock welcome template: "Ada Lovelace" is in the frame where the layout puts it', async () => {
  const dir = tempDataDir();
  const p = await startOrator({ dataDir: dir, port: await freePort() });
  try {
    const started = Date.now();
    const body = { variables: ada, scene_ids: ['greeting'], dimension: { width: 640, height: 360 } };
    const { status, json } = await api(p, 'POST', `/v3/templates/${WELCOME}`, body);
    assert.equal(status, 200, JSON.stringify(json));
    const d = await pollStatus(p, json.data.video_id, (x) => x.status === 'completed' || x.status === 'failed', 60_000);
    assert.equal(d.status, 'completed', JSON.stringify(d));
    const res = await fetch(d.video_url);
    assert.equal(res.status, 200);
    const file = join(dir, 'download.mp4');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const probe = await ffprobeJson(file);
    const video = probe.streams.find((s: any) => s.codec_type === 'video');
    assert.deepEqual([video.width, video.height], [640, 360]);
    assert.ok(probe.streams.some((s: any) => s.codec_type === 'audio'));
    // One scene that lasts as long as its speech (the script is about 25 words of TTS).
    assert.ok(Math.abs(Number(probe.format.duration) - d.duration) < 0.2 && d.duration > 4 && d.duration < 15, `${probe.format.duration} vs ${d.duration}`);
    const frame = join(dir, 'frame.png');
    // The frame shown at 1 s, on the 25 fps grid (`-ss` would skip a held picture for the next stored one).
    await run('ffmpeg', ['-v', 'error', '-i', file, '-vf', 'fps=25,trim=start_frame=25', '-frames:v', '1', '-y', frame]);
    // The same background drawn with the text, and with it empty: the frame's text box must match the first.
    const avatars = listStockAvatars();
    const plan = buildTemplateRenderPlan(welcome, { values: resolveTemplateVariables(welcome.variables, ada), scene_ids: ['greeting'], dimension: { width: 640, height: 360 } }, { engine: { findAvatar: (id) => avatars.find((a) => a.avatar_id === id), findVoice: () => ({}) as never }, assets: new Map(), refusedUrlHost: () => null, stockMediaBase: stockMediaBase(PUBLIC_URL) });
    const bg = layers(plan, 0);
    const noFetch = { fetcher: { fetchToFile: async () => {} } };
    const withText = await composeLayerBackground(bg, 90, 640, 360, dir, noFetch);
    const blank = { ...bg, layers: bg.layers.map((l) => (l.type === 'text' && l.text.includes('Ada') ? { ...l, text: '' } : l)) };
    const withoutText = await composeLayerBackground(blank, 91, 640, 360, dir, noFetch);
    // The top of box (0.06, 0.3, 0.5, 0.24) of 640×360, left of where the presenter stands.
    const box = { x: 38, y: 108, w: 300, h: 64 };
    const [f, a, b] = await Promise.all([regionPixels(frame, box), regionPixels(withText, box), regionPixels(withoutText, box)]);
    const toText = meanDiff(f, a);
    const toBlank = meanDiff(f, b);
    console.log(`# template render over HTTP 640x360 ${d.duration} s in ${Date.now() - started} ms; text region mean diff to the rasterised text ${toText.toFixed(1)}, to blank ${toBlank.toFixed(1)}`);
    assert.ok(toBlank > 10, `the text region has text in it (${toBlank})`);
    assert.ok(toText < toBlank / 4, `the frame matches the rasterised text (${toText} vs ${toBlank})`);
  } finally {
    p.child.kill('SIGTERM');
    await p.exited;
    await rm(dir, { recursive: true, force: true });
  }
});

test('a scene timed by its video layer and without an avatar maps to a plan the engine accepts, lasting as long as the clip', () => {
  const doc = {
    name: 'Clip card', aspect_ratio: '16:9' as const, variables: [],
    scenes: [{ id: 'clip', name: 'Clip', duration: { type: 'video_layer' as const, layer_id: 'reel' }, layers: [
      { id: 'reel', type: 'video' as const, box: { x: 0, y: 0, width: 1, height: 1 }, src: 'https://media.example.org/reel.mp4', muted: false },
    ] }],
  };
  const engine = { findAvatar: () => undefined, findVoice: () => undefined };
  const plan = buildTemplateRenderPlan(doc, { values: new Map(), dimension: { width: 640, height: 360 } }, { engine, assets: new Map(), refusedUrlHost: () => null, stockMediaBase: stockMediaBase(PUBLIC_URL) });
  assert.deepEqual(plan.scenes[0]!.length, { type: 'video_layer', layer: 0 });
  validateRenderPlan(plan);
});
