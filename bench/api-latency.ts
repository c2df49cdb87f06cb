// API latency: p50/p99 of POST /v2/video/generate and GET /v1/video_status.get throughput, each next
// to a bare Fastify route answering the same JSON in the same run (the floor the framework sets).
// Real HTTP over loopback with undici from a worker thread (the client gets its own event loop, as a
// separate load tool would); render workers are not started so renders do not compete for CPU.
//   npm run build && node --import tsx bench/api-latency.ts [seconds-per-phase]   (BENCH_ROUNDS, default 3)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
// The built service (dist/, what `npm start` runs), not the TypeScript sources through tsx: tsx's
// transform adds per-call helpers (keepNames wrappers) that cost a few percent on a 60 µs request.
import { loadConfig } from '../dist/config.js';
import { composePlatform } from '../dist/compose.js';
import { createApiKey } from '../dist/auth/api-keys.js';

const seconds = Number(process.argv[2] ?? 5);
const CONNECTIONS = 8;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

const body = JSON.stringify({
  video_inputs: [
    {
      character: { type: 'avatar', avatar_id: '' },
      voice: { type: 'text', voice_id: '', input_text: 'Hello from the benchmark.' },
      background: { type: 'color', value: '#336699' },
    },
  ],
  dimension: { width: 256, height: 256 },
});

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

type LoadRequest = { method: 'GET' | 'POST'; path: string; body?: string; headers: Record<string, string> };

/** Drives `request` at `origin` from a worker thread for `seconds`; returns throughput and latency percentiles. */
async function load(origin: string, request: LoadRequest) {
  const worker = new Worker(new URL('./support/http-load-worker.mjs', import.meta.url), { workerData: { origin, request, seconds, connections: CONNECTIONS } });
  const [{ latencies, errors }] = (await once(worker, 'message')) as [{ latencies: number[]; errors: number }];
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, rps: latencies.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), errors };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-bench-'));
// The per-key limit would answer most of this load with cheap 429s; measure the real routes instead.
const config = loadConfig({ ORATOR_DATA_DIR: dataDir, PORT: '0', ORATOR_RATE_LIMIT_PER_MINUTE: '100000000' });
// Request lines are logged as in production (one line per request at info), into /dev/null through
// pino's default asynchronous destination, so their cost is in the figures; BENCH_LOG_LEVEL=silent drops it.
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'info' }, pino.destination('/dev/null'));
const platform = await composePlatform(config, { migrate: true, logger });
const { key } = await createApiKey(platform.keys, { name: 'bench' });
const avatar = platform.engine.listAvatars()[0];
if (!avatar) throw new Error('no stock avatars');
const generateBody = body.replace('"avatar_id":""', `"avatar_id":"${avatar.avatar_id}"`).replace('"voice_id":""', `"voice_id":"${avatar.default_voice_id}"`);
const app = await platform.buildHttpApp();
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;

const bare = Fastify({ logger: false });
// The bare route answers the same JSON object a real status poll returns, serialised by Fastify per request.
let sampleStatus: unknown = null;
bare.post('/v2/video/generate', async () => ({ error: null, data: { video_id: '0123456789abcdef0123456789abcdef' } }));
bare.get('/v1/video_status.get', async () => sampleStatus);
await bare.listen({ port: 0, host: '127.0.0.1' });
const barePort = (bare.server.address() as { port: number }).port;

const orator = new Pool(`http://127.0.0.1:${port}`, { connections: CONNECTIONS });
const headers = { 'x-api-key': key, 'content-type': 'application/json' };

const first = await orator.request({ method: 'POST', path: '/v2/video/generate', body: generateBody, headers });
const videoId = ((await first.body.json()) as { data: { video_id: string } }).data.video_id;
const statusRes = await orator.request({ method: 'GET', path: `/v1/video_status.get?video_id=${videoId}`, headers });
sampleStatus = await statusRes.body.json();
const other = await orator.request({ method: 'POST', path: '/v2/video/generate', body: generateBody, headers });
const otherVideoId = ((await other.body.json()) as { data: { video_id: string } }).data.video_id;

// Rounds alternate Orator and the bare route so both see the same machine load; the figures are
// medians over rounds (a single phase on a shared 2-core box swings by ±30 %).
type Phase = Awaited<ReturnType<typeof load>>;
const rounds: { gen: Phase; genBare: Phase; st: Phase; stBare: Phase; stWrites: Phase }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const gen = await load(`http://127.0.0.1:${port}`, { method: 'POST', path: '/v2/video/generate', body: generateBody, headers });
  const genBare = await load(`http://127.0.0.1:${barePort}`, { method: 'POST', path: '/v2/video/generate', body: generateBody, headers });
  const st = await load(`http://127.0.0.1:${port}`, { method: 'GET', path: `/v1/video_status.get?video_id=${videoId}`, headers });
  const stBare = await load(`http://127.0.0.1:${barePort}`, { method: 'GET', path: `/v1/video_status.get?video_id=${videoId}`, headers });
  // The same poll while renders commit progress 20 times a second (about twenty renders at once):
  // every commit clears the remembered answers, so this is the lookup's cost under real writes.
  let progress = 0;
  const writer = setInterval(() => void platform.videos.updateProgress(otherVideoId, (progress = (progress + 1) % 100)), 50);
  const stWrites = await load(`http://127.0.0.1:${port}`, { method: 'GET', path: `/v1/video_status.get?video_id=${videoId}`, headers });
  clearInterval(writer);
  rounds.push({ gen, genBare, st, stBare, stWrites });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
  `${name.padEnd(42)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors}`;
console.log(`api-latency: ${seconds}s per phase, ${CONNECTIONS} connections, ${os.availableParallelism()} cores, ${ROUNDS} rounds`);
for (const [i, r] of rounds.entries()) {
  console.log(`round ${i + 1}`);
  console.log(row('  POST /v2/video/generate (orator)', r.gen));
  console.log(row('  POST /v2/video/generate (bare fastify)', r.genBare));
  console.log(row('  GET /v1/video_status.get (orator)', r.st));
  console.log(row('  GET /v1/video_status.get (bare fastify)', r.stBare));
  console.log(row('  GET /v1/video_status.get (20 commits/s)', r.stWrites));
}
console.log(`generate p50 ${median(rounds.map((r) => r.gen.p50)).toFixed(2)} ms, p99 ${median(rounds.map((r) => r.gen.p99)).toFixed(2)} ms (median of rounds; target p99 < 50 ms)`);
console.log(`status throughput / bare route: ${median(rounds.map((r) => r.st.rps / r.stBare.rps)).toFixed(2)}× (median of rounds; target ≥ 0.5×)`);
console.log(`  with 20 commits/s meanwhile: ${median(rounds.map((r) => r.stWrites.rps / r.stBare.rps)).toFixed(2)}×`);

await orator.close();
await app.close();
await bare.close();
await platform.close();
fs.rmSync(dataDir, { recursive: true, force: true });
