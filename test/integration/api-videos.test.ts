// The core video API in-process: envelopes, validation errors with HeyGen messages, list/delete,
// space isolation, dot-segment paths and request ids.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey } from '../../src/auth/api-keys.js';
import { hasOperation, validateHeygenResponse } from '../support/validate-heygen-response.js';
import { startTestPlatform, TWO_SCENES } from '../support/test-platform.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform();
const h = t.headers;

async function generate(body: unknown, headers = h) {
  return t.app.inject({ method: 'POST', url: '/v2/video/generate', headers, payload: body as object });
}

function oneScene(extra: Record<string, unknown> = {}, voice: Record<string, unknown> = {}) {
  return {
    video_inputs: [
      {
        character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' },
        voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.', ...voice },
      },
    ],
    dimension: { width: 256, height: 256 },
    ...extra,
  };
}

describe('POST /v2/video/generate', () => {
  test('answers {error:null, data:{video_id}} with a 32-hex id and an X-Request-Id', async () => {
    const r = await generate(TWO_SCENES);
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.error, null);
    assert.match(body.data.video_id, /^[0-9a-f]{32}$/);
    assert.ok(r.headers['x-request-id']);
  });

  test('echoes a client X-Request-Id', async () => {
    const r = await generate(TWO_SCENES, { ...h, 'x-request-id': 'req-abc-123' });
    assert.equal(r.headers['x-request-id'], 'req-abc-123');
  });

  test('accepts and ignores unknown fields', async () => {
    const body = oneScene({ surprise: { nested: true }, template_id: 'x' });
    (body.video_inputs[0] as Record<string, unknown>).unknown_scene_field = 1;
    const r = await generate(body);
    assert.equal(r.statusCode, 200, r.body);
  });

  const cases: [string, unknown, number, string, RegExp][] = [
    ['width too small', oneScene({ dimension: { width: 100, height: 256 } }), 400, 'invalid_parameter', /^Video width or height must be smaller than 4096 and larger than 128$/],
    ['height too large', oneScene({ dimension: { width: 256, height: 5000 } }), 400, 'invalid_parameter', /smaller than 4096 and larger than 128/],
    ['odd width', oneScene({ dimension: { width: 257, height: 256 } }), 400, 'invalid_parameter', /^Video width and height must be even number$/],
    ['no video_inputs', { dimension: { width: 256, height: 256 } }, 400, 'invalid_parameter', /video_inputs is required/],
    ['empty video_inputs', { video_inputs: [] }, 400, 'invalid_parameter', /video_inputs/],
    ['51 scenes', { video_inputs: Array.from({ length: 51 }, () => oneScene().video_inputs[0]) }, 400, 'invalid_parameter', /video_inputs/],
    ['missing voice', { video_inputs: [{ character: { type: 'avatar', avatar_id: 'x' } }] }, 400, 'invalid_parameter', /video_inputs\[0\]\.voice is required/],
    ['bad voice type', oneScene({}, { type: 'song' }), 400, 'invalid_parameter', /video_inputs\[0\]\.voice\.type/],
    ['unknown avatar', { ...oneScene(), video_inputs: [{ character: { type: 'avatar', avatar_id: 'nobody' }, voice: { type: 'silence' } }] }, 404, 'avatar_not_found', /nobody/],
    ['unknown voice', oneScene({}, { voice_id: 'no_such_voice' }), 404, 'voice_not_found', /no_such_voice/],
    ['empty text', oneScene({}, { input_text: '   ' }), 400, 'invalid_parameter', /input_text/],
    ['text too long', oneScene({}, { input_text: 'a'.repeat(5001) }), 400, 'invalid_parameter', /5000/],
    ['bad audio url', oneScene({}, { type: 'audio', audio_url: 'ftp://x/y.mp3' }), 400, 'invalid_parameter', /^video_inputs\[0\]\.voice\.audio_url must be an http or https URL: ftp:\/\/x\/y\.mp3$/],
    ['garbage audio url', oneScene({}, { type: 'audio', audio_url: 'not a url' }), 400, 'invalid_parameter', /^video_inputs\[0\]\.voice\.audio_url is not a valid URL: not a url$/],
    ['bad background url', { video_inputs: [{ voice: { type: 'silence' }, background: { type: 'image', url: 'javascript:alert(1)' } }] }, 400, 'invalid_parameter', /^video_inputs\[0\]\.background\.url must be an http or https URL/],
    ['bad callback url', oneScene({ callback_url: 'nope' }), 400, 'invalid_parameter', /^callback_url is not a valid URL: nope$/],
    ['bad color', { video_inputs: [{ voice: { type: 'silence' }, background: { type: 'color', value: 'green' } }] }, 400, 'invalid_parameter', /hex color/],
    ['speed out of range', oneScene({}, { speed: 3 }), 400, 'invalid_parameter', /speed/],
  ];
  for (const [name, body, status, code, message] of cases) {
    test(`rejects ${name}`, async () => {
      const r = await generate(body);
      assert.equal(r.statusCode, status, r.body);
      const json = r.json();
      assert.equal(json.data, null);
      assert.equal(json.error.code, code);
      assert.match(json.error.message, message);
    });
  }

  test('corrupt JSON → 400 in the v2 envelope', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: { ...h, 'content-type': 'application/json' }, payload: '{"video_inputs": [' });
    assert.equal(r.statusCode, 400);
    assert.deepEqual(Object.keys(r.json()).sort(), ['data', 'error']);
    assert.equal(r.json().error.code, 'invalid_parameter');
  });

  test('a body over the limit → 413 payload_too_large', async () => {
    const big = JSON.stringify({ video_inputs: [{ voice: { type: 'silence' } }], pad: 'x'.repeat(3 * 1024 * 1024) });
    const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: { ...h, 'content-type': 'application/json' }, payload: big });
    assert.equal(r.statusCode, 413);
    assert.equal(r.json().error.code, 'payload_too_large');
  });

  test('stores nothing when validation fails', async () => {
    const before = (await t.platform.queue.counts()).queued + (await t.platform.queue.counts()).done;
    await generate(oneScene({ dimension: { width: 7, height: 7 } }));
    const after = (await t.platform.queue.counts()).queued + (await t.platform.queue.counts()).done;
    assert.equal(after, before);
  });
});

describe('GET /v1/video_status.get', () => {
  test('pending → completed with every key, signed URLs, unix created_at', async () => {
    const id = (await generate({ ...TWO_SCENES, caption: true })).json().data.video_id;
    await t.pool.waitForIdle();
    const r = await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h });
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.code, 100);
    assert.equal(body.message, 'Success');
    assert.deepEqual(Object.keys(body.data).sort(), [
      'callback_id', 'caption_url', 'created_at', 'duration', 'error', 'gif_url', 'id', 'progress', 'quality', 'status', 'thumbnail_url', 'video_url', 'video_url_caption',
    ]);
    const d = body.data;
    assert.equal(typeof d.quality.envelope_correlation, 'number', 'the render\'s measured figures are returned');
    assert.equal(typeof d.quality.av_offset_ms, 'number');
    assert.equal(d.id, id);
    assert.equal(d.status, 'completed');
    assert.equal(d.callback_id, 'cb-1');
    assert.equal(d.error, null);
    assert.equal(d.progress, 100);
    assert.equal(d.duration, 3);
    assert.ok(Math.abs(d.created_at - Date.now() / 1000) < 60);
    for (const k of ['video_url', 'video_url_caption', 'thumbnail_url', 'gif_url', 'caption_url']) {
      assert.match(d[k], /^http:\/\/orator\.test\/files\/videos\/.+\?Expires=\d+&Signature=[\w-]+$/, k);
    }
    const expires = Number(new URL(d.video_url).searchParams.get('Expires'));
    assert.ok(Math.abs(expires - (Date.now() / 1000 + 7 * 24 * 3600)) < 60, 'URLs last 7 days');
    if (hasOperation('GET', '/v1/video_status.get')) assert.deepEqual(validateHeygenResponse('GET', '/v1/video_status.get', 200, body), []);
  });

  test('a pending video has every key with nulls', async () => {
    const paused = await startTestPlatform({ startWorkers: false });
    try {
      const id = (await paused.app.inject({ method: 'POST', url: '/v2/video/generate', headers: { 'x-api-key': paused.key }, payload: TWO_SCENES })).json().data.video_id;
      const d = (await paused.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: { 'x-api-key': paused.key } })).json().data;
      assert.equal(d.status, 'pending');
      for (const k of ['video_url', 'video_url_caption', 'thumbnail_url', 'gif_url', 'caption_url', 'duration', 'error', 'quality']) assert.equal(d[k], null, k);
      assert.equal(d.progress, 0);
    } finally {
      await paused.close();
    }
  });

  test('a permanent render error → failed with the catalogue code and message', async () => {
    const { OratorError } = await import('../../src/domain/errors.js');
    t.engine.controls.behaviour = async () => {
      throw new OratorError('download_failed', 'Failed to download https://example.com/x.png: HTTP 404');
    };
    try {
      const id = (await generate(oneScene())).json().data.video_id;
      await t.pool.waitForIdle();
      const d = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h })).json().data;
      assert.equal(d.status, 'failed');
      assert.deepEqual(d.error, { code: 400175, message: 'Failed to download https://example.com/x.png: HTTP 404', detail: null });
      assert.equal(d.video_url, null);
    } finally {
      t.engine.controls.behaviour = async () => {};
    }
  });

  test('unexpected errors are retried, then fail with render_failed', async () => {
    let calls = 0;
    t.engine.controls.behaviour = async () => {
      calls++;
      throw new Error('ffmpeg crashed');
    };
    try {
      const id = (await generate(oneScene())).json().data.video_id;
      await t.pool.waitForIdle();
      const d = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h })).json().data;
      assert.equal(calls, 3, 'max attempts');
      assert.equal(d.status, 'failed');
      assert.equal(d.error.code, 500000);
      assert.equal(d.error.detail, 'ffmpeg crashed');
    } finally {
      t.engine.controls.behaviour = async () => {};
    }
  });

  test('a transient failure then success completes', async () => {
    let calls = 0;
    t.engine.controls.behaviour = async () => {
      if (++calls === 1) throw new Error('busy');
    };
    try {
      const id = (await generate(oneScene())).json().data.video_id;
      await t.pool.waitForIdle();
      const d = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h })).json().data;
      assert.equal(d.status, 'completed');
      assert.equal(calls, 2);
    } finally {
      t.engine.controls.behaviour = async () => {};
    }
  });

  test('unknown id → 404 in the v1 envelope; missing id → 400', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/video_status.get?video_id=0123456789abcdef0123456789abcdef', headers: h });
    assert.equal(r.statusCode, 404);
    assert.deepEqual(r.json(), { code: 40031, message: 'Video 0123456789abcdef0123456789abcdef not found', data: null });
    const m = await t.app.inject({ method: 'GET', url: '/v1/video_status.get', headers: h });
    assert.equal(m.statusCode, 400);
    assert.equal(m.json().code, 40001);
    assert.match(m.json().message, /video_id is required/);
  });
});

describe('spaces', () => {
  test("another space's video is 404 for status and delete, and absent from its list", async () => {
    const id = (await generate(oneScene())).json().data.video_id;
    const other = await createApiKey(t.platform.keys, { name: 'other' });
    const oh = { 'x-api-key': other.key };
    const s = await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: oh });
    assert.equal(s.statusCode, 404);
    const d = await t.app.inject({ method: 'DELETE', url: `/v1/video.delete?video_id=${id}`, headers: oh });
    assert.equal(d.statusCode, 404);
    const l = (await t.app.inject({ method: 'GET', url: '/v1/video.list', headers: oh })).json();
    assert.deepEqual(l.data.videos, []);
    const mine = await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h });
    assert.equal(mine.statusCode, 200);
  });
});

describe('list and delete', () => {
  test('video.list pages with token, newest first', async () => {
    const fresh = await startTestPlatform({ startWorkers: false });
    try {
      const fh = { 'x-api-key': fresh.key };
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await fresh.app.inject({ method: 'POST', url: '/v2/video/generate', headers: fh, payload: { ...oneScene(), title: `v${i}` } })).json().data.video_id);
      }
      const seen: string[] = [];
      let token: string | null = null;
      do {
        const url: string = `/v1/video.list?limit=2${token ? `&token=${token}` : ''}`;
        const body = (await fresh.app.inject({ method: 'GET', url, headers: fh })).json();
        assert.equal(body.code, 100);
        for (const v of body.data.videos) {
          assert.deepEqual(Object.keys(v).sort(), ['created_at', 'status', 'type', 'video_id', 'video_title']);
          assert.equal(v.type, 'GENERATED');
          seen.push(v.video_id);
        }
        token = body.data.token;
      } while (token);
      assert.deepEqual(new Set(seen), new Set(ids));
      assert.equal(seen.length, 5);
      const bad = await fresh.app.inject({ method: 'GET', url: '/v1/video.list?token=garbage', headers: fh });
      assert.equal(bad.statusCode, 400);
      const badLimit = await fresh.app.inject({ method: 'GET', url: '/v1/video.list?limit=0', headers: fh });
      assert.equal(badLimit.statusCode, 400);
    } finally {
      await fresh.close();
    }
  });

  test('video.delete removes the blobs and hides the video', async () => {
    const id = (await generate(oneScene())).json().data.video_id;
    await t.pool.waitForIdle();
    const status = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h })).json().data;
    const fileUrl = new URL(status.video_url);
    assert.equal((await t.app.inject({ method: 'GET', url: fileUrl.pathname + fileUrl.search })).statusCode, 200);
    const d = await t.app.inject({ method: 'DELETE', url: `/v1/video.delete?video_id=${id}`, headers: h });
    assert.equal(d.statusCode, 200);
    assert.deepEqual(d.json(), { code: 100, data: null, message: 'Success' });
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${id}`, headers: h })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: fileUrl.pathname + fileUrl.search })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/video.delete?video_id=${id}`, headers: h })).statusCode, 404);
  });
});

describe('catalogue and account', () => {
  test('GET /v2/avatars lists stock avatars with preview links', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/v2/avatars', headers: h })).json();
    assert.equal(body.error, null);
    // A fresh space has uploaded nothing: only the stock talking photo is listed, with a signed image link.
    assert.deepEqual(body.data.talking_photos.map((p: { talking_photo_id: string }) => p.talking_photo_id), ['astronaut_photo', 'grace_hopper_photo']);
    assert.deepEqual(Object.keys(body.data.talking_photos[0]).sort(), ['preview_image_url', 'talking_photo_id', 'talking_photo_name']);
    assert.match(body.data.talking_photos[0].preview_image_url, /Signature=/);
    const a = body.data.avatars[0];
    assert.deepEqual(Object.keys(a).sort(), ['avatar_id', 'avatar_name', 'default_voice_id', 'gender', 'premium', 'preview_image_url', 'preview_video_url', 'tags']);
    assert.equal(a.premium, false);
    const preview = await t.app.inject({ method: 'GET', url: new URL(a.preview_image_url).pathname });
    assert.equal(preview.statusCode, 302);
    const file = new URL(String(preview.headers.location));
    const img = await t.app.inject({ method: 'GET', url: file.pathname + file.search });
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
    const rendersBefore = t.engine.controls.renders.length;
    await t.app.inject({ method: 'GET', url: new URL(a.preview_video_url).pathname });
    assert.equal(t.engine.controls.renders.length, rendersBefore, 'the preview is cached');
    assert.equal((await t.app.inject({ method: 'GET', url: '/previews/avatars/nobody/image' })).statusCode, 404);
  });

  test('GET /v2/voices lists voices with HeyGen fields', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/v2/voices', headers: h })).json();
    const v = body.data.voices[0];
    assert.deepEqual(Object.keys(v).sort(), ['emotion_support', 'gender', 'language', 'name', 'preview_audio', 'support_interactive_avatar', 'support_pause', 'voice_id']);
    assert.equal(v.support_interactive_avatar, false);
    const r = await t.app.inject({ method: 'GET', url: new URL(v.preview_audio).pathname });
    assert.equal(r.statusCode, 302);
  });

  test('user/me (v1 and v2) and remaining_quota', async () => {
    const v1 = await t.app.inject({ method: 'GET', url: '/v1/user/me', headers: h });
    assert.equal(v1.statusCode, 200);
    assert.equal(v1.json().code, 100);
    assert.deepEqual(validateHeygenResponse('GET', '/v1/user/me', 200, v1.json()), []);
    const v2 = (await t.app.inject({ method: 'GET', url: '/v2/user/me', headers: h })).json();
    assert.equal(v2.error, null);
    assert.ok(v2.data.username);
    const q = (await t.app.inject({ method: 'GET', url: '/v2/user/remaining_quota', headers: h })).json();
    assert.equal(q.error, null);
    assert.ok(q.data.remaining_quota > 0);
    assert.deepEqual(Object.keys(q.data.details).sort(), ['api', 'seat']);
  });

  test('/v2/../v1/user/me is normalised before routing', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v2/../v1/user/me', headers: h });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().code, 100);
  });

  test('health, readiness and the OpenAPI document need no key', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json().checks, { database: 'ok', queue: 'ok', storage: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.ok(doc.paths['/v2/video/generate'].post);
    assert.ok(doc.paths['/v1/video_status.get'].get);
    assert.equal((await t.app.inject({ method: 'GET', url: '/docs/' })).statusCode, 200);
  });
});
