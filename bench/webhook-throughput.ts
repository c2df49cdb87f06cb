// Webhook delivery throughput: N events through the real outbox → deliver_webhook jobs → signed POSTs
// to a local receiver, on the embedded SQLite queue. Prints deliveries per second and latency figures.
// Usage: node --import tsx bench/webhook-throughput.ts [deliveries=500] [concurrency=8]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApiKey } from '../src/auth/api-keys.js';
import { composePlatform } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { recordEvent } from '../src/services/webhooks/webhook-outbox.js';
import { systemClock } from '../src/services/ports.js';

const total = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 8);

let received = 0;
let resolveAll: () => void = () => {};
const allIn = new Promise<void>((r) => (resolveAll = r));
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200).end();
    if (++received === total) resolveAll();
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-bench-webhooks-'));
const config = { ...loadConfig({ ORATOR_DATA_DIR: dataDir, ORATOR_ALLOW_PRIVATE_URLS: '1' }), renderConcurrency: concurrency, spaceConcurrency: concurrency };
const platform = await composePlatform(config, { migrate: true, logger: pino({ level: 'silent' }), pollMs: 50 });
const { info } = await createApiKey(platform.keys, { name: 'bench' });
const spaceId = info.spaceId;
await platform.webhooks.service.createEndpoint(spaceId, { url: `http://127.0.0.1:${port}/hook` });

// Write the events first (as finished renders would), then time the workers draining them.
const writeStart = performance.now();
for (let i = 0; i < total; i++) {
  await platform.uow.transaction((tx) =>
    recordEvent({ clock: systemClock }, tx, { spaceId, eventType: 'avatar_video.success', eventData: { video_id: `bench${i}`, url: 'https://example.invalid/v.mp4', callback_id: null }, entityId: null }, null),
  );
}
const writeMs = performance.now() - writeStart;

const pool = platform.createWorkerPool();
const start = performance.now();
pool.start();
await allIn;
await pool.waitForIdle(600_000);
const ms = performance.now() - start;

const durations = (await platform.webhooks.store.listDeliveries(spaceId, {}, total)).map((d) => d.lastDurationMs ?? 0).sort((a, b) => a - b);
const pct = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0;
console.log(`outbox writes: ${total} events in ${writeMs.toFixed(0)} ms (${((total / writeMs) * 1000).toFixed(0)}/s, one transaction each)`);
console.log(`deliveries: ${received}/${total} in ${ms.toFixed(0)} ms → ${((total / ms) * 1000).toFixed(0)} deliveries/s (concurrency ${concurrency}, SQLite queue)`);
console.log(`POST duration p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);

await pool.stop(1000);
await platform.close();
server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
