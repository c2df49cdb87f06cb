// A dependency that is down is a 503 with Retry-After in the path's envelope (never a 500, never a
// hang), /readyz names which dependency is down and why, and the worker pool retries a job that failed
// on an outage without spending its attempts, surviving bookkeeping writes that fail too.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { buildApp } from '../../src/api/build-app.js';
import { serviceUnavailable } from '../../src/domain/dependency-outage.js';
import { newId } from '../../src/domain/ids.js';
import type { JobRecord } from '../../src/domain/job-kind.js';
import type { JobHandlerMap } from '../../src/domain/job-handler.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { SqlJobQueue } from '../../src/jobs/sql-job-queue.js';
import { WorkerPool, type WorkerPoolOptions } from '../../src/jobs/worker-pool.js';
import { TWO_SCENES } from '../support/test-platform.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
const MESSAGE = 'The service is temporarily unavailable; retry after 5 seconds';

describe('the API while a dependency is down', () => {
  const t = useTestPlatform();

  test('a database that refuses connections: 503 + Retry-After in the v1, v2 and v3 envelopes', async () => {
    const app = await buildApp({
      ...t.platform.appDeps,
      videos: {
        ...t.platform.appDeps.videos,
        getStatus: async () => {
          throw refused();
        },
        createV2: async () => {
          // What pg says when the server restarts under a query.
          throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
        },
        getDetail: async () => {
          throw new Error('Connection terminated unexpectedly');
        },
      },
    });
    try {
      const h = { 'x-api-key': t.key };
      const v1 = await app.inject({ method: 'GET', url: '/v1/video_status.get?video_id=abc', headers: h });
      assert.equal(v1.statusCode, 503);
      assert.equal(v1.headers['retry-after'], '5');
      assert.deepEqual(v1.json(), { code: 500000, message: MESSAGE, data: null });
      const v2 = await app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: TWO_SCENES });
      assert.equal(v2.statusCode, 503);
      assert.equal(v2.headers['retry-after'], '5');
      assert.deepEqual(v2.json(), { error: { code: 'service_unavailable', message: MESSAGE }, data: null });
      const v3 = await app.inject({ method: 'GET', url: '/v3/videos/abc', headers: h });
      assert.equal(v3.statusCode, 503);
      assert.equal(v3.headers['retry-after'], '5');
      assert.deepEqual(v3.json(), { error: { code: 'service_unavailable', message: MESSAGE, param: null, doc_url: null } });
      // The driver's message (with the database's address) never reaches the client.
      assert.ok(!v1.body.includes('10.1.2.3') && !v3.body.includes('terminated'));
    } finally {
      await app.close();
    }
  });

  test('a bug is still a 500, with no Retry-After', async () => {
    const app = await buildApp({
      ...t.platform.appDeps,
      videos: {
        ...t.platform.appDeps.videos,
        getStatus: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        },
      },
    });
    try {
      const r = await app.inject({ method: 'GET', url: '/v1/video_status.get?video_id=abc', headers: { 'x-api-key': t.key } });
      assert.equal(r.statusCode, 500);
      assert.equal(r.headers['retry-after'], undefined);
    } finally {
      await app.close();
    }
  });

  test('SQLite locked past its busy timeout by another process: 503, and the video is not half-created', async () => {
    const file = path.join(t.dataDir, 'orator.db');
    const other = new SqliteDatabase(file);
    const h = { 'x-api-key': t.key };
    const before = (await t.app.inject({ method: 'GET', url: '/v1/video.list', headers: h })).json().data.videos.length;
    other.exec('BEGIN IMMEDIATE'); // holds the write lock, as a second process mid-transaction would
    try {
      const started = Date.now();
      const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: TWO_SCENES });
      assert.equal(r.statusCode, 503, r.body);
      assert.equal(r.headers['retry-after'], '5');
      assert.equal(r.json().error.code, 'service_unavailable');
      assert.ok(Date.now() - started < 10_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const list = (await t.app.inject({ method: 'GET', url: '/v1/video.list', headers: h })).json().data.videos;
    assert.equal(list.length, before);
    const ok = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: TWO_SCENES });
    assert.equal(ok.statusCode, 200, 'accepted again once the lock is gone');
  });

  test('/readyz reports each dependency; a hanging one reads as a timeout, not a hung probe', async () => {
    const app = await buildApp({
      ...t.platform.appDeps,
      readiness: [
        { name: 'database', check: () => new Promise(() => {}) },
        {
          name: 'queue',
          check: async () => {
            throw refused();
          },
        },
        { name: 'storage', check: async () => {} },
      ],
    });
    try {
      const started = Date.now();
      const r = await app.inject({ method: 'GET', url: '/readyz' });
      assert.ok(Date.now() - started < 4000, `answered in ${Date.now() - started} ms`);
      assert.equal(r.statusCode, 503);
      assert.equal(r.headers['retry-after'], '5');
      const body = r.json();
      assert.equal(body.status, 'unavailable');
      assert.deepEqual(body.checks, { database: 'timeout', queue: 'ECONNREFUSED', storage: 'ok' });
      assert.equal(body.dependencies.database.state, 'down');
      assert.equal(body.dependencies.queue.reason, 'ECONNREFUSED');
      assert.equal(body.dependencies.storage.state, 'up');
      assert.ok(!r.body.includes('10.1.2.3'), 'no addresses on a public endpoint');
    } finally {
      await app.close();
    }
  });
});

describe('the worker pool through an outage', () => {
  const t = useTestPlatform({ startWorkers: false });

  const quietHandlers = (run: () => Promise<void>): JobHandlerMap => ({ render_video: { run }, deliver_webhook: { run: async () => {} } });
  /** One worker on `queue`, fast polls and retries, `run` for every render job. */
  const onePool = (queue: JobQueue, run: () => Promise<void>, extra: Partial<WorkerPoolOptions> = {}) =>
    new WorkerPool({ queue, concurrency: 1, spaceCap: 10, pollMs: 20, retryDelayMs: () => 5, handlers: quietHandlers(run), ...extra });
  /** Runs the pool until the queue is idle, stops it and reads the job back. */
  const drain = async (pool: WorkerPool, queue: SqlJobQueue, id: string) => {
    pool.start();
    await pool.waitForIdle(10_000);
    await pool.stop(100);
    return (await queue.get(id))!;
  };

  test('a job failing on an outage more often than maxAttempts still completes: outage retries spend no attempt', async () => {
    const queue = new SqlJobQueue(t.platform.database.db, t.platform.database.dialect);
    const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: newId('v') }, spaceId: null, maxAttempts: 2 });
    let runs = 0;
    const pool = onePool(queue, async () => {
      runs += 1;
      if (runs <= 4) throw serviceUnavailable(new Error('S3 503'));
    });
    const job = await drain(pool, queue, id);
    assert.equal(job.status, 'done');
    assert.equal(runs, 5);
    assert.equal(job.attempts, 1, 'four outage retries were refunded');
  });

  test('an ordinary failure still counts toward maxAttempts', async () => {
    const queue = new SqlJobQueue(t.platform.database.db, t.platform.database.dialect);
    const id = await queue.enqueue({ kind: 'render_video', payload: { videoId: newId('v') }, spaceId: null, maxAttempts: 2 });
    const pool = onePool(queue, async () => {
      throw new Error('ffmpeg crashed');
    });
    const job = await drain(pool, queue, id);
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 2);
  });

  test('the database down for claims and for the outcome write: no crash, the outcome lands once it is back', async () => {
    const real = new SqlJobQueue(t.platform.database.db, t.platform.database.dialect);
    const id = await real.enqueue({ kind: 'render_video', payload: { videoId: newId('v') }, spaceId: null });
    let down = false;
    const logs: string[] = [];
    // The real queue behind a switch that makes every call fail as a refused connection.
    const queue = new Proxy(real, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function' || prop === 'onEnqueued' || prop === 'notifyEnqueued') return v;
        return async (...args: unknown[]) => {
          if (down) throw refused();
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as JobQueue;
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    let claimed: JobRecord | undefined;
    const pool = onePool(
      queue,
      async () => {
        if (!claimed) {
          claimed = await real.get(id);
          down = true; // the database goes away while the job runs
          throw refused();
        }
      },
      { leaseMs: 3000, log: (_level, msg) => logs.push(msg) },
    );
    try {
      pool.start();
      await new Promise((r) => setTimeout(r, 600)); // claims and the retry write fail meanwhile
      assert.equal((await real.get(id))!.status, 'running', 'the outcome could not be written yet');
      down = false;
      await pool.waitForIdle(10_000);
      assert.equal((await real.get(id))!.status, 'done');
      assert.equal((await real.get(id))!.attempts, 1, 'the outage attempt was refunded');
      assert.deepEqual(unhandled, []);
      assert.equal(logs.filter((m) => m.startsWith('claiming jobs failed')).length <= 1, true, `logged once per outage: ${logs.join(' | ')}`);
    } finally {
      await pool.stop(100);
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
