// Scale-out end to end: one `serve` and two `worker` processes on Postgres + Redis (BullMQ) + S3
// (s3rver), real renders. N tiny videos (ORATOR_E2E_VIDEOS, default 6; 20 for a full run); one worker
// is SIGKILLed mid-render; every video completes exactly once, each webhook arrives once, and no temp
// files or unfinished uploads are left.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { openPgSchema, type PgSchemaFixture } from '../support/pg-schema-fixture.js';
import { openRedis, type RedisFixture } from '../support/redis-fixture.js';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverFixture } from '../support/s3rver-fixture.js';
import { freePort } from '../support/orator-process.js';
import { startRole, type RoleProcess } from '../support/role-process.js';

const N = Number(process.env.ORATOR_E2E_VIDEOS ?? 6);
const API_KEY = 'sk_e2e_scale_out_key';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

function tinyVideo(i: number, callbackUrl: string) {
  return {
    video_inputs: [
      {
        character: { type: 'avatar', avatar_id: 'amara_office_front', avatar_style: 'normal' },
        voice: { type: 'text', voice_id: 'flite_slt', input_text: `Clip ${i}.` },
        background: { type: 'color', value: '#224466' },
      },
    ],
    // The API takes sizes above 128 (HeyGen's bound), so the tiniest allowed square.
    dimension: { width: 144, height: 144 },
    title: `scale-out ${i}`,
    callback_id: `cb-${i}`,
    callback_url: callbackUrl,
  };
}

async function startReceiver(): Promise<{ url: string; received: { event_type: string; video_id: string }[] }> {
  const received: { event_type: string; video_id: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      try {
        const j = JSON.parse(body);
        received.push({ event_type: j.event_type, video_id: j.event_data?.video_id });
      } catch {
        received.push({ event_type: 'unparseable', video_id: '' });
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, received };
}

test(`scale-out: serve + 2 workers on Postgres/Redis/S3 render ${N} videos exactly once through a worker SIGKILL`, { timeout: 600_000 }, async (t) => {
  const pgFx = await openPgSchema();
  if (typeof pgFx === 'string') return t.skip(pgFx);
  cleanups.push(() => (pgFx as PgSchemaFixture).drop());
  const redis = await openRedis();
  if (typeof redis === 'string') return t.skip(redis);
  cleanups.push(() => (redis as RedisFixture).drop());
  const s3: S3rverFixture = await startS3rver('orator-e2e');
  cleanups.push(() => s3.close());
  const receiver = await startReceiver();

  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-scale-'));
  cleanups.push(() => fs.rmSync(base, { recursive: true, force: true }));
  const port = await freePort();
  const workerHealthPort = await freePort();
  const shared = {
    ORATOR_DATABASE_URL: pgFx.url,
    ORATOR_QUEUE_URL: `${redis.url}?prefix=${redis.prefix}`,
    ORATOR_STORAGE_URL: s3.storageUrl,
    ORATOR_ALLOW_PRIVATE_URLS: '1',
    ORATOR_API_KEY: API_KEY,
    ORATOR_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ORATOR_RENDER_CONCURRENCY: '1',
    ORATOR_JOB_LEASE_SEC: '3',
    ORATOR_SHUTDOWN_GRACE_SEC: '20',
  };
  const procs: RoleProcess[] = [];
  cleanups.push(() => procs.forEach((p) => p.child.exitCode === null && p.child.kill('SIGKILL')));
  const dataDir = (name: string) => path.join(base, name);
  // All three start together: migrations take turns under the advisory lock.
  const [serve, w1, w2] = await Promise.all([
    startRole('serve', { ...shared, PORT: String(port), ORATOR_DATA_DIR: dataDir('serve') }, /orator listening/),
    startRole('worker', { ...shared, PORT: '0', ORATOR_HEALTH_PORT: String(workerHealthPort), ORATOR_DATA_DIR: dataDir('w1') }, /workers started/),
    startRole('worker', { ...shared, PORT: '0', ORATOR_DATA_DIR: dataDir('w2') }, /workers started/),
  ]);
  procs.push(serve, w1, w2);

  const call = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers: { 'x-api-key': API_KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: (await r.json()) as any };
  };
  const ready = await call('GET', '/readyz');
  assert.equal(ready.status, 200, JSON.stringify(ready.json));
  assert.deepEqual(ready.json.checks, { database: 'ok', queue: 'ok', storage: 'ok' });

  // A worker serves no API, but its health endpoints answer for process managers.
  const workerReady = await fetch(`http://127.0.0.1:${workerHealthPort}/readyz`);
  assert.equal(workerReady.status, 200);
  assert.deepEqual(((await workerReady.json()) as { checks: unknown }).checks, { database: 'ok', queue: 'ok', storage: 'ok' });

  const ids: string[] = [];
  for (let i = 0; i < N; i += 1) {
    const { status, json } = await call('POST', '/v2/video/generate', tinyVideo(i, receiver.url));
    assert.equal(status, 200, JSON.stringify(json));
    ids.push(json.data.video_id);
  }

  // SIGKILL whichever worker holds a render lease first, while it renders.
  const db = new pg.Client({ connectionString: pgFx.url });
  await db.connect();
  cleanups.push(() => db.end());
  let victim: RoleProcess | undefined;
  for (const deadline = Date.now() + 60_000; !victim && Date.now() < deadline; ) {
    const { rows } = await db.query<{ lease_owner: string }>("select lease_owner from jobs where status = 'running' and kind = 'render_video'");
    victim = [w1, w2].find((w) => rows.some((r) => r.lease_owner.includes(`:${w.child.pid}:`)));
    if (!victim) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(victim, 'a worker started rendering');
  victim.child.kill('SIGKILL');
  await victim.exited;
  const survivor = victim === w1 ? w2 : w1;

  const finals = new Map<string, any>();
  for (const deadline = Date.now() + 480_000; finals.size < N; ) {
    for (const id of ids) {
      if (finals.has(id)) continue;
      const { json } = await call('GET', `/v1/video_status.get?video_id=${id}`);
      if (json.data.status === 'completed' || json.data.status === 'failed') finals.set(id, json.data);
    }
    if (Date.now() > deadline) throw new Error(`only ${finals.size}/${N} finished\n${survivor.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  for (const [id, d] of finals) assert.equal(d.status, 'completed', `${id}: ${JSON.stringify(d)}`);

  // Exactly once: one done job per video, one "video rendered" across every worker's log.
  const { rows: jobs } = await db.query<{ payload: string; status: string; attempts: number }>("select payload, status, attempts from jobs where kind = 'render_video'");
  assert.equal(jobs.length, N);
  assert.ok(jobs.every((j) => j.status === 'done'), JSON.stringify(jobs));
  assert.ok(jobs.some((j) => j.attempts === 2), 'the killed render was taken over after its lease expired');
  const logs = w1.output() + w2.output();
  for (const id of ids) {
    const lines = logs.split('\n').filter((l) => l.includes('"video rendered"') && l.includes(id));
    assert.equal(lines.length, 1, `video ${id} rendered ${lines.length} times`);
  }

  // Blobs are in S3 and the presigned URL serves them.
  const sample = finals.get(ids[0]!)!;
  assert.match(sample.video_url, new RegExp(`^${s3.endpoint}/orator-e2e/`));
  const res = await fetch(sample.video_url);
  assert.equal(res.status, 200);
  assert.ok((await res.arrayBuffer()).byteLength > 1000);

  // Webhooks: the per-request callback gets each video's success once.
  for (const deadline = Date.now() + 30_000; receiver.received.filter((r) => r.event_type === 'avatar_video.success').length < N && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500)); // a late duplicate would land now
  for (const id of ids) assert.equal(receiver.received.filter((r) => r.event_type === 'avatar_video.success' && r.video_id === id).length, 1, `success webhook for ${id}`);
  const pairs = receiver.received.map((r) => `${r.event_type}/${r.video_id}`);
  assert.equal(new Set(pairs).size, pairs.length, `duplicate deliveries: ${pairs.join(', ')}`);

  // SIGTERM drains the survivors cleanly.
  serve.child.kill('SIGTERM');
  survivor.child.kill('SIGTERM');
  assert.equal(await serve.exited, 0, serve.output().slice(-2000));
  assert.equal(await survivor.exited, 0, survivor.output().slice(-2000));

  // No temp files: scratch dirs of the processes that ended normally are empty, no upload is half done.
  for (const p of [serve, survivor]) {
    const tmp = path.join(dataDir(p === serve ? 'serve' : p === w1 ? 'w1' : 'w2'), 'tmp');
    const left = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
    assert.deepEqual(left, [], `${p.role} left ${left.join(', ')}`);
  }
  // The killed worker could not clean up after itself: started again on the same data dir, it sweeps
  // the scratch dirs its dead render left behind.
  const victimName = victim === w1 ? 'w1' : 'w2';
  const victimTmp = path.join(dataDir(victimName), 'tmp');
  const leftByKill = fs.existsSync(victimTmp) ? fs.readdirSync(victimTmp) : [];
  const restarted = await startRole('worker', { ...shared, PORT: '0', ORATOR_DATA_DIR: dataDir(victimName) }, /workers started/);
  procs.push(restarted);
  for (const deadline = Date.now() + 15_000; fs.existsSync(victimTmp) && fs.readdirSync(victimTmp).length > 0; ) {
    if (Date.now() > deadline) assert.fail(`the restarted worker left ${fs.readdirSync(victimTmp).join(', ')} (killed render left ${leftByKill.join(', ')})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  restarted.child.kill('SIGTERM');
  assert.equal(await restarted.exited, 0, restarted.output().slice(-2000));

  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  cleanups.push(() => client.destroy());
  const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: 'orator-e2e' })).catch(() => ({ Uploads: [] }));
  assert.equal((uploads.Uploads ?? []).length, 0);
  const objects = await client.send(new ListObjectsV2Command({ Bucket: 'orator-e2e' }));
  assert.ok((objects.Contents ?? []).every((o) => !/\.part$|\.tmp$/.test(o.Key ?? '')));
});
