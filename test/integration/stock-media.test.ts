// The stock templates' bundled media (assets/templates/): every default URL a client reads in a stock
// template is served by GET /stock/templates/<file> (public, cacheable, a fixed list of names), each file
// is what its content type says and small, and generation renders a stock URL from the local file while a
// look-alike URL on another host is still fetched as the client's own.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { LayersBackground, RenderPlan } from '../../src/domain/render-plan.js';
import { resolveTemplateVariables } from '../../src/services/templates/resolve-template-variables.js';
import { STOCK_MEDIA, stockMediaBase, stockMediaFileOf, stockMediaSource } from '../../src/services/templates/stock-media.js';
import { stockTemplates } from '../../src/services/templates/stock-templates.js';
import { buildTemplateRenderPlan } from '../../src/services/templates/template-render-plan.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const run = promisify(execFile);
const t = useTestPlatform({ startWorkers: false });
/** The test platform's ORATOR_PUBLIC_URL. */
const PUBLIC_URL = 'http://orator.test';
const BASE = stockMediaBase(PUBLIC_URL);

/** Every URL in a stock document (variable defaults and literal layer sources). */
function urlsIn(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/"(?:url|src)":"(https?:[^"]+)"/g)].map((m) => m[1]!);
}

describe('GET /stock/templates/<file>', () => {
  test('every media URL of every stock template is served, without a key, with its type and cache headers', async () => {
    const urls = new Set(stockTemplates(PUBLIC_URL).flatMap((s) => urlsIn(s.document)));
    assert.deepEqual([...urls].sort(), Object.keys(STOCK_MEDIA).map((f) => `${BASE}${f}`).sort(), 'each bundled file is used, and nothing else is named');
    for (const url of urls) {
      const r = await t.app.inject({ method: 'GET', url: url.slice(PUBLIC_URL.length) });
      assert.equal(r.statusCode, 200, url);
      const file = stockMediaFileOf(url, BASE)!;
      assert.equal(r.headers['content-type'], STOCK_MEDIA[file]);
      assert.match(String(r.headers['cache-control']), /^public, max-age=\d+$/);
      assert.deepEqual(r.rawPayload, await readFile((stockMediaSource(file) as { path: string }).path));
      const again = await t.app.inject({ method: 'GET', url: url.slice(PUBLIC_URL.length), headers: { 'if-none-match': String(r.headers.etag) } });
      assert.equal(again.statusCode, 304, 'a client holding the file is told it has not changed');
    }
  });

  test('only the listed names: other names, encoded traversal and the folder itself are 404', async () => {
    for (const url of ['/stock/templates/secret.png', '/stock/templates/..%2F..%2Fpackage.json', '/stock/templates/%2E%2E%2FREADME.md', '/stock/templates/', '/stock/templates/README.md']) {
      const r = await t.app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 404, `${url}: ${r.body}`);
      assert.doesNotMatch(r.body, /assets|\/work|\/usr/, 'no server path in the answer');
    }
  });
});

test('the bundled files: pictures and sound of the declared kinds, each well under 200 KB', async () => {
  for (const file of Object.keys(STOCK_MEDIA) as (keyof typeof STOCK_MEDIA)[]) {
    const { path } = stockMediaSource(file) as { path: string };
    assert.ok(statSync(path).size < 200_000, `${file}: ${statSync(path).size} bytes`);
  }
  const meta = async (f: keyof typeof STOCK_MEDIA) => sharp((stockMediaSource(f) as { path: string }).path).metadata();
  assert.deepEqual([(await meta('logo.png')).format, (await meta('logo.png')).hasAlpha], ['png', true]);
  assert.deepEqual([(await meta('product.png')).format, (await meta('product.png')).hasAlpha], ['png', true]);
  assert.deepEqual([(await meta('backdrop.jpg')).width, (await meta('backdrop.jpg')).height], [1280, 720]);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,channels:format=duration', '-of', 'json', (stockMediaSource('music-bed.mp3') as { path: string }).path]);
  const probe = JSON.parse(stdout);
  assert.equal(probe.streams[0].codec_name, 'mp3');
  const seconds = Number(probe.format.duration);
  assert.ok(seconds > 4 && seconds < 12, `a music bed of a few seconds (${seconds} s), looped by the engine`);
});

describe('generation maps stock URLs to the bundled files', () => {
  const product = stockTemplates(PUBLIC_URL).find((s) => s.id === 'stock_product_announcement')!.document;
  const engine = { findAvatar: (id: string) => ({ avatar_id: id, default_voice_id: 'v' }) as never, findVoice: () => ({}) as never };
  const plan = (variables: Record<string, unknown>): RenderPlan =>
    buildTemplateRenderPlan(product, { values: resolveTemplateVariables(product.variables, variables), scene_ids: ['intro', 'showcase'], dimension: { width: 640, height: 360 } }, { engine, assets: new Map(), refusedUrlHost: () => 'a private address', stockMediaBase: BASE });
  const images = (p: RenderPlan, scene: number) => [...(p.scenes[scene]!.background as LayersBackground).layers, ...(p.scenes[scene]!.timedLayers ?? []).map((l) => l.content)].filter((l) => l.type === 'image');

  test('defaults: the backdrop, the product shot and the music render from disk, labelled by name, never fetched', () => {
    const p = plan({});
    const sources = [...images(p, 0), ...images(p, 1)].map((l) => (l.type === 'image' ? l.source : null));
    assert.deepEqual(sources.map((s) => s && 'label' in s && s.label), ['stock backdrop.jpg', 'stock product.png']);
    assert.ok(sources.every((s) => s && 'path' in s && s.path.startsWith('/') && !('url' in s)));
    assert.deepEqual(p.scenes[1]!.audioLayers?.map((a) => 'label' in a.source && a.source.label), ['stock music-bed.mp3']);
  });

  test('a stock URL a client passes explicitly is the bundled file too; the same path on another host is the client’s own URL', () => {
    const own = plan({ product_image: { type: 'image', properties: { url: `${BASE}logo.png`, fit: 'contain' } } });
    assert.deepEqual(images(own, 1).map((l) => l.type === 'image' && 'label' in l.source && l.source.label), ['stock logo.png']);
    // The refusedUrlHost above refuses every host: a URL that is not this server's stock file is checked like any other.
    assert.throws(() => plan({ product_image: { type: 'image', properties: { url: 'https://elsewhere.example/stock/templates/logo.png' } } }), /variables\.product_image\.properties\.url/);
    assert.throws(() => plan({ product_image: { type: 'image', properties: { url: `${BASE}missing.png` } } }), /variables\.product_image\.properties\.url/);
  });
});
