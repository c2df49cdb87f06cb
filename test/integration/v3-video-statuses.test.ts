// GET /v3/videos/statuses: one answer per requested id, not_found for unknown and other spaces' ids,
// failure details for failed videos, unknown batch ids, and the 100-id cap.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiKey } from '../../src/auth/api-keys.js';
import { OratorError } from '../../src/domain/errors.js';
import { startTestPlatform } from '../support/test-platform.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform();
const h = t.headers;

async function createVideo(headers = h): Promise<string> {
  const r = await t.app.inject({ method: 'POST', url: '/v3/videos', headers, payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Status.' } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data.video_id;
}

const statuses = (query: string, headers = h) => t.app.inject({ method: 'GET', url: `/v3/videos/statuses?${query}`, headers });

describe('GET /v3/videos/statuses', () => {
  test('answers each id in order: completed, failed with its reason, not_found for unknown ids', async () => {
    const done = await createVideo();
    await t.pool.waitForIdle();
    t.engine.controls.behaviour = async () => {
      throw new OratorError('video_file_corrupted', 'The background video is corrupted');
    };
    let failed = '';
    try {
      failed = await createVideo();
      await t.pool.waitForIdle();
    } finally {
      t.engine.controls.behaviour = async () => {};
    }
    const r = await statuses(`video_ids=${done}, ${failed},ghost,${done}`);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      data: [
        { video_id: done, status: 'completed', error: null, item_index: null, batch_id: null },
        { video_id: failed, status: 'failed', error: { code: 'video_file_corrupted', message: 'The background video is corrupted' }, item_index: null, batch_id: null },
        { video_id: 'ghost', status: 'not_found', error: null, item_index: null, batch_id: null },
      ],
      has_more: false,
      next_token: null,
    });
    // The same reason GET /v3/videos/{id} reports.
    const detail = (await t.app.inject({ method: 'GET', url: `/v3/videos/${failed}`, headers: h })).json().data;
    assert.equal(detail.failure_code, 'video_file_corrupted');
  });

  test('a pending video reads pending', async () => {
    const paused = await startTestPlatform({ startWorkers: false });
    try {
      const r = await paused.app.inject({ method: 'POST', url: '/v3/videos', headers: { 'x-api-key': paused.key }, payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Wait.' } });
      const id = r.json().data.video_id;
      const s = await paused.app.inject({ method: 'GET', url: `/v3/videos/statuses?video_ids=${id}`, headers: { 'x-api-key': paused.key } });
      assert.equal(s.json().data[0].status, 'pending');
    } finally {
      await paused.close();
    }
  });

  test('another space’s videos read not_found, exactly like unknown ids', async () => {
    const mine = await createVideo();
    const otherKey = (await createApiKey(t.platform.keys, { name: 'other space' })).key;
    const theirs = await createVideo({ 'x-api-key': otherKey });
    await t.pool.waitForIdle();
    const r = (await statuses(`video_ids=${mine},${theirs}`)).json();
    assert.deepEqual(r.data.map((d: { video_id: string; status: string }) => [d.video_id, d.status]), [
      [mine, 'completed'],
      [theirs, 'not_found'],
    ]);
    const back = (await statuses(`video_ids=${mine},${theirs}`, { 'x-api-key': otherKey })).json();
    assert.deepEqual(back.data.map((d: { status: string }) => d.status), ['not_found', 'completed']);
    // A deleted video is gone too.
    await t.app.inject({ method: 'DELETE', url: `/v3/videos/${mine}`, headers: h });
    assert.equal((await statuses(`video_ids=${mine}`)).json().data[0].status, 'not_found');
  });

  test('unknown batch ids answer not_found, one entry each (batches: v3-video-batches.test.ts)', async () => {
    const r = await statuses('batch_ids=b1,b2');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      data: [
        { video_id: null, status: 'not_found', error: null, item_index: null, batch_id: 'b1' },
        { video_id: null, status: 'not_found', error: null, item_index: null, batch_id: 'b2' },
      ],
      has_more: false,
      next_token: null,
    });
  });

  test('400 beyond 100 ids (video and batch ids together) or with none; 401 without a key', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `v${i}`);
    const hundred = await statuses(`video_ids=${ids.join(',')}`);
    assert.equal(hundred.statusCode, 200);
    assert.equal(hundred.json().data.length, 100);
    const over = await statuses(`video_ids=${ids.join(',')}&batch_ids=b1`);
    assert.equal(over.statusCode, 400);
    assert.equal(over.json().error.code, 'invalid_parameter');
    assert.match(over.json().error.message, /At most 100 ids/);
    const none = await statuses('video_ids=,');
    assert.equal(none.statusCode, 400);
    assert.match(none.json().error.message, /video_ids or batch_ids is required/);
    assert.equal((await statuses('video_ids=a', {})).statusCode, 401);
  });
});
