// Template thumbnails: one render per document however many ask, lists never wait, a document that cannot
// render answers null and is not retried at once, a slow render does not hold a read.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { stockMediaBase } from '../../src/services/templates/stock-media.js';
import { stockTemplates } from '../../src/services/templates/stock-templates.js';
import { stillOfFirstScene, TemplateThumbnails, thumbnailKey } from '../../src/services/templates/template-thumbnails.js';

const PUBLIC = 'http://orator.test';
const welcome = stockTemplates(PUBLIC).find((s) => s.id === 'stock_personalised_welcome')!.document;

function harness(render: (plan: RenderPlan, outDir: string) => Promise<void>, waitMs?: number) {
  const stored = new Map<string, string>();
  const plans: RenderPlan[] = [];
  let clock = 0;
  const thumbnails = new TemplateThumbnails({
    engine: {
      findAvatar: (id: string) => ({ avatar_id: id, default_voice_id: 'v' }),
      findVoice: () => ({}),
      validate: () => undefined,
      render: async (plan: RenderPlan, outDir: string) => {
        plans.push(plan);
        await render(plan, outDir);
        await mkdir(outDir, { recursive: true });
        const thumbnail = join(outDir, 'thumbnail.jpg');
        await writeFile(thumbnail, 'jpeg');
        return { thumbnail } as never;
      },
    } as never,
    blobs: {
      exists: async (key: string) => stored.has(key),
      putFile: async (key: string, file: string) => void stored.set(key, file),
      signedUrl: async (key: string) => `${PUBLIC}/files/${key}?Signature=x`,
    } as never,
    scratch: { create: (label: string) => mkdtemp(join(tmpdir(), `${label}-`)), remove: (dir: string) => rm(dir, { recursive: true, force: true }) },
    now: () => clock,
    refusedUrlHost: () => null,
    stockMediaBase: stockMediaBase(PUBLIC),
    ...(waitMs !== undefined ? { waitMs } : {}),
  });
  return { thumbnails, stored, plans, tick: (ms: number) => (clock += ms) };
}

test('one render per document, however many ask at once; the link names the document hash', async () => {
  const h = harness(async () => new Promise((r) => setTimeout(r, 20)));
  const urls = await Promise.all([1, 2, 3].map(() => h.thumbnails.url('space', welcome)));
  assert.equal(h.plans.length, 1);
  assert.ok(urls.every((u) => u === `${PUBLIC}/files/${thumbnailKey(welcome)}?Signature=x`));
  // The first scene only, silent, at thumbnail size for 16:9.
  const plan = h.plans[0]!;
  assert.deepEqual([plan.width, plan.height, plan.scenes.length], [480, 270, 1]);
  assert.deepEqual(plan.scenes[0]!.voice, { type: 'silence', durationSec: 2 });
  assert.ok(!plan.scenes[0]!.audioLayers && plan.scenes[0]!.character?.type === 'avatar');
  // An edited document is another picture.
  assert.notEqual(thumbnailKey({ ...welcome, name: 'Edited' }), thumbnailKey(welcome));
});

test('a list never waits: null first, the link once made', async () => {
  const h = harness(async () => undefined);
  assert.equal(await h.thumbnails.urlIfReady('space', welcome), null);
  await new Promise((r) => setTimeout(r, 50));
  assert.match((await h.thumbnails.urlIfReady('space', welcome))!, /previews\/templates\/[0-9a-f]{32}\.jpg/);
  assert.equal(h.plans.length, 1);
});

test('defaults that cannot render answer null and are retried only after a while; a slow render does not hold the read', async () => {
  const failing = harness(async () => { throw new Error('download failed'); });
  assert.equal(await failing.thumbnails.url('space', welcome), null);
  assert.equal(await failing.thumbnails.url('space', welcome), null);
  assert.equal(failing.plans.length, 1, 'not retried at once');
  failing.tick(11 * 60 * 1000);
  await failing.thumbnails.url('space', welcome);
  assert.equal(failing.plans.length, 2, 'retried after the back-off');

  const slow = harness(async () => new Promise((r) => setTimeout(r, 300)), 30);
  assert.equal(await slow.thumbnails.url('space', welcome), null);
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(slow.stored.has(thumbnailKey(welcome)), 'the render went on and the next read links it');
});

test('the still keeps the first scene\'s picture: character, background and timed layers', () => {
  const plan: RenderPlan = { width: 480, height: 270, fps: 25, seed: 1, format: 'webm', burnCaptions: true, scenes: [
    { character: null, voice: { type: 'silence', durationSec: 9 }, background: { type: 'color', color: '#fff' }, timedLayers: [], audioLayers: [], length: { type: 'at_least', seconds: 9 } },
    { character: null, voice: { type: 'silence', durationSec: 1 }, background: { type: 'color', color: '#000' } },
  ] };
  const still = stillOfFirstScene(plan);
  assert.deepEqual(still.scenes, [{ character: null, voice: { type: 'silence', durationSec: 2 }, background: { type: 'color', color: '#fff' }, timedLayers: [] }]);
  assert.equal(still.format, 'mp4');
  assert.equal(still.burnCaptions, false);
});
