// Real responses of the video and user operations, validated against HeyGen's own response schemas
// (official spec first, then the CLI-derived v3 document): success and error statuses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { useTestPlatform } from '../support/use-test-platform.js';

let completedId: string;

const t = useTestPlatform({}, async () => {
  const r = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Conformance.', caption: { style: 'default' }, title: 'c' } });
  completedId = r.json().data.video_id;
  await t.pool.waitForIdle();
});
const h = t.headers;

async function check(method: 'GET' | 'POST' | 'DELETE', template: string, url: string, expected: number, options: { payload?: object; headers?: Record<string, string> } = {}) {
  const r = await t.app.inject({ method, url, headers: options.headers ?? h, ...(options.payload ? { payload: options.payload } : {}) });
  assert.equal(r.statusCode, expected, r.body);
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${url} ${r.statusCode}: ${r.body}`);
  return r.json();
}

describe('conformance: videos (v3 and v3-style v2)', () => {
  test('POST /v3/videos 200, 400, 401, 404', async () => {
    const body = await check('POST', '/v3/videos', '/v3/videos', 200, { payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Hi.' } });
    assert.equal(body.data.output_format, 'mp4');
    await check('POST', '/v3/videos', '/v3/videos', 400, { payload: { type: 'image', image: { type: 'url', url: 'https://e.com/i.png' } } });
    await check('POST', '/v3/videos', '/v3/videos', 401, { payload: { type: 'avatar' }, headers: {} });
    await check('POST', '/v3/videos', '/v3/videos', 404, { payload: { type: 'avatar', avatar_id: 'ghost', script: 'x' } });
    await t.pool.waitForIdle();
  });

  test('POST /v2/videos (flat body) 200, 400, 401', async () => {
    const body = await check('POST', '/v2/videos', '/v2/videos', 200, { payload: { avatar_id: 'Daisy-inskirt-20220818', script: 'Hi.', voice_id: 'flite_slt' } });
    assert.equal(body.data.status, 'pending');
    await check('POST', '/v2/videos', '/v2/videos', 400, { payload: { avatar_id: 'Daisy-inskirt-20220818', image_url: 'https://e.com/i.png', script: 'x', voice_id: 'flite_slt' } });
    await check('POST', '/v2/videos', '/v2/videos', 400, { payload: { avatar_id: 'Daisy-inskirt-20220818', script: 'x' } });
    await check('POST', '/v2/videos', '/v2/videos', 401, { payload: { avatar_id: 'Daisy-inskirt-20220818' }, headers: {} });
    await t.pool.waitForIdle();
  });

  for (const prefix of ['/v3', '/v2']) {
    test(`GET ${prefix}/videos 200, 400, 401`, async () => {
      const list = await check('GET', `${prefix}/videos`, `${prefix}/videos?limit=1`, 200);
      assert.equal(list.data.length, 1);
      await check('GET', `${prefix}/videos`, `${prefix}/videos?limit=1&token=${encodeURIComponent(list.next_token)}`, 200);
      await check('GET', `${prefix}/videos`, `${prefix}/videos?limit=500`, 400);
      await check('GET', `${prefix}/videos`, `${prefix}/videos`, 401, { headers: { 'x-api-key': 'wrong' } });
    });

    test(`GET ${prefix}/videos/{video_id} 200 (completed, signed URLs), 404, 401`, async () => {
      const d = await check('GET', `${prefix}/videos/{video_id}`, `${prefix}/videos/${completedId}`, 200);
      assert.equal(d.data.status, 'completed');
      assert.ok(d.data.captioned_video_url);
      await check('GET', `${prefix}/videos/{video_id}`, `${prefix}/videos/ffffffffffffffffffffffffffffffff`, 404);
      await check('GET', `${prefix}/videos/{video_id}`, `${prefix}/videos/${completedId}`, 401, { headers: {} });
    });
  }

  test('GET /v3/videos/statuses 200 (found, not_found, batch), 400, 401', async () => {
    const found = await check('GET', '/v3/videos/statuses', `/v3/videos/statuses?video_ids=${completedId},ffffffffffffffffffffffffffffffff&batch_ids=b1`, 200);
    assert.deepEqual(found.data.map((d: { status: string }) => d.status), ['completed', 'not_found', 'not_found']);
    const tooMany = Array.from({ length: 101 }, (_, i) => `v${i}`).join(',');
    await check('GET', '/v3/videos/statuses', `/v3/videos/statuses?video_ids=${tooMany}`, 400);
    await check('GET', '/v3/videos/statuses', `/v3/videos/statuses?video_ids=${completedId}`, 401, { headers: {} });
  });

  test('DELETE /v3/videos/{video_id} and /v2/videos/{video_id}: 200, 404, 401', async () => {
    for (const prefix of ['/v3', '/v2']) {
      const id = (await t.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Del.' } })).json().data.video_id;
      await check('DELETE', `${prefix}/videos/{video_id}`, `${prefix}/videos/${id}`, 200);
      await check('DELETE', `${prefix}/videos/{video_id}`, `${prefix}/videos/${id}`, 404);
      await check('DELETE', `${prefix}/videos/{video_id}`, `${prefix}/videos/${id}`, 401, { headers: {} });
    }
    await t.pool.waitForIdle();
  });
});

describe('conformance: users', () => {
  test('GET /v3/users/me 200, 401', async () => {
    await check('GET', '/v3/users/me', '/v3/users/me', 200);
    await check('GET', '/v3/users/me', '/v3/users/me', 401, { headers: {} });
  });
});
