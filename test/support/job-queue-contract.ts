// The job queue contract: SQL on SQLite, SQL on Postgres (SKIP LOCKED + LISTEN/NOTIFY) and BullMQ on
// Postgres must behave alike. The database row is the truth in all of them.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import type { JobRecord } from '../../src/domain/job-kind.js';
import type { JobQueueAdapter } from '../../src/jobs/create-job-queue.js';
import type { ClaimRequest } from '../../src/jobs/job-queue.js';
import { SqlJobWriter } from '../../src/db/sql-job-writer.js';

export interface JobQueueUnderTest {
  queue: JobQueueAdapter;
  db: Kysely<Database>;
  /** Another instance on the same database (and Redis): a second process, as far as the queue can tell. */
  other?: JobQueueAdapter;
  close(): Promise<void>;
}

const req = (owner: string, over: Partial<ClaimRequest> = {}): ClaimRequest => ({
  owner,
  kinds: ['render_video'],
  leaseMs: 30_000,
  spaceCap: 10,
  now: Date.now(),
  ...over,
});

/** Claims until something comes back: BullMQ messages and delays run on real time. */
async function claimSoon(queue: JobQueueAdapter, owner: string, over: Partial<ClaimRequest> = {}, timeoutMs = 15_000): Promise<JobRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.claim(req(owner, { ...over, now: Date.now() }));
    if (job) return job;
    if (Date.now() > deadline) throw new Error(`nothing claimable within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function describeJobQueueContract(name: string, open: () => Promise<JobQueueUnderTest | string>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let t: JobQueueUnderTest | undefined;
    let skip: string | undefined;
    before(async () => {
      const opened = await open();
      if (typeof opened === 'string') skip = opened;
      else t = opened;
    });
    after(async () => t?.close());

    const test = (title: string, fn: (t: JobQueueUnderTest) => Promise<void>) =>
      it(title, async (ctx) => {
        if (!t) return ctx.skip(skip ?? 'adapter unavailable');
        await t.db.deleteFrom('jobs').execute();
        await fn(t);
      });

    test('enqueue, claim with a lease, complete; counts follow', async ({ queue }) => {
      const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v1' }, spaceId: null });
      const job = await claimSoon(queue, 'w1');
      assert.equal(job.id, id);
      assert.equal(job.status, 'running');
      assert.equal(job.leaseOwner, 'w1');
      assert.equal(job.attempts, 1);
      assert.deepEqual(job.payload, { videoId: 'v1' });
      assert.ok(job.leaseExpiresAt! > Date.now());
      assert.equal(await queue.claim(req('w2')), undefined);
      assert.equal(await queue.complete(id, 'w2'), false, 'only the lease holder completes');
      assert.equal(await queue.complete(id, 'w1'), true);
      assert.equal(await queue.complete(id, 'w1'), false, 'done is terminal');
      assert.deepEqual(await queue.counts(), { queued: 0, running: 0, done: 1, failed: 0 });
    });

    test('claims only the asked kinds and due jobs', async ({ queue }) => {
      await queue.enqueue({ kind: 'deliver_webhook', payload: { deliveryId: 'd1' }, spaceId: null });
      await queue.enqueue({ kind: 'render_video', payload: { videoId: 'later' }, spaceId: null, runAt: Date.now() + 60_000 });
      assert.equal(await queue.claim(req('w1')), undefined);
      const hook = await claimSoon(queue, 'w1', { kinds: ['deliver_webhook'] });
      assert.equal(hook.kind, 'deliver_webhook');
      assert.equal((await queue.counts()).queued, 1);
    });

    test('retry, renew and fail are compare-and-set on the lease holder', async ({ queue }) => {
      const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v' }, spaceId: null });
      await claimSoon(queue, 'w1');
      assert.equal(await queue.renew(id, 'w2', Date.now() + 1000, Date.now()), false);
      assert.equal(await queue.renew(id, 'w1', Date.now() + 60_000, Date.now()), true);
      assert.equal(await queue.retry(id, 'w2', Date.now(), 'x', Date.now()), false);
      assert.equal(await queue.retry(id, 'w1', Date.now() + 150, 'transient', Date.now()), true);
      assert.equal((await queue.get(id))?.status, 'queued');
      assert.equal(await queue.claim(req('w1')), undefined, 'backoff not over yet');
      const again = await claimSoon(queue, 'w2');
      assert.equal(again.attempts, 2);
      assert.equal(again.lastError, 'transient');
      assert.equal(await queue.fail(id, 'w1', 'no', Date.now()), false);
      assert.equal(await queue.fail(id, 'w2', 'permanent', Date.now()), true);
      assert.equal((await queue.get(id))?.status, 'failed');
    });

    test('concurrent claimers never share a job', async ({ queue, other }) => {
      const ids = new Set<string>();
      for (let i = 0; i < 12; i += 1) ids.add(await queue.enqueue({ kind: 'render_video', payload: { videoId: `c${i}` }, spaceId: null }));
      const claimers = [queue, other ?? queue, queue, other ?? queue];
      const got: string[] = [];
      await Promise.all(
        claimers.map(async (q, n) => {
          let idle = 0;
          while (idle < 5) {
            const job = await q.claim(req(`w${n}`, { now: Date.now() }));
            if (job) {
              got.push(job.id);
              idle = 0;
            } else {
              idle += 1;
              await new Promise((r) => setTimeout(r, 20));
            }
          }
        }),
      );
      assert.equal(got.length, 12);
      assert.deepEqual(new Set(got), ids);
    });

    test('a space at its cap waits; its job runs once a slot frees', async ({ queue }) => {
      const a = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'a' }, spaceId: 'sp1' });
      await queue.enqueue({ kind: 'render_video', payload: { videoId: 'b' }, spaceId: 'sp1' });
      const first = await claimSoon(queue, 'w1', { spaceCap: 1 });
      assert.equal(first.id, a);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(await queue.claim(req('w2', { spaceCap: 1 })), undefined);
      await queue.complete(a, 'w1');
      await queue.requeueExpired(Date.now()); // the sweep re-dispatches rows a capped claim passed over
      const second = await claimSoon(queue, 'w2', { spaceCap: 1 });
      assert.deepEqual(second.payload, { videoId: 'b' });
    });

    test('fair share: a space with many jobs queued does not hold back another space’s later job', async ({ queue }) => {
      const t0 = Date.now() - 10_000;
      // A batch of four in sp1, then one job of sp2 enqueued after all of them.
      const a = [];
      for (let i = 0; i < 4; i += 1) a.push(await queue.enqueue({ kind: 'render_video', payload: { videoId: `a${i}` }, spaceId: 'sp1', runAt: t0 + i }));
      const b = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'b' }, spaceId: 'sp2', runAt: t0 + 10 });
      const first = await claimSoon(queue, 'w1');
      assert.equal(first.id, a[0], 'oldest first while no space runs anything');
      const second = await claimSoon(queue, 'w2');
      assert.equal(second.id, b, 'the space with nothing running goes before the busy one’s older jobs');
      // Both spaces run one now: back to the oldest, and sp1's pointers passed over were kept.
      const third = await claimSoon(queue, 'w3');
      assert.equal(third.id, a[1]);
      await queue.complete(first.id, 'w1');
      await queue.complete(second.id, 'w2');
      await queue.complete(third.id, 'w3');
      const rest = [await claimSoon(queue, 'w4'), await claimSoon(queue, 'w5')].map((j) => j.id);
      assert.deepEqual(rest, [a[2], a[3]]);
    });

    test('the watchdog returns expired leases; the old holder can no longer finish', async ({ queue }) => {
      const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v' }, spaceId: null });
      await claimSoon(queue, 'dead', { leaseMs: 1 });
      await new Promise((r) => setTimeout(r, 10));
      assert.equal(await queue.requeueExpired(Date.now()), 1);
      const again = await claimSoon(queue, 'alive');
      assert.equal(again.id, id);
      assert.equal(await queue.complete(id, 'dead'), false);
      assert.equal(await queue.complete(id, 'alive'), true);
    });

    test('shutdown hands leases back without spending the attempt', async ({ queue }) => {
      const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'v' }, spaceId: null });
      await claimSoon(queue, 'stopping');
      assert.equal(await queue.releaseLeases('stopping', Date.now()), 1);
      const again = await claimSoon(queue, 'next');
      assert.equal(again.id, id);
      assert.equal(again.attempts, 1);
    });

    test('a row committed without its wake-up (crash before dispatch) is claimed after a sweep', async ({ queue, db }) => {
      const id = await new SqlJobWriter(db).enqueue({ kind: 'render_video', payload: { videoId: 'orphan' }, spaceId: null });
      await queue.requeueExpired(Date.now());
      assert.equal((await claimSoon(queue, 'w1')).id, id);
    });

    test('an enqueue wakes listeners (in another process where the backend can)', async ({ queue, other }) => {
      const listener = other && queue.backend !== 'sql' ? other : queue;
      let woke = 0;
      const off = listener.onEnqueued(() => (woke += 1));
      try {
        await new Promise((r) => setTimeout(r, 300)); // LISTEN / QueueEvents connect
        woke = 0;
        await queue.enqueue({ kind: 'render_video', payload: { videoId: 'wake' }, spaceId: null });
        const deadline = Date.now() + 2000;
        while (woke === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        assert.ok(woke > 0, 'no wake-up within 2 s');
      } finally {
        off();
      }
    });

    test('ping succeeds', async ({ queue }) => {
      await queue.ping();
    });
  });
}
