// POST /v3/videos/batches and GET /v3/videos/batches/{id} (HeyGen's v3 batches): items become ordinary
// videos through the /v3/videos and /v3/templates/{id} services; an item those refuse fails alone while
// a malformed one refuses the batch; item pages; one space never sees another's batch; Idempotency-Key;
// GET /v3/videos/statuses expanding batch_ids. Responses are checked against HeyGen's schemas.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiKey } from '../../src/auth/api-keys.js';
import { OratorError } from '../../src/domain/errors.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { waitUntil } from '../support/wait-until.js';

let other: Record<string, string>;
let templateId: string;
const t = useTestPlatform({}, async () => {
  other = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'other space' })).key };
  const r = await t.app.inject({ method: 'POST', url: '/v3/templates', headers: t.headers, payload: TEMPLATE });
  assert.equal(r.statusCode, 200, r.body);
  templateId = r.json().data.id;
});
const h = t.headers;

/** A one-scene template of this space: a title card whose headline is a variable. */
const TEMPLATE = {
  name: 'Batch card',
  aspect_ratio: '16:9',
  variables: [{ name: 'headline', type: 'text', default: { content: 'Hello' } }],
  scenes: [
    {
      id: 'card',
      name: 'Card',
      duration: { type: 'fixed', seconds: 2 },
      layers: [
        { id: 'bg', type: 'shape', box: { x: 0, y: 0, width: 1, height: 1 }, color: '#112233' },
        { id: 'title', type: 'text', box: { x: 0.1, y: 0.3, width: 0.8, height: 0.3 }, content: '{{headline}}', font_family: 'DejaVu Sans', font_size: 0.1, color: '#FFFFFF' },
      ],
    },
  ],
};

const avatarItem = (script: string, extra: object = {}) => ({ type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script, dimension: { width: 320, height: 180 }, ...extra });
const templateItem = (headline: string) => ({ type: 'template', template_id: templateId, variables: { headline: { name: 'headline', type: 'text', properties: { content: headline } } }, title: `card ${headline}` });

function postBatch(payload: object, headers: Record<string, string> = h) {
  return t.app.inject({ method: 'POST', url: '/v3/videos/batches', headers, payload });
}
function getBatch(id: string, query = '', headers: Record<string, string> = h) {
  return t.app.inject({ method: 'GET', url: `/v3/videos/batches/${id}${query}`, headers });
}
function conforms(method: string, template: string, r: { statusCode: number; json(): unknown; body: string }): void {
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${template} ${r.statusCode}: ${r.body}`);
}
async function videoCount(headers = h): Promise<number> {
  return (await t.app.inject({ method: 'GET', url: '/v3/videos?limit=100', headers })).json().data.length;
}

describe('POST /v3/videos/batches', () => {
  test('each item becomes an ordinary video; an item its service refuses fails alone, with that error', async () => {
    const r = await postBatch({ title: 'launch', videos: [avatarItem('One.'), templateItem('Two'), avatarItem('Three.', { avatar_id: 'ghost' }), avatarItem('Four.', { title: 'four' })] });
    assert.equal(r.statusCode, 200, r.body);
    conforms('POST', '/v3/videos/batches', r);
    const created = r.json().data;
    assert.match(created.batch_id, /^[0-9a-f]{32}$/);
    assert.equal(created.title, 'launch');
    assert.equal(created.total_items, 4);
    assert.deepEqual(created.items.map((i: { item_index: number }) => i.item_index), [0, 1, 2, 3]);
    assert.deepEqual(created.items[2], { item_index: 2, video_id: null, status: 'failed', error: { code: 'avatar_not_found', message: 'Avatar ghost not found', param: 'avatar_id' } });
    for (const i of [0, 1, 3]) assert.match(created.items[i].video_id, /^[0-9a-f]{32}$/);

    await t.pool.waitForIdle();
    const g = await getBatch(created.batch_id);
    assert.equal(g.statusCode, 200, g.body);
    conforms('GET', '/v3/videos/batches/{batch_id}', g);
    const batch = g.json().data;
    assert.equal(batch.status, 'completed', 'a batch that ran to its end with one failed item is completed');
    assert.deepEqual(batch.counts_by_status, { queued: 0, processing: 0, completed: 3, failed: 1 });
    assert.deepEqual(batch.items.map((i: { status: string }) => i.status), ['completed', 'completed', 'failed', 'completed']);
    assert.equal(batch.has_more, false);
    assert.equal(batch.next_token, null);
    assert.equal(typeof batch.created_at, 'number');
    assert.ok(Math.abs(batch.created_at - Date.now() / 1000) < 600, 'unix seconds');

    // Ordinary videos: polled on v1 and v3, titled, listed.
    const [one, two, , four] = batch.items.map((i: { video_id: string }) => i.video_id);
    const v1 = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${one}`, headers: h })).json();
    assert.equal(v1.data.status, 'completed');
    assert.ok(v1.data.video_url);
    const v3 = (await t.app.inject({ method: 'GET', url: `/v3/videos/${two}`, headers: h })).json();
    assert.equal(v3.data.status, 'completed');
    assert.equal(v3.data.title, 'card Two', 'the template item keeps its own title');
    const ids = (await t.app.inject({ method: 'GET', url: '/v3/videos?limit=100', headers: h })).json().data.map((v: { id: string }) => v.id);
    for (const id of [one, two, four]) assert.ok(ids.includes(id), `${id} is listed`);
    // The render plans came from the same services: the template's headline, the item's size.
    const plans = t.engine.controls.renders.slice(-3);
    assert.ok(plans.some((p) => p.width === 320 && p.height === 180));
    assert.ok(JSON.stringify(plans).includes('Two'), 'the template item rendered its variable');
  });

  test('a malformed item refuses the whole batch, naming videos[i].field; nothing is created', async () => {
    const before = await videoCount();
    const cases: [object[], RegExp, string][] = [
      [[avatarItem('ok'), avatarItem('ok'), avatarItem('bad', { aspect_ratio: '7:3' })], /^videos\[2\]\.aspect_ratio must be one of: 16:9, 9:16/, 'videos[2].aspect_ratio'],
      [[avatarItem('ok'), { type: 'template', variables: {} }], /^videos\[1\]\.template_id is required$/, 'videos[1].template_id'],
      [[{ ...templateItem('x'), fps: 24 }], /^videos\[0\]\.fps/, 'videos[0].fps'],
      [[avatarItem('ok'), { type: 'video', avatar_id: 'x' }], /^videos\[1\]\.type must be one of: avatar, image, cinematic_avatar, studio, template$/, 'videos[1].type'],
      [[avatarItem('ok', { voice_settings: { speed: 9 } })], /^videos\[0\]\.voice_settings\.speed/, 'videos[0].voice_settings.speed'],
      [[], /^videos must NOT have fewer than 1 items$/, 'videos'],
      [Array.from({ length: 101 }, () => avatarItem('x')), /^videos must NOT have more than 100 items$/, 'videos'],
    ];
    for (const [videos, message, param] of cases) {
      const r = await postBatch({ videos });
      assert.equal(r.statusCode, 400, `${param}: ${r.body}`);
      conforms('POST', '/v3/videos/batches', r);
      assert.equal(r.json().error.code, 'invalid_parameter');
      assert.match(r.json().error.message, message);
      assert.equal(r.json().error.param, param);
    }
    const missing = await postBatch({ title: 'x' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.param, 'videos');
    const badCallback = await postBatch({ videos: [avatarItem('ok')], callback_url: 'ftp://example.com/x' });
    assert.equal(badCallback.statusCode, 400, badCallback.body);
    assert.equal(badCallback.json().error.param, 'callback_url');
    assert.equal(await videoCount(), before, 'no video was created by a refused batch');
  });

  test('401 without a key', async () => {
    const r = await postBatch({ videos: [avatarItem('x')] }, {});
    assert.equal(r.statusCode, 401);
    conforms('POST', '/v3/videos/batches', r);
  });

  test('the same Idempotency-Key answers the same batch; another body under it is 422', async () => {
    const body = { videos: [avatarItem('Once.'), avatarItem('Twice.')] };
    const key = { ...h, 'idempotency-key': 'batch-1' };
    const first = await postBatch(body, key);
    assert.equal(first.statusCode, 200, first.body);
    const count = await videoCount();
    const again = await postBatch({ videos: [avatarItem('Once.'), avatarItem('Twice.')] }, key);
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().data.batch_id, first.json().data.batch_id);
    assert.equal(await videoCount(), count, 'the replay created nothing');
    const changed = await postBatch({ videos: [avatarItem('Other.')] }, key);
    assert.equal(changed.statusCode, 422);
    assert.equal(changed.json().error.code, 'idempotency_key_reused');
    await t.pool.waitForIdle();
  });
});

describe('GET /v3/videos/batches/{batch_id}', () => {
  test('pages items by item_index with limit and next_token; a bad token or limit is 400', async () => {
    const id = (await postBatch({ videos: [0, 1, 2, 3, 4].map((n) => avatarItem(`Item ${n}.`)) })).json().data.batch_id;
    const seen: number[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const r = await getBatch(id, `?limit=2${token ? `&token=${encodeURIComponent(token)}` : ''}`);
      assert.equal(r.statusCode, 200, r.body);
      conforms('GET', '/v3/videos/batches/{batch_id}', r);
      const d = r.json().data;
      assert.equal(d.total_items, 5);
      assert.equal(Object.values(d.counts_by_status as Record<string, number>).reduce((a, b) => a + b, 0), 5, 'counts cover the whole batch on every page');
      seen.push(...d.items.map((i: { item_index: number }) => i.item_index));
      assert.equal(d.has_more, d.next_token !== null);
      token = d.next_token;
      pages += 1;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    const bad = await getBatch(id, '?token=nonsense');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.param, 'token');
    assert.equal((await getBatch(id, '?limit=0')).statusCode, 400);
    assert.equal((await getBatch(id, '?limit=101')).statusCode, 400);
    await t.pool.waitForIdle();
  });

  test('another space’s batch is not found, exactly like an unknown id', async () => {
    const id = (await postBatch({ videos: [avatarItem('Mine.')] })).json().data.batch_id;
    for (const [url, headers] of [[id, other], ['ffffffffffffffffffffffffffffffff', h]] as const) {
      const r = await getBatch(url, '', headers);
      assert.equal(r.statusCode, 404, r.body);
      conforms('GET', '/v3/videos/batches/{batch_id}', r);
      assert.deepEqual({ code: r.json().error.code, param: r.json().error.param }, { code: 'resource_not_found', param: 'batch_id' });
      assert.match(r.json().error.message, new RegExp(`Batch ${url} not found`));
    }
    assert.equal((await getBatch(id, '', {})).statusCode, 401);
    await t.pool.waitForIdle();
  });

  test('item states follow their videos: queued, processing, then failed with the render’s reason', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    t.engine.controls.behaviour = async (plan) => {
      await held;
      if (plan.width === 322) throw new OratorError('video_file_corrupted', 'The background video is corrupted');
    };
    try {
      // Two render slots (the test platform's concurrency): the third item waits in the queue.
      const failing = { dimension: { width: 322, height: 180 } };
      const id = (await postBatch({ videos: [avatarItem('A.', failing), avatarItem('B.', failing), avatarItem('C.', failing)] })).json().data.batch_id;
      await waitUntil('both render slots busy', async () => (await getBatch(id)).json().data.counts_by_status.processing === 2);
      const d = (await getBatch(id)).json().data;
      assert.equal(d.status, 'processing');
      assert.deepEqual(d.counts_by_status, { queued: 1, processing: 2, completed: 0, failed: 0 });
      assert.deepEqual(d.items.map((i: { status: string }) => i.status).sort(), ['processing', 'processing', 'queued']);
      release();
      await t.pool.waitForIdle();
      const done = await getBatch(id);
      conforms('GET', '/v3/videos/batches/{batch_id}', done);
      const data = done.json().data;
      assert.equal(data.status, 'failed', 'no item completed');
      assert.deepEqual(data.items[0].error, { code: 'video_file_corrupted', message: 'The background video is corrupted', param: null });
    } finally {
      release();
      t.engine.controls.behaviour = async () => {};
    }
  });

  test('a finished video deleted later stays in its batch as it was; the video itself is gone', async () => {
    const created = (await postBatch({ videos: [avatarItem('Keep.'), avatarItem('Drop.')] })).json().data;
    await t.pool.waitForIdle();
    const dropped = created.items[1].video_id;
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v3/videos/${dropped}`, headers: h })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: `/v3/videos/${dropped}`, headers: h })).statusCode, 404);
    const d = (await getBatch(created.batch_id)).json().data;
    assert.deepEqual(d.items.map((i: { status: string }) => i.status), ['completed', 'completed']);
  });

  test('a video deleted before it rendered fails its item (video_deleted), so the batch still ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    t.engine.controls.behaviour = () => held;
    try {
      // Both render slots are held, so the third item is still queued when it is deleted.
      const created = (await postBatch({ videos: [avatarItem('A.'), avatarItem('B.'), avatarItem('C.')] })).json().data;
      const queued = created.items[2].video_id;
      await waitUntil('both render slots busy', async () => (await getBatch(created.batch_id)).json().data.counts_by_status.processing === 2);
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/v3/videos/${queued}`, headers: h })).statusCode, 200);
      const d = (await getBatch(created.batch_id)).json().data;
      assert.deepEqual(d.items[2], { item_index: 2, video_id: queued, status: 'failed', error: { code: 'video_deleted', message: `Video ${queued} was deleted before it finished`, param: null } });
      release();
      await t.pool.waitForIdle();
      const done = (await getBatch(created.batch_id)).json().data;
      assert.equal(done.status, 'completed');
      assert.deepEqual(done.counts_by_status, { queued: 0, processing: 0, completed: 2, failed: 1 });
    } finally {
      release();
      t.engine.controls.behaviour = async () => {};
    }
  });
});

describe('GET /v3/videos/statuses with batch_ids', () => {
  test('each batch expands to one entry per item after the video ids; unknown and other spaces’ batches answer not_found', async () => {
    const lone = (await t.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: avatarItem('Alone.') })).json().data.video_id;
    const created = (await postBatch({ videos: [avatarItem('S1.'), avatarItem('S2.', { avatar_id: 'ghost' })] })).json().data;
    const theirs = (await postBatch({ videos: [avatarItem('Theirs.')] }, other)).json().data.batch_id;
    await t.pool.waitForIdle();
    const r = await t.app.inject({ method: 'GET', url: `/v3/videos/statuses?video_ids=${lone}&batch_ids=${created.batch_id},nope,${theirs}`, headers: h });
    assert.equal(r.statusCode, 200, r.body);
    conforms('GET', '/v3/videos/statuses', r);
    assert.deepEqual(r.json(), {
      data: [
        { video_id: lone, status: 'completed', error: null, item_index: null, batch_id: null },
        { video_id: created.items[0].video_id, status: 'completed', error: null, item_index: 0, batch_id: created.batch_id },
        { video_id: null, status: 'failed', error: { code: 'avatar_not_found', message: 'Avatar ghost not found' }, item_index: 1, batch_id: created.batch_id },
        { video_id: null, status: 'not_found', error: null, item_index: null, batch_id: 'nope' },
        { video_id: null, status: 'not_found', error: null, item_index: null, batch_id: theirs },
      ],
      has_more: false,
      next_token: null,
    });
    const mine = (await t.app.inject({ method: 'GET', url: `/v3/videos/statuses?batch_ids=${theirs}`, headers: other })).json().data;
    assert.deepEqual(mine.map((e: { status: string; item_index: number }) => [e.status, e.item_index]), [['completed', 0]]);
  });
});

test('the served OpenAPI document lists both batch routes, with the item cap', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const create = doc.paths['/v3/videos/batches']?.post;
  assert.ok(create, 'POST /v3/videos/batches');
  assert.equal(create.requestBody.content['application/json'].schema.properties.videos.maxItems, 100);
  assert.ok(doc.paths['/v3/videos/batches/{batch_id}']?.get, 'GET /v3/videos/batches/{batch_id}');
});
