// Load generator for the API benchmark, run in a worker thread so the client does not share the
// server's event loop (as wrk or autocannon would run in a process of their own).
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

const { origin, request, seconds, connections } = workerData;
const pool = new Pool(origin, { connections });
const latencies = [];
let errors = 0;
const end = Date.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      const r = await pool.request(request);
      await r.body.arrayBuffer();
      if (r.statusCode !== 200) errors++;
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }),
);
await pool.close();
parentPort.postMessage({ latencies, errors });
