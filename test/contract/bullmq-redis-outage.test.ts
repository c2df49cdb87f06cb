// The BullMQ queue while its Redis is down (a private redis-server, stopped and started empty; the
// shared one is never touched): nothing waits on Redis. Claims come straight from the jobs table,
// enqueues commit without a message, ping fails within a second, and when Redis is back every due row
// gets its message again, so the BullMQ path itself finds them.
import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import type { Job } from 'bullmq';
import type { DatabaseHandle } from '../../src/db/create-database.js';
import type { BullmqJobQueue } from '../../src/jobs/bullmq-job-queue.js';
import { createJobQueue, type JobQueueAdapter } from '../../src/jobs/create-job-queue.js';
import type { ClaimRequest } from '../../src/jobs/job-queue.js';
import { startRedisServer, type RedisServerProcess } from '../support/redis-server-process.js';
import { openPgSchema, type PgSchemaFixture } from '../support/pg-schema-fixture.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';
import { waitUntil } from '../support/wait-until.js';

const req = (owner: string): ClaimRequest => ({ owner, kinds: ['render_video'], leaseMs: 30_000, spaceCap: 10, now: Date.now() });

async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await p;
  return { value, ms: Date.now() - started };
}

describe('BullMQ queue through a Redis outage', { timeout: 60_000 }, () => {
  let skip: string | undefined;
  let fx: PgSchemaFixture;
  let redis: RedisServerProcess;
  let database: DatabaseHandle;
  let queue: JobQueueAdapter;

  before(async () => {
    const pg = await openPgSchema();
    if (typeof pg === 'string') return void (skip = pg);
    fx = pg;
    const r = await startRedisServer();
    if (typeof r === 'string') {
      await fx.drop();
      return void (skip = r);
    }
    redis = r;
    database = await openMigratedDatabase({ databaseUrl: fx.url, dataDir: os.tmpdir() });
    queue = await createJobQueue({ database, databaseUrl: fx.url, queueUrl: redis.url });
  });
  after(async () => {
    if (skip) return;
    await queue.close();
    await database.close();
    await redis.stop();
    await fx.drop();
  });

  test('claims, enqueues and ping do not wait on a stopped Redis; its return re-dispatches due rows', async (t) => {
    if (skip) return t.skip(skip);
    const bull = queue as unknown as BullmqJobQueue;
    await waitUntil('Redis ready', () => bull.redisAvailable);
    const a = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'a' }, spaceId: null });
    const b = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'b' }, spaceId: null });
    await redis.stop();
    await waitUntil('the outage noticed', () => !bull.redisAvailable);

    const first = await timed(queue.claim(req('w1')));
    const second = await timed(queue.claim(req('w1')));
    assert.deepEqual([first.value?.id, second.value?.id].sort(), [a, b].sort(), 'claimed from the jobs table');
    assert.ok(first.ms < 3000 && second.ms < 3000, `claims took ${first.ms} and ${second.ms} ms`);
    const c = await timed(queue.enqueue({ kind: 'render_video', payload: { videoId: 'c' }, spaceId: null }));
    assert.ok(c.ms < 1000, `enqueue took ${c.ms} ms`);
    const ping = await timed(queue.ping().then(() => 'up', () => 'down'));
    assert.equal(ping.value, 'down');
    assert.ok(ping.ms < 2500, `ping answered in ${ping.ms} ms`);

    await redis.start(); // empty: every message it held is gone
    await waitUntil('Redis ready again', () => bull.redisAvailable);
    await queue.ping();
    // Through the BullMQ path only (Redis is up): the row enqueued during the outage has a message again.
    let got: string | undefined;
    await waitUntil('the re-dispatched row to be claimable through BullMQ', async () => (got = (await queue.claim(req('w2')))?.id) !== undefined);
    assert.equal(got, c.value);
  });

  test('an ack cut off by an outage does not hold up the claim', async (t) => {
    if (skip) return t.skip(skip);
    const bull = queue as unknown as BullmqJobQueue & { workers: Map<string, { getNextJob: (...a: unknown[]) => Promise<Job | undefined> }> };
    await waitUntil('Redis ready', () => bull.redisAvailable);
    const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: 'd' }, spaceId: null });
    const worker = bull.workers.get('render_video')!;
    const original = worker.getNextJob.bind(worker);
    // The message arrives, then Redis stops answering before the ack does.
    worker.getNextJob = async (...args: unknown[]) => {
      const message = await original(...args);
      if (message) message.moveToCompleted = () => new Promise(() => {});
      return message;
    };
    try {
      let claimed: { value: unknown; ms: number } | undefined;
      await waitUntil('the message', async () => {
        claimed = await timed(queue.claim(req('w3')));
        return claimed.value !== undefined;
      });
      assert.equal((claimed!.value as { id: string }).id, id);
      assert.ok(claimed!.ms < 4000, `claim took ${claimed!.ms} ms`);
    } finally {
      worker.getNextJob = original;
    }
  });
});
