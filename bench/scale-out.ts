// Scale-out throughput on Postgres + Redis (BullMQ) + S3 (s3rver): renders per minute with 1 and 2
// `worker` processes (one render each), and GET /v1/video_status.get requests per second with 1 and 2
// `serve` processes. Real processes, real renders, loopback HTTP through undici. Prints figures only.
//   node --import tsx bench/scale-out.ts [videos-per-run=8] [seconds-per-status-run=5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { openPgSchema } from '../test/support/pg-schema-fixture.js';
import { openRedis } from '../test/support/redis-fixture.js';
import { startS3rver } from '../test/support/s3rver-fixture.js';
import { freePort } from '../test/support/orator-process.js';
import { startRole, type RoleProcess } from '../test/support/role-process.js';

const VIDEOS = Number(process.argv[2] ?? 8);
const STATUS_SECONDS = Number(process.argv[3] ?? 5);
const CONNECTIONS = 16;
const API_KEY = 'sk_bench_scale_out';

const pgFx = await openPgSchema();
const redis = await openRedis();
if (typeof pgFx === 'string' || typeof redis === 'string') {
  process.stderr.write(`scale-out bench needs Postgres and Redis: ${typeof pgFx === 'string' ? pgFx : redis}\n`);
  process.exit(2);
}
const s3 = await startS3rver('orator-bench');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-bench-scale-'));
let dirSeq = 0;
const shared = {
  ORATOR_DATABASE_URL: pgFx.url,
  ORATOR_QUEUE_URL: `${redis.url}?prefix=${redis.prefix}`,
  ORATOR_STORAGE_URL: s3.storageUrl,
  ORATOR_API_KEY: API_KEY,
  ORATOR_RENDER_CONCURRENCY: '1',
  // Measure throughput, not the per-key limiter.
  ORATOR_RATE_LIMIT_PER_MINUTE: '1000000000',
};
const dataDir = () => path.join(base, `p${++dirSeq}`);
const startServe = async (port: number) =>
  startRole('serve', { ...shared, LOG_LEVEL: 'info', PORT: String(port), ORATOR_DATA_DIR: dataDir(), ORATOR_PUBLIC_URL: `http://127.0.0.1:${port}` }, /orator listening/);
const startWorker = () => startRole('worker', { ...shared, LOG_LEVEL: 'info', PORT: '0', ORATOR_DATA_DIR: dataDir() }, /workers started/);
async function stopAll(procs: RoleProcess[]) {
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
}

function video(i: number) {
  return JSON.stringify({
    video_inputs: [
      {
        character: { type: 'avatar', avatar_id: 'amara_office_front' },
        voice: { type: 'text', voice_id: 'flite_slt', input_text: `Benchmark clip number ${i}.` },
        background: { type: 'color', value: '#224466' },
      },
    ],
    dimension: { width: 144, height: 144 },
  });
}

async function json(pool: Pool, method: 'GET' | 'POST', p: string, body?: string): Promise<any> {
  const r = await pool.request({ method, path: p, headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' }, body });
  return r.body.json();
}

async function renderRun(workers: number): Promise<number> {
  const port = await freePort();
  const procs = await Promise.all([startServe(port), ...Array.from({ length: workers }, startWorker)]);
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 4 });
  try {
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < VIDEOS; i += 1) ids.push((await json(pool, 'POST', '/v2/video/generate', video(i))).data.video_id);
    const pending = new Set(ids);
    while (pending.size > 0) {
      for (const id of [...pending]) {
        const d = (await json(pool, 'GET', `/v1/video_status.get?video_id=${id}`)).data;
        if (d.status === 'failed') throw new Error(`render failed: ${JSON.stringify(d)}`);
        if (d.status === 'completed') pending.delete(id);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return VIDEOS / ((performance.now() - t0) / 60_000);
  } finally {
    await pool.close();
    await stopAll(procs);
  }
}

async function statusRun(serves: number, videoId: string): Promise<number> {
  const ports = await Promise.all(Array.from({ length: serves }, () => freePort()));
  const procs = await Promise.all(ports.map(startServe));
  const pools = ports.map((p) => new Pool(`http://127.0.0.1:${p}`, { connections: CONNECTIONS / serves, pipelining: 1 }));
  try {
    const until = performance.now() + STATUS_SECONDS * 1000;
    let done = 0;
    // Warm up each process (JIT, connection pools) before counting.
    for (const pool of pools) for (let i = 0; i < 50; i += 1) await json(pool, 'GET', `/v1/video_status.get?video_id=${videoId}`);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, c) => {
        const pool = pools[c % pools.length]!;
        while (performance.now() < until) {
          const r = await pool.request({ method: 'GET', path: `/v1/video_status.get?video_id=${videoId}`, headers: { 'x-api-key': API_KEY } });
          await r.body.dump();
          if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
          done += 1;
        }
      }),
    );
    return done / ((performance.now() - t0) / 1000);
  } finally {
    await Promise.all(pools.map((p) => p.close()));
    await stopAll(procs);
  }
}

try {
  const cores = os.availableParallelism();
  process.stdout.write(`scale-out bench: ${VIDEOS} videos of 144x144 per run, 1 render per worker process, ${cores} cores shared with the load generator\n`);
  for (const workers of [1, 2]) process.stdout.write(`render throughput, ${workers} worker process(es): ${(await renderRun(workers)).toFixed(1)} videos/min\n`);
  // A completed video, so every status read signs its URLs.
  const port = await freePort();
  const procs = await Promise.all([startServe(port), startWorker()]);
  const pool = new Pool(`http://127.0.0.1:${port}`);
  const id = (await json(pool, 'POST', '/v2/video/generate', video(0))).data.video_id as string;
  while ((await json(pool, 'GET', `/v1/video_status.get?video_id=${id}`)).data.status !== 'completed') await new Promise((r) => setTimeout(r, 100));
  await pool.close();
  await stopAll(procs);
  for (const serves of [1, 2]) process.stdout.write(`GET /v1/video_status.get, ${serves} serve process(es), ${CONNECTIONS} connections: ${(await statusRun(serves, id)).toFixed(0)} req/s\n`);
} finally {
  await s3.close();
  await redis.drop();
  await pgFx.drop();
  fs.rmSync(base, { recursive: true, force: true });
}
