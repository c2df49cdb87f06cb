// POST/GET/DELETE /v3/videos and the v3-style /v2/videos: the body mapped onto a render plan,
// VideoDetail with freshly signed URLs, pagination and filters, and the v3 error envelope.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform();
const h = t.headers;

const AVATAR = 'Daisy-inskirt-20220818';

function create(body: Record<string, unknown>, headers = h) {
  return t.app.inject({ method: 'POST', url: '/v3/videos', headers, payload: body });
}

describe('POST /v3/videos', () => {
  test('answers {data:{video_id,status,output_format}} and renders the avatar with its default voice', async () => {
    const r = await create({ type: 'avatar', avatar_id: AVATAR, script: 'Hello from v3.' });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.deepEqual(Object.keys(body), ['data']);
    assert.match(body.data.video_id, /^[0-9a-f]{32}$/);
    assert.equal(body.data.status, 'pending');
    assert.equal(body.data.output_format, 'mp4');
    await t.pool.waitForIdle();
    const plan = t.lastPlan();
    assert.equal(plan.width, 1280);
    assert.equal(plan.height, 720);
    assert.deepEqual(plan.scenes[0]!.voice, { type: 'text', voiceId: 'flite_slt', text: 'Hello from v3.', speed: 1, pitch: 0 });
    assert.equal(plan.burnCaptions, false);
  });

  test('maps aspect_ratio, resolution, voice_settings, caption style, webm, fit and watermark into the plan', async () => {
    const r = await create({
      type: 'avatar',
      avatar_id: AVATAR,
      script: 'Portrait.',
      voice_id: 'flite_rms',
      voice_settings: { speed: 1.2, pitch: 5, volume: 0.5 },
      aspect_ratio: '9:16',
      resolution: '1080p',
      caption: { style: 'default' },
      output_format: 'webm',
      fit: 'contain',
      watermark: { image: { type: 'url', url: 'https://example.com/logo.png' }, scale: 0.5, opacity: 0.4, placement: { position: 'top_left', offset_x: 0.02 } },
      engine: { type: 'avatar_iv' },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().data.output_format, 'webm');
    await t.pool.waitForIdle();
    const plan = t.lastPlan();
    assert.deepEqual([plan.width, plan.height, plan.format, plan.burnCaptions], [1080, 1920, 'webm', true]);
    assert.deepEqual(plan.scenes[0]!.voice, { type: 'text', voiceId: 'flite_rms', text: 'Portrait.', speed: 1.2, pitch: 5, volume: 0.5 });
    assert.deepEqual(plan.scenes[0]!.background, { type: 'transparent' });
    assert.equal(plan.scenes[0]!.character!.style, 'normal');
    assert.deepEqual(plan.watermark, { source: { url: 'https://example.com/logo.png' }, scale: 0.5, opacity: 0.4, position: 'top_left', offsetX: 0.02, offsetY: 0 });
  });

  test('audio_url instead of a script; explicit dimension; nulls from SDKs are treated as unset', async () => {
    const r = await create({ type: 'avatar', avatar_id: AVATAR, audio_url: 'https://example.com/a.mp3', script: null, voice_id: null, title: null, dimension: { width: 256, height: 256 }, background: { type: 'color', value: '#00FF00' } });
    assert.equal(r.statusCode, 200, r.body);
    await t.pool.waitForIdle();
    const plan = t.lastPlan();
    assert.deepEqual(plan.scenes[0]!.voice, { type: 'audio', source: { url: 'https://example.com/a.mp3' } });
    assert.deepEqual([plan.width, plan.height], [256, 256]);
    assert.deepEqual(plan.scenes[0]!.background, { type: 'color', color: '#00FF00' });
  });

  test('accepts unknown fields', async () => {
    const r = await create({ type: 'avatar', avatar_id: AVATAR, script: 'Hi.', brand_new_field: { x: 1 }, motion_prompt: 'wave' });
    assert.equal(r.statusCode, 200, r.body);
  });

  const cases: [string, Record<string, unknown>, number, string, string | null, RegExp][] = [
    ['image type without an image', { type: 'image', script: 'x' }, 400, 'invalid_parameter', 'image', /image is required/],
    ['image by an unknown asset id', { type: 'image', image: { type: 'asset_id', asset_id: 'nope' }, script: 'x' }, 404, 'asset_not_available', 'image.asset_id', /nope/],
    ['missing avatar_id', { type: 'avatar', script: 'x' }, 400, 'invalid_parameter', 'avatar_id', /avatar_id is required/],
    ['unknown avatar', { type: 'avatar', avatar_id: 'nobody', script: 'x' }, 404, 'avatar_not_found', 'avatar_id', /nobody/],
    ['unknown voice', { type: 'avatar', avatar_id: AVATAR, script: 'x', voice_id: 'nope' }, 404, 'voice_not_found', 'voice_id', /nope/],
    ['neither script nor audio', { type: 'avatar', avatar_id: AVATAR }, 400, 'invalid_parameter', 'script', /script or audio_url is required/],
    ['script and audio', { type: 'avatar', avatar_id: AVATAR, script: 'x', audio_url: 'https://example.com/a.mp3' }, 400, 'invalid_parameter', 'script', /mutually exclusive/],
    ['bad aspect ratio', { type: 'avatar', avatar_id: AVATAR, script: 'x', aspect_ratio: '2:1' }, 400, 'invalid_parameter', 'aspect_ratio', /must be one of/],
    ['unsupported engine', { type: 'avatar', avatar_id: AVATAR, script: 'x', engine: { type: 'avatar_v' } }, 400, 'invalid_parameter', 'engine.type', /supported_api_engines: avatar_iv/],
    ['webm with a background', { type: 'avatar', avatar_id: AVATAR, script: 'x', output_format: 'webm', background: { type: 'color', value: '#000000' } }, 400, 'invalid_parameter', 'background', /webm/],
    ['watermark opacity above 1', { type: 'avatar', avatar_id: AVATAR, script: 'x', watermark: { image: { type: 'url', url: 'https://e.com/l.png' }, opacity: 2 } }, 400, 'invalid_parameter', 'watermark.opacity', /<= 1/],
    ['watermark scale above 2', { type: 'avatar', avatar_id: AVATAR, script: 'x', watermark: { image: { type: 'url', url: 'https://e.com/l.png' }, scale: 3 } }, 400, 'invalid_parameter', 'watermark.scale', /<= 2/],
    ['bad callback_url', { type: 'avatar', avatar_id: AVATAR, script: 'x', callback_url: 'ftp://x' }, 400, 'invalid_parameter', 'callback_url', /^callback_url must be an http or https URL/],
  ];
  for (const [name, body, status, code, param, message] of cases) {
    test(`${name} → ${status} ${code}`, async () => {
      const r = await create(body);
      assert.equal(r.statusCode, status, r.body);
      const e = r.json().error;
      assert.equal(e.code, code);
      assert.equal(e.param, param);
      assert.match(e.message, message);
      assert.ok('doc_url' in e);
      assert.equal(r.json().data, undefined);
    });
  }

  test('401 without a key, in the v3 envelope', async () => {
    const r = await create({ type: 'avatar', avatar_id: AVATAR, script: 'x' }, {});
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'authentication_failed');
  });
});

describe('GET/DELETE /v3/videos', () => {
  test('detail: pending without URLs, completed with freshly signed URLs and VideoDetail field names', async () => {
    const { video_id } = (await create({ type: 'avatar', avatar_id: AVATAR, script: 'Detail.', title: 'Detail video', folder_id: 'f1', caption: { style: 'default' } })).json().data;
    await t.pool.waitForIdle();
    const r = await t.app.inject({ method: 'GET', url: `/v3/videos/${video_id}`, headers: h });
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json().data;
    assert.deepEqual(Object.keys(d).sort(), [
      'captioned_video_url', 'completed_at', 'created_at', 'duration', 'failure_code', 'failure_message', 'folder_id', 'gif_url', 'id', 'output_language', 'progress', 'quality', 'status', 'subtitle_url', 'thumbnail_url', 'title', 'video_page_url', 'video_url',
    ]);
    assert.equal(d.status, 'completed');
    assert.equal(d.progress, 100, 'Orator extension: render progress');
    assert.equal(typeof d.quality.envelope_correlation, 'number', 'the render\'s measured figures are returned');
    assert.equal(typeof d.quality.av_offset_ms, 'number');
    assert.equal(d.title, 'Detail video');
    assert.equal(d.folder_id, 'f1');
    assert.match(d.video_url, /^http:\/\/orator\.test\/files\/.*Expires=\d+.*Signature=/);
    assert.ok(d.captioned_video_url && d.subtitle_url && d.thumbnail_url && d.gif_url);
    assert.equal(typeof d.completed_at, 'number');
    const file = await t.app.inject({ method: 'GET', url: d.video_url.replace('http://orator.test', '') });
    assert.equal(file.statusCode, 200);
  });

  test('failed render: HTTP 200 with status failed, failure_code and failure_message', async () => {
    t.engine.controls.behaviour = async () => {
      throw new Error('boom');
    };
    try {
      const { video_id } = (await create({ type: 'avatar', avatar_id: AVATAR, script: 'Fail.' })).json().data;
      await t.pool.waitForIdle();
      const r = await t.app.inject({ method: 'GET', url: `/v3/videos/${video_id}`, headers: h });
      assert.equal(r.statusCode, 200);
      const d = r.json().data;
      assert.equal(d.status, 'failed');
      assert.equal(d.failure_code, 'render_failed');
      assert.equal(typeof d.failure_message, 'string');
      assert.equal(d.video_url, null);
    } finally {
      t.engine.controls.behaviour = async () => {};
    }
  });

  test('list: limit, has_more/next_token paging, title and folder filters', async () => {
    for (const title of ['alpha one', 'alpha two', 'beta']) {
      assert.equal((await create({ type: 'avatar', avatar_id: AVATAR, script: 'x', title, folder_id: 'paging' })).statusCode, 200);
    }
    const first = (await t.app.inject({ method: 'GET', url: '/v3/videos?limit=2&folder_id=paging', headers: h })).json();
    assert.equal(first.data.length, 2);
    assert.equal(first.has_more, true);
    assert.equal(typeof first.next_token, 'string');
    assert.equal(first.data[0].title, 'beta');
    const second = (await t.app.inject({ method: 'GET', url: `/v3/videos?limit=2&folder_id=paging&token=${encodeURIComponent(first.next_token)}`, headers: h })).json();
    assert.deepEqual(second.data.map((v: { title: string }) => v.title), ['alpha one']);
    assert.equal(second.has_more, false);
    assert.equal(second.next_token, null);
    const alpha = (await t.app.inject({ method: 'GET', url: '/v3/videos?title=ALPHA', headers: h })).json();
    assert.deepEqual(alpha.data.map((v: { title: string }) => v.title).sort(), ['alpha one', 'alpha two']);
    const dflt = (await t.app.inject({ method: 'GET', url: '/v3/videos', headers: h })).json();
    assert.ok(dflt.data.length <= 10);
  });

  const bad: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['title=', 'title'],
    ['token=%25%25', 'token'],
  ];
  for (const [q, param] of bad) {
    test(`list ?${q} → 400 invalid_parameter (${param})`, async () => {
      const r = await t.app.inject({ method: 'GET', url: `/v3/videos?${q}`, headers: h });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'invalid_parameter');
      assert.equal(r.json().error.param, param);
    });
  }

  test('delete: {data:{id,deleted:true}}, then 404 video_not_found', async () => {
    const { video_id } = (await create({ type: 'avatar', avatar_id: AVATAR, script: 'Bye.' })).json().data;
    const r = await t.app.inject({ method: 'DELETE', url: `/v3/videos/${video_id}`, headers: h });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { data: { id: video_id, deleted: true } });
    const again = await t.app.inject({ method: 'GET', url: `/v3/videos/${video_id}`, headers: h });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'video_not_found');
    await t.pool.waitForIdle();
  });

  test('/v2/videos and /v2/videos/{id} answer in the v3 envelope, errors included', async () => {
    const { video_id } = (await create({ type: 'avatar', avatar_id: AVATAR, script: 'Legacy.' })).json().data;
    const list = await t.app.inject({ method: 'GET', url: '/v2/videos?limit=1', headers: h });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(Object.keys(list.json()).sort(), ['data', 'has_more', 'next_token']);
    const one = await t.app.inject({ method: 'GET', url: `/v2/videos/${video_id}`, headers: h });
    assert.equal(one.json().data.id, video_id);
    const missing = await t.app.inject({ method: 'GET', url: '/v2/videos/0123', headers: h });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(Object.keys(missing.json()), ['error']);
    assert.equal(missing.json().error.param, 'video_id');
    const del = await t.app.inject({ method: 'DELETE', url: `/v2/videos/${video_id}`, headers: h });
    assert.deepEqual(del.json(), { data: { id: video_id, deleted: true } });
    await t.pool.waitForIdle();
  });
});

describe('GET /v3/users/me', () => {
  for (const url of ['/v3/users/me', '/v3/user/me']) {
    test(`${url} → {data:{username,…}}`, async () => {
      const r = await t.app.inject({ method: 'GET', url, headers: h });
      assert.equal(r.statusCode, 200);
      assert.equal(typeof r.json().data.username, 'string');
      assert.equal(r.json().error, undefined);
    });
  }
});
