// Infrastructure faults on the scale-out set-up: one `serve` and one `worker` process on Postgres +
// Redis (BullMQ) + S3 (s3rver), real renders of tiny videos. Each case breaks one dependency while
// videos are being accepted and rendered, then checks that every accepted video completes exactly once
// (one done job row, one "video rendered" log line, one success webhook) and that both processes
// rode it out without a restart:
//   Redis stopped for 30 s (a private redis-server, restarted empty) under a steady trickle of creates;
//   Postgres cut mid-render (a TCP proxy resets every connection and refuses new ones, as a restart
//     does): the API answers 503 + Retry-After in the v1/v2/v3 envelopes, /readyz says which is down;
//   S3 answering 503 SlowDown-style errors for a while (an HTTP proxy in front of s3rver).
// The shared Postgres and Redis other tests use are never stopped: the faults live in the proxies and
// the private Redis. Measured figures are printed as test diagnostics.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openPgSchema, type PgSchemaFixture } from '../support/pg-schema-fixture.js';
import { startS3rver } from '../support/s3rver-fixture.js';
import { freePort } from '../support/orator-process.js';
import { startRole, type RoleProcess } from '../support/role-process.js';
import { startRedisServer, type RedisServerProcess } from '../support/redis-server-process.js';
import { startS3FaultProxy, type S3FaultProxy } from '../support/s3-fault-proxy.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../support/tcp-fault-proxy.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const API_KEY = 'sk_e2e_infra_faults_key';
const REDIS_OUTAGE_MS = Number(process.env.ORATOR_E2E_REDIS_OUTAGE_MS ?? 30_000);
const PG_CUT_MS = 6000;
const S3_OUTAGE_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Rig {
  port: number;
  workerHealthPort: number;
  redis: RedisServerProcess;
  pgProxy: TcpFaultProxy;
  s3Proxy: S3FaultProxy;
  receiver: WebhookReceiver;
  db: pg.Client;
  serve: RoleProcess;
  worker: RoleProcess;
}

let rig: Rig | undefined;
let skipReason: string | undefined;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

function tinyVideo(label: string, callbackUrl: string) {
  return {
    video_inputs: [
      {
        character: { type: 'avatar', avatar_id: 'amara_office_front', avatar_style: 'normal' },
        voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' },
        background: { type: 'color', value: '#335577' },
      },
    ],
    dimension: { width: 144, height: 144 },
    title: `infra ${label}`,
    callback_id: label,
    callback_url: callbackUrl,
  };
}

interface Answer {
  status: number;
  json: any;
  retryAfter: string | null;
  ms: number;
}

async function call(port: number, method: string, url: string, body?: unknown): Promise<Answer> {
  const started = Date.now();
  const r = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { 'x-api-key': API_KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  const json = await r.json();
  return { status: r.status, json, retryAfter: r.headers.get('retry-after'), ms: Date.now() - started };
}

const api = (method: string, url: string, body?: unknown) => call(rig!.port, method, url, body);

async function create(label: string): Promise<string> {
  const r = await api('POST', '/v2/video/generate', tinyVideo(label, rig!.receiver.url));
  assert.equal(r.status, 200, `create ${label}: ${JSON.stringify(r.json)}`);
  return r.json.data.video_id as string;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- worker ---\n${rig!.worker.output().slice(-4000)}`);
    await sleep(200);
  }
}

async function statusOf(id: string): Promise<string | undefined> {
  const r = await api('GET', `/v1/video_status.get?video_id=${id}`);
  return r.status === 200 ? (r.json.data.status as string) : undefined;
}

async function waitCompleted(ids: string[], timeoutMs: number): Promise<void> {
  const pending = new Set(ids);
  await waitFor(
    `${ids.length} videos to finish`,
    async () => {
      for (const id of [...pending]) {
        const s = await statusOf(id);
        if (s === 'failed') throw new Error(`video ${id} failed`);
        if (s === 'completed') pending.delete(id);
      }
      return pending.size === 0 ? true : undefined;
    },
    timeoutMs,
  ).catch(async (err) => {
    for (const id of ids) {
      const s = await statusOf(id).catch(() => 'unknown');
      if (s === 'failed') assert.fail(`video ${id} failed: ${JSON.stringify((await api('GET', `/v1/video_status.get?video_id=${id}`)).json)}`);
    }
    throw err;
  });
}

async function readyz(port: number): Promise<{ status: number; json: any }> {
  const r = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: r.status, json: await r.json() };
}

/** Exactly once: one render job per video, done, one "video rendered" line, one success webhook. */
async function assertExactlyOnce(ids: string[]): Promise<{ renderJobs: number; maxAttempts: number; webhooks: number; duplicates: number }> {
  const { rows } = await rig!.db.query<{ payload: string; status: string; attempts: number }>("select payload, status, attempts from jobs where kind = 'render_video'");
  const byVideo = new Map<string, { status: string; attempts: number }[]>();
  for (const r of rows) {
    const videoId = JSON.parse(r.payload).videoId as string;
    byVideo.set(videoId, [...(byVideo.get(videoId) ?? []), { status: r.status, attempts: r.attempts }]);
  }
  const logs = rig!.worker.output();
  for (const id of ids) {
    const jobs = byVideo.get(id) ?? [];
    assert.equal(jobs.length, 1, `${id}: ${jobs.length} render jobs`);
    assert.equal(jobs[0]!.status, 'done', `${id}: job ${jobs[0]!.status}`);
    const rendered = logs.split('\n').filter((l) => l.includes('"video rendered"') && l.includes(id)).length;
    assert.equal(rendered, 1, `video ${id} completed ${rendered} times`);
  }
  const success = (id: string) => rig!.receiver.received.filter((r) => r.event_type === 'avatar_video.success' && r.video_id === id);
  await waitFor('a success webhook per video', async () => (ids.every((id) => success(id).length > 0) ? true : undefined), 30_000);
  await sleep(500); // a late duplicate would land now
  let duplicates = 0;
  for (const id of ids) {
    const got = success(id);
    duplicates += got.length - 1;
    assert.equal(new Set(got.map((w) => w.webhook_id)).size, 1, `${id}: success events ${JSON.stringify(got)}`);
    assert.equal(got.length, 1, `${id}: success webhook delivered ${got.length} times`);
    assert.ok(!rig!.receiver.received.some((r) => r.event_type === 'avatar_video.fail' && r.video_id === id), `${id}: a fail webhook`);
  }
  const mine = ids.map((id) => byVideo.get(id)![0]!);
  return { renderJobs: mine.length, maxAttempts: Math.max(...mine.map((j) => j.attempts)), webhooks: ids.length, duplicates };
}

function assertAlive(): void {
  for (const p of [rig!.serve, rig!.worker]) assert.equal(p.child.exitCode, null, `${p.role} exited:\n${p.output().slice(-3000)}`);
}

describe('infrastructure faults on Postgres + Redis (BullMQ) + S3', { timeout: 300_000 }, () => {
  before(async () => {
    const pgFx = await openPgSchema();
    if (typeof pgFx === 'string') {
      skipReason = pgFx;
      return;
    }
    cleanups.push(() => (pgFx as PgSchemaFixture).drop());
    const redis = await startRedisServer();
    if (typeof redis === 'string') {
      skipReason = redis;
      return;
    }
    cleanups.push(() => redis.stop());
    const pgUrl = new URL(pgFx.url);
    const pgProxy = await startTcpFaultProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    cleanups.push(() => pgProxy.close());
    const proxiedPgUrl = new URL(pgFx.url);
    proxiedPgUrl.port = String(pgProxy.port);
    const s3 = await startS3rver('orator-faults');
    cleanups.push(() => s3.close());
    const s3Proxy = await startS3FaultProxy(s3.endpoint);
    cleanups.push(() => s3Proxy.close());
    const storageUrl = new URL(s3.storageUrl);
    storageUrl.searchParams.set('endpoint', s3Proxy.endpoint);
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    // Checks read the database directly, past the proxy.
    const db = new pg.Client({ connectionString: pgFx.url });
    await db.connect();
    cleanups.push(() => db.end());

    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-faults-'));
    cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
    const port = await freePort();
    const workerHealthPort = await freePort();
    const shared = {
      ORATOR_DATABASE_URL: proxiedPgUrl.toString(),
      ORATOR_QUEUE_URL: redis.url,
      ORATOR_STORAGE_URL: storageUrl.toString(),
      ORATOR_ALLOW_PRIVATE_URLS: '1',
      ORATOR_API_KEY: API_KEY,
      ORATOR_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ORATOR_RENDER_CONCURRENCY: '2',
      ORATOR_JOB_LEASE_SEC: '10',
      ORATOR_SHUTDOWN_GRACE_SEC: '10',
    };
    const [serve, worker] = await Promise.all([
      startRole('serve', { ...shared, PORT: String(port), ORATOR_DATA_DIR: path.join(base, 'serve') }, /orator listening/),
      startRole('worker', { ...shared, PORT: '0', ORATOR_HEALTH_PORT: String(workerHealthPort), ORATOR_DATA_DIR: path.join(base, 'worker') }, /workers started/),
    ]);
    cleanups.push(() => [serve, worker].forEach((p) => p.child.exitCode === null && p.child.kill('SIGKILL')));
    rig = { port, workerHealthPort, redis, pgProxy, s3Proxy, receiver, db, serve, worker };
    const ready = await readyz(port);
    assert.equal(ready.status, 200, JSON.stringify(ready.json));
    assert.deepEqual(ready.json.checks, { database: 'ok', queue: 'ok', storage: 'ok' });
  });

  after(async () => {
    if (rig && process.env.ORATOR_E2E_LOG_DIR) {
      for (const p of [rig.serve, rig.worker]) fs.writeFileSync(path.join(process.env.ORATOR_E2E_LOG_DIR, `infra-faults-${p.role}.log`), p.output());
    }
    if (rig) {
      // SIGTERM drains both cleanly after everything they went through.
      rig.serve.child.kill('SIGTERM');
      rig.worker.child.kill('SIGTERM');
      const codes = await Promise.all([rig.serve.exited, rig.worker.exited]);
      assert.deepEqual(codes, [0, 0], `exit codes ${codes.join(', ')}\n${rig.worker.output().slice(-2000)}`);
    }
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  });

  test(`Redis stopped for ${REDIS_OUTAGE_MS / 1000} s under a trickle of creates: every accepted video completes once`, async (t) => {
    if (!rig) return t.skip(skipReason);
    const ids = [await create('redis-before-1'), await create('redis-before-2')];
    const stoppedAt = Date.now();
    await rig.redis.stop();

    // The API keeps accepting: the row is the truth, the BullMQ message only a pointer.
    const createMs: number[] = [];
    let readyDuring: { status: number; json: any } | undefined;
    let workerReadyDuring: { status: number; json: any } | undefined;
    for (let i = 0; Date.now() - stoppedAt < REDIS_OUTAGE_MS; i += 1) {
      const started = Date.now();
      ids.push(await create(`redis-during-${i}`));
      createMs.push(Date.now() - started);
      if (i === 1) {
        readyDuring = await readyz(rig.port);
        workerReadyDuring = await readyz(rig.workerHealthPort);
      }
      await sleep(Math.max(0, 2500 - (Date.now() - started)));
    }
    const completedDuring = (await Promise.all(ids.map(statusOf))).filter((s) => s === 'completed').length;
    // A burst just before Redis returns: rows still queued then have no message in the emptied Redis.
    await Promise.all([0, 1, 2, 3, 4, 5].map(async (k) => ids.push(await create(`redis-burst-${k}`))));
    const { rows: queuedRows } = await rig.db.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'render_video' and status = 'queued'");
    assert.ok(readyDuring && workerReadyDuring);
    assert.equal(readyDuring.status, 503, JSON.stringify(readyDuring.json));
    assert.equal(readyDuring.json.dependencies.queue.state, 'down');
    assert.equal(readyDuring.json.checks.database, 'ok');
    assert.equal(readyDuring.json.checks.storage, 'ok');
    assert.equal(workerReadyDuring.status, 503);
    await rig.redis.start();
    const restartedAt = Date.now();
    await waitFor('/readyz to recover', async () => ((await readyz(rig!.port)).status === 200 ? true : undefined), 30_000);
    const readyAfterMs = Date.now() - restartedAt;
    await waitFor('the worker /readyz to recover', async () => ((await readyz(rig!.workerHealthPort)).status === 200 ? true : undefined), 30_000);
    await waitCompleted(ids, 120_000);
    const allDoneAfterMs = Date.now() - restartedAt;
    const once = await assertExactlyOnce(ids);
    assertAlive();
    // Messages posted after the restart reach a worker: a fresh video goes through BullMQ again.
    const fresh = await create('redis-after');
    await waitCompleted([fresh], 60_000);
    t.diagnostic(
      `redis outage ${restartedAt - stoppedAt} ms; accepted ${ids.length} (${ids.length - 2} during the outage, create max ${Math.max(...createMs)} ms); ` +
        `completed during the outage ${completedDuring}, queued with no message when Redis came back ${queuedRows[0]!.n}; /readyz 200 again ${readyAfterMs} ms after restart; all completed ${allDoneAfterMs} ms after restart; ` +
        `render jobs ${once.renderJobs}, duplicated 0, success webhooks ${once.webhooks} (duplicates ${once.duplicates})`,
    );
  });

  test('Postgres cut mid-render: 503 + Retry-After in every envelope, /readyz down, then recovery', async (t) => {
    if (!rig) return t.skip(skipReason);
    const ids = [await create('pg-1'), await create('pg-2'), await create('pg-3')];
    await waitFor('a render in progress', async () => ((await Promise.all(ids.map(statusOf))).includes('processing') ? true : undefined), 30_000);
    const cutAt = Date.now();
    await rig.pgProxy.cut();

    const v2 = await api('POST', '/v2/video/generate', tinyVideo('pg-refused', rig.receiver.url));
    const v1 = await api('GET', `/v1/video_status.get?video_id=${ids[0]}`);
    const v3 = await api('GET', `/v3/videos/${ids[0]}`);
    const v3Create = await api('POST', '/v3/videos', { type: 'avatar', avatar_id: 'amara_office_front', script: 'Hi.', voice_id: 'flite_slt' });
    const ready = await readyz(rig.port);
    const workerReady = await readyz(rig.workerHealthPort);
    for (const [name, r] of Object.entries({ v1, v2, v3, v3Create })) {
      assert.equal(r.status, 503, `${name}: ${r.status} ${JSON.stringify(r.json)}`);
      assert.equal(r.retryAfter, '5', `${name}: Retry-After`);
      assert.ok(r.ms < 6000, `${name} answered in ${r.ms} ms`);
    }
    assert.deepEqual(v1.json, { code: 500000, message: 'The service is temporarily unavailable; retry after 5 seconds', data: null });
    assert.deepEqual(v2.json, { error: { code: 'service_unavailable', message: 'The service is temporarily unavailable; retry after 5 seconds' }, data: null });
    for (const r of [v3, v3Create]) {
      assert.deepEqual(r.json, { error: { code: 'service_unavailable', message: 'The service is temporarily unavailable; retry after 5 seconds', param: null, doc_url: null } });
    }
    assert.equal(ready.status, 503, JSON.stringify(ready.json));
    assert.equal(ready.json.dependencies.database.state, 'down');
    assert.equal(ready.json.checks.queue, 'ok', 'Redis is fine: only the database is reported down');
    assert.equal(ready.json.checks.storage, 'ok');
    assert.equal(workerReady.status, 503);
    assert.equal(workerReady.json.dependencies.database.state, 'down');

    await sleep(Math.max(0, PG_CUT_MS - (Date.now() - cutAt)));
    await rig.pgProxy.restore();
    const restoredAt = Date.now();
    await waitFor('/readyz to recover', async () => ((await readyz(rig!.port)).status === 200 ? true : undefined), 30_000);
    const readyAfterMs = Date.now() - restoredAt;
    ids.push(await create('pg-after'));
    const acceptedAfterMs = Date.now() - restoredAt;
    await waitCompleted(ids, 120_000);
    const allDoneAfterMs = Date.now() - restoredAt;
    const once = await assertExactlyOnce(ids);
    assertAlive();
    t.diagnostic(
      `postgres cut ${restoredAt - cutAt} ms; 503 answers in ${[v1, v2, v3, v3Create].map((r) => r.ms).join('/')} ms (v1/v2/v3 get/v3 create); ` +
        `/readyz 200 again ${readyAfterMs} ms after restore, a create accepted ${acceptedAfterMs} ms after; all ${ids.length} completed ${allDoneAfterMs} ms after; ` +
        `render jobs ${once.renderJobs} (max attempts ${once.maxAttempts}), duplicated 0, success webhooks ${once.webhooks} (duplicates ${once.duplicates}); ` +
        `proxy connections accepted ${rig.pgProxy.accepted}`,
    );
  });

  test(`S3 answering 503 for ${S3_OUTAGE_MS / 1000} s mid-run: uploads retried, every video completes once`, async (t) => {
    if (!rig) return t.skip(skipReason);
    const failedAt = Date.now();
    rig.s3Proxy.failing = true;
    const ids = [await create('s3-1'), await create('s3-2'), await create('s3-3')];
    const ready = await waitFor('/readyz to report storage down', async () => {
      const r = await readyz(rig!.port);
      return r.status === 503 ? r : undefined;
    }, 10_000);
    assert.equal(ready.json.dependencies.storage.state, 'down');
    assert.equal(ready.json.checks.storage, 'HTTP 503');
    assert.equal(ready.json.checks.database, 'ok');
    assert.equal(ready.json.checks.queue, 'ok');
    await sleep(Math.max(0, S3_OUTAGE_MS - (Date.now() - failedAt)));
    const statusesDuring = await Promise.all(ids.map(statusOf));
    assert.ok(!statusesDuring.includes('failed'), `no video fails while S3 is down: ${statusesDuring.join(', ')}`);
    const refused = rig.s3Proxy.refused;
    assert.ok(refused > 0, 'uploads hit the 503s');
    rig.s3Proxy.failing = false;
    const recoveredAt = Date.now();
    await waitCompleted(ids, 120_000);
    const allDoneAfterMs = Date.now() - recoveredAt;
    const once = await assertExactlyOnce(ids);
    assertAlive();
    // The blobs are in S3 and the presigned URL serves them.
    const detail = await api('GET', `/v1/video_status.get?video_id=${ids[0]}`);
    const res = await fetch(detail.json.data.video_url);
    assert.equal(res.status, 200);
    assert.ok((await res.arrayBuffer()).byteLength > 1000);
    const outageRetries = rig.worker.output().split('\n').filter((l) => l.includes('"job failed, will retry"') && l.includes('"outage":true')).length;
    t.diagnostic(
      `s3 503s for ${recoveredAt - failedAt} ms, ${refused} requests refused; ${outageRetries} render retries spent no attempt (max attempts ${once.maxAttempts}); ` +
        `all ${ids.length} completed ${allDoneAfterMs} ms after S3 recovered; duplicated 0, success webhooks ${once.webhooks} (duplicates ${once.duplicates})`,
    );
  });
});
