// A batch must not starve other spaces (embedded SQL queue, real worker pool, renders held by the fake
// engine): one space's 100 renders fill both render slots, another space's video is submitted after
// all of them, and the first slot that frees goes to it rather than to the batch's 3rd item. The
// per-space cap itself (ORATOR_SPACE_CONCURRENCY) is covered by the job queue contract on every adapter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApiKey } from '../../src/auth/api-keys.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { waitUntil } from '../support/wait-until.js';

const t = useTestPlatform({ concurrency: 2 });

test('one space’s batch of 100 leaves the next free render slot to another space’s video', async () => {
  const held: { plan: RenderPlan; release: () => void }[] = [];
  t.engine.controls.behaviour = (plan) => new Promise<void>((release) => held.push({ plan, release }));
  const other = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'other space' })).key };
  try {
    const item = (n: number) => ({ type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: `Item ${n}.`, dimension: { width: 320, height: 180 } });
    const batch = await t.app.inject({ method: 'POST', url: '/v3/videos/batches', headers: t.headers, payload: { videos: Array.from({ length: 100 }, (_, n) => item(n)) } });
    assert.equal(batch.statusCode, 200, batch.body);
    await waitUntil('both render slots taken by the batch', () => held.length === 2);

    const mine = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: other, payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Me too.', dimension: { width: 330, height: 180 } } });
    assert.equal(mine.statusCode, 200, mine.body);
    const counts = await t.platform.queue.counts();
    assert.deepEqual([counts.running, counts.queued], [2, 99], 'two of the batch render, 98 of it and the other space’s video wait');

    held[0]!.release();
    await waitUntil('a third render to start', () => held.length === 3);
    assert.deepEqual(held.map((h) => h.plan.width), [320, 320, 330], 'the freed slot went to the other space, not to the batch’s next item');
    const status = (await t.app.inject({ method: 'GET', url: `/v3/videos/batches/${batch.json().data.batch_id}`, headers: t.headers })).json().data;
    assert.deepEqual(status.counts_by_status, { queued: 98, processing: 1, completed: 1, failed: 0 });
  } finally {
    t.engine.controls.behaviour = async () => {};
    for (const h of held) h.release();
  }
  await t.pool.waitForIdle();
  assert.deepEqual(await t.platform.queue.counts(), { queued: 0, running: 0, done: 101, failed: 0 });
});
