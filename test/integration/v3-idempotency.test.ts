// Idempotency-Key on v3 POSTs: replay of the first response, 422 for another body, 409 while the first
// request still runs, key syntax, and scope per space and endpoint.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/build-app.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform({ startWorkers: false });
const h = t.headers;
const body = { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Once only.' };

function post(app: FastifyInstance, payload: object, key: string | undefined, headers = h) {
  return app.inject({ method: 'POST', url: '/v3/videos', headers: key === undefined ? headers : { ...headers, 'idempotency-key': key }, payload });
}

describe('Idempotency-Key', () => {
  test('same key + same body replays the first response (one video created)', async () => {
    const first = await post(t.app, body, 'create-1');
    assert.equal(first.statusCode, 200, first.body);
    const again = await post(t.app, { script: 'Once only.', avatar_id: 'Daisy-inskirt-20220818', type: 'avatar' }, 'create-1');
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const list = (await t.app.inject({ method: 'GET', url: '/v3/videos?limit=100', headers: h })).json();
    assert.equal(list.data.filter((v: { id: string }) => v.id === first.json().data.video_id).length, 1);
    assert.equal(list.data.length, 1);
  });

  test('without the header every POST creates a new video', async () => {
    const a = (await post(t.app, body, undefined)).json().data.video_id;
    const b = (await post(t.app, body, undefined)).json().data.video_id;
    assert.notEqual(a, b);
  });

  test('same key + different body → 422 idempotency_key_reused', async () => {
    assert.equal((await post(t.app, body, 'create-2')).statusCode, 200);
    const r = await post(t.app, { ...body, script: 'Something else.' }, 'create-2');
    assert.equal(r.statusCode, 422);
    assert.equal(r.json().error.code, 'idempotency_key_reused');
    assert.equal(r.json().error.param, 'Idempotency-Key');
  });

  test('a rejected request does not use up its key', async () => {
    const bad = await post(t.app, { ...body, avatar_id: 'ghost' }, 'create-3');
    assert.equal(bad.statusCode, 404);
    const good = await post(t.app, body, 'create-3');
    assert.equal(good.statusCode, 200);
  });

  for (const key of ['', 'has space', 'x'.repeat(256), 'semi;colon']) {
    test(`malformed key ${JSON.stringify(key.slice(0, 12))} → 400 invalid_parameter`, async () => {
      const r = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: { ...h, 'idempotency-key': key }, payload: body });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.param, 'Idempotency-Key');
      assert.deepEqual(validateHeygenResponse('POST', '/v3/videos', 400, r.json()), []);
    });
  }

  test('keys are scoped per space', async () => {
    const { key: other } = await createApiKey(t.platform.keys, { name: 'other' });
    const mine = (await post(t.app, body, 'shared-key')).json().data.video_id;
    const theirs = await post(t.app, { ...body, script: 'Different body, other space.' }, 'shared-key', { 'x-api-key': other });
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.notEqual(theirs.json().data.video_id, mine);
  });

  test('keys are scoped per endpoint', async () => {
    assert.equal((await post(t.app, body, 'endpoint-key')).statusCode, 200);
    const other = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: { ...h, 'idempotency-key': 'endpoint-key-2' }, payload: body });
    assert.equal(other.statusCode, 200);
  });

  test('a concurrent duplicate while the first is in flight → 409 request_in_progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const started = new Promise<void>((r) => (entered = r));
    const deps = t.platform.appDeps;
    const app = await buildApp({
      ...deps,
      videos: {
        ...deps.videos,
        createV3: async (space, input) => {
          entered();
          await gate;
          return deps.videos.createV3(space, input);
        },
      },
    });
    try {
      const first = post(app, body, 'slow-key');
      await started;
      const second = await post(app, body, 'slow-key');
      assert.equal(second.statusCode, 409, second.body);
      assert.equal(second.json().error.code, 'request_in_progress');
      assert.deepEqual(validateHeygenResponse('POST', '/v3/videos', 400, second.json()), []);
      release();
      const done = await first;
      assert.equal(done.statusCode, 200);
      const replay = await post(app, body, 'slow-key');
      assert.equal(replay.body, done.body);
    } finally {
      release();
      await app.close();
    }
  });
});
