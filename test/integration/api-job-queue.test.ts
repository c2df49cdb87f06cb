// The SQL job queue and worker pool with a fake handler: claim with lease, CAS transitions,
// watchdog re-queue, space concurrency cap, retries and graceful stop.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type DatabaseHandle } from '../../src/db/create-database.js';
import { migrateToLatest } from '../../src/db/migrations.js';
import { OratorError } from '../../src/domain/errors.js';
import type { JobHandlerMap } from '../../src/domain/job-handler.js';
import { LeaseWatchdog } from '../../src/jobs/lease-watchdog.js';
import { SqlJobQueue } from '../../src/jobs/sql-job-queue.js';
import { WorkerPool } from '../../src/jobs/worker-pool.js';

let dir: string;
let handle: DatabaseHandle;
let queue: SqlJobQueue;
const claim = (owner: string, now = Date.now(), leaseMs = 1000, spaceCap = 10) => queue.claim({ owner, kinds: ['render_video'], leaseMs, spaceCap, now });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-queue-'));
  handle = await createDatabase({ databaseUrl: undefined, dataDir: dir });
  await migrateToLatest(handle.db);
  queue = new SqlJobQueue(handle.db, handle.dialect);
});
afterEach(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('claim takes each job once and sets the lease', async () => {
  const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v1' }, spaceId: 's1' });
  const a = await claim('A');
  const b = await claim('B');
  assert.equal(a?.id, id);
  assert.equal(a?.status, 'running');
  assert.equal(a?.leaseOwner, 'A');
  assert.equal(a?.attempts, 1);
  assert.equal(b, undefined);
});

test('jobs with run_at in the future wait', async () => {
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v1' }, spaceId: null, runAt: Date.now() + 60_000 });
  assert.equal(await claim('A'), undefined);
  assert.ok(await claim('A', Date.now() + 61_000));
});

test('transitions are compare-and-set on the lease owner', async () => {
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v1' }, spaceId: null });
  const job = (await claim('A'))!;
  assert.equal(await queue.complete(job.id, 'B'), false, 'not the owner');
  assert.equal(await queue.renew(job.id, 'B', Date.now() + 5000, Date.now()), false);
  assert.equal(await queue.fail(job.id, 'B', 'x', Date.now()), false);
  assert.equal(await queue.renew(job.id, 'A', Date.now() + 5000, Date.now()), true);
  assert.equal(await queue.complete(job.id, 'A'), true);
  assert.equal(await queue.complete(job.id, 'A'), false, 'only once');
  assert.equal((await queue.get(job.id))?.status, 'done');
});

test('the watchdog re-queues expired leases and the old owner can no longer finish', async () => {
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v1' }, spaceId: null });
  const now = Date.now();
  const job = (await claim('A', now, 1000))!;
  const watchdog = new LeaseWatchdog(queue, 1000);
  assert.equal(await watchdog.sweep(now + 500), 0, 'lease still valid');
  assert.equal(await watchdog.sweep(now + 1500), 1);
  const again = (await claim('B', now + 1500))!;
  assert.equal(again.id, job.id);
  assert.equal(again.attempts, 2);
  assert.equal(await queue.complete(job.id, 'A'), false);
  assert.equal(await queue.complete(job.id, 'B'), true);
});

test('the per-space cap leaves extra jobs of a busy space waiting while other spaces run', async () => {
  for (let i = 0; i < 3; i++) await queue.enqueue({ kind: 'render_video', payload: { videoId: `a${i}` }, spaceId: 'busy' });
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'b0' }, spaceId: 'quiet' });
  const first = await claim('W', Date.now(), 1000, 1);
  const second = await claim('W', Date.now(), 1000, 1);
  const third = await claim('W', Date.now(), 1000, 1);
  assert.equal(first?.spaceId, 'busy');
  assert.equal(second?.spaceId, 'quiet');
  assert.equal(third, undefined, 'busy is at its cap');
  await queue.complete(first!.id, 'W');
  assert.equal((await claim('W', Date.now(), 1000, 1))?.spaceId, 'busy');
});

test('releaseLeases hands running jobs back without spending an attempt', async () => {
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v1' }, spaceId: null });
  const job = (await claim('A'))!;
  assert.equal(await queue.releaseLeases('A', Date.now()), 1);
  const back = (await queue.get(job.id))!;
  assert.equal(back.status, 'queued');
  assert.equal(back.attempts, 0);
});

function pool(handlers: JobHandlerMap, extra: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) {
  return new WorkerPool({ queue, handlers, concurrency: 2, spaceCap: 10, leaseMs: 2000, pollMs: 20, retryDelayMs: () => 5, ...extra });
}

test('the pool runs jobs, retries transient errors, fails permanent ones at once', async () => {
  const seen: Record<string, number> = {};
  const gaveUp: string[] = [];
  const p = pool({
    render_video: {
      async run({ videoId }) {
        seen[videoId] = (seen[videoId] ?? 0) + 1;
        if (videoId === 'flaky' && seen[videoId] < 2) throw new Error('transient');
        if (videoId === 'always') throw new Error('still broken');
        if (videoId === 'bad') throw new OratorError('invalid_parameter', 'permanent');
      },
      async giveUp({ videoId }) {
        gaveUp.push(videoId);
      },
    },
  });
  for (const v of ['ok', 'flaky', 'always', 'bad']) await queue.enqueue({ kind: 'render_video', payload: { videoId: v }, spaceId: null, maxAttempts: 3 });
  p.start();
  await p.waitForIdle();
  await p.stop(100);
  assert.deepEqual(seen, { ok: 1, flaky: 2, always: 3, bad: 1 });
  assert.deepEqual(gaveUp.sort(), ['always', 'bad']);
  const c = await queue.counts();
  assert.equal(c.done, 2);
  assert.equal(c.failed, 2);
});

test('concurrency is respected', async () => {
  let running = 0;
  let peak = 0;
  const p = pool(
    {
      render_video: {
        async run() {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 30));
          running--;
        },
      },
    },
    { concurrency: 3 },
  );
  for (let i = 0; i < 10; i++) await queue.enqueue({ kind: 'render_video', payload: { videoId: `v${i}` }, spaceId: null });
  p.start();
  await p.waitForIdle();
  await p.stop(100);
  assert.equal(peak, 3);
  assert.equal((await queue.counts()).done, 10);
});

test('stop() waits for running jobs within the grace period', async () => {
  let finished = false;
  const p = pool({
    render_video: {
      async run() {
        await new Promise((r) => setTimeout(r, 150));
        finished = true;
      },
    },
  });
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v' }, spaceId: null });
  p.start();
  while (p.activeCount === 0) await new Promise((r) => setImmediate(r));
  await p.stop(5000);
  assert.ok(finished);
  assert.equal((await queue.counts()).done, 1);
});

test('stop() past the grace period aborts and releases the lease for another worker', async () => {
  const p = pool({
    render_video: {
      run: (_payload, ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    },
  });
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v' }, spaceId: null });
  p.start();
  while (p.activeCount === 0) await new Promise((r) => setImmediate(r));
  await p.stop(50);
  const c = await queue.counts();
  assert.equal(c.queued, 1);
  assert.equal(c.running, 0);
});

test('a job whose workers keep dying is given up after max attempts', async () => {
  await queue.enqueue({ kind: 'render_video', payload: { videoId: 'poison' }, spaceId: null, maxAttempts: 2 });
  const now = Date.now();
  const watchdog = new LeaseWatchdog(queue, 1000);
  for (let i = 0; i < 2; i++) {
    await claim('dead', now + i * 2000, 1000);
    await watchdog.sweep(now + i * 2000 + 1500);
  }
  const gaveUp: string[] = [];
  const p = pool({ render_video: { run: async () => assert.fail('must not run'), giveUp: async ({ videoId }) => void gaveUp.push(videoId) } });
  p.start();
  await p.waitForIdle();
  await p.stop(100);
  assert.deepEqual(gaveUp, ['poison']);
  assert.equal((await queue.counts()).failed, 1);
});
