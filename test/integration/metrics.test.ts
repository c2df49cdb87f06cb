// GET /metrics: Prometheus text after a render and a webhook delivery (HTTP histograms by route
// pattern, render duration and real-time factor, webhook attempts by outcome, queue depth per kind
// read from the database on each scrape), the metrics token, and the health port.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { eventually, ONE_SCENE, startWebhookPlatform, tempDataDir } from '../support/webhook-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { freePort } from '../support/orator-process.js';
import { startRole } from '../support/role-process.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const TOKEN = 'metrics-token-for-tests';

/** `name{labels} value` → value, for the one sample whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(app: FastifyInstance, token: string | null = TOKEN) {
  return app.inject({ method: 'GET', url: '/metrics', headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('metrics with ORATOR_METRICS_TOKEN', () => {
  const rx = useReceiver();
  const p = useTestPlatform({ kit: 'webhooks', env: { ORATOR_METRICS_TOKEN: TOKEN }, startWorkers: false });
  const h = p.headers;

  test('no token or a wrong one: 401 naming the header; the right one: Prometheus text', async () => {
    for (const token of [null, 'wrong']) {
      const r = await scrape(p.app, token);
      assert.equal(r.statusCode, 401);
      assert.match(r.body, /Authorization/);
      assert.doesNotMatch(r.body, new RegExp(TOKEN));
    }
    const r = await scrape(p.app);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(r.body, /# TYPE orator_http_request_duration_seconds histogram/);
    assert.match(r.body, /# TYPE process_cpu_user_seconds_total counter/);
  });

  test('queue depth is read from the database on scrape, per kind, including jobs another process enqueued', async () => {
    // A second platform on the same database stands for another API process: this one never saw the enqueue.
    const other = await startWebhookPlatform({ dataDir: p.dataDir, startWorkers: false });
    try {
      const r = await other.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: ONE_SCENE });
      assert.equal(r.statusCode, 200, r.body);
    } finally {
      await other.stop();
    }
    await new Promise((r) => setTimeout(r, 30));
    const text = (await scrape(p.app)).body;
    assert.equal(sample(text, 'orator_queue_depth', { kind: 'render_video' }), 1);
    assert.equal(sample(text, 'orator_queue_depth', { kind: 'deliver_webhook' }), 0);
    assert.ok(sample(text, 'orator_queue_oldest_job_age_seconds', { kind: 'render_video' })! >= 0.02);
    assert.equal(sample(text, 'orator_queue_oldest_job_age_seconds', { kind: 'deliver_webhook' }), 0);
    assert.equal(sample(text, 'orator_queue_stats_up'), 1);
  });

  test('after renders and webhook deliveries (one 500, then 200s): route histograms, RTF, attempts by outcome, empty queue', async () => {
    rx.script('/hook', [500, 200]);
    const ep = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: rx.url('/hook'), events: ['avatar_video.success'] } });
    assert.equal(ep.statusCode, 200, ep.body);
    const created = await p.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: ONE_SCENE });
    const videoId = created.json().data.video_id as string;
    p.pool.start();
    await p.pool.waitForIdle(20_000);
    // Both videos' success events reach the endpoint: three arrivals (the first answered 500, then retried).
    await eventually(() => rx.on('/hook').length >= 3);
    await p.pool.waitForIdle(20_000);
    const detail = await p.app.inject({ method: 'GET', url: `/v3/videos/${videoId}`, headers: h });
    assert.equal(detail.statusCode, 200, detail.body);

    const text = (await scrape(p.app)).body;
    // Route patterns, never raw URLs: the video id appears in no label.
    // This process's requests only: the other process's POST is its own to report.
    assert.equal(sample(text, 'orator_http_request_duration_seconds_count', { method: 'POST', route: '/v2/video/generate', status: '200' }), 1);
    assert.equal(sample(text, 'orator_http_request_duration_seconds_count', { method: 'GET', route: '/v3/videos/:video_id', status: '200' }), 1);
    assert.equal(sample(text, 'orator_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '401' }), 2);
    assert.ok(!text.includes(videoId), 'no video id in any label');
    // Two renders (this one and the other process's), each 1.5 s of video from the fake engine.
    assert.equal(sample(text, 'orator_render_duration_seconds_count'), 2);
    assert.equal(sample(text, 'orator_render_realtime_factor_count'), 2);
    assert.ok(sample(text, 'orator_render_realtime_factor_sum')! > 0);
    assert.equal(sample(text, 'orator_rendered_video_seconds_total'), 3);
    assert.equal(sample(text, 'orator_job_run_duration_seconds_count', { kind: 'render_video', outcome: 'completed' }), 2);
    assert.equal(sample(text, 'orator_webhook_attempts_total', { outcome: 'http_error' }), 1);
    assert.equal(sample(text, 'orator_webhook_attempts_total', { outcome: 'success' }), 2);
    assert.equal(sample(text, 'orator_webhook_attempts_total', { outcome: 'transport_error' }), 0);
    assert.equal(sample(text, 'orator_webhook_attempt_duration_seconds_count'), 3);
    assert.equal(sample(text, 'orator_queue_depth', { kind: 'render_video' }), 0);
    assert.equal(sample(text, 'orator_queue_depth', { kind: 'deliver_webhook' }), 0);
  });

  test('the health port asks for the token too when one is configured', async () => {
    const health = await p.platform.buildHealthApp();
    try {
      assert.equal((await scrape(health, null)).statusCode, 401);
      const r = await scrape(health);
      assert.equal(r.statusCode, 200);
      assert.ok(sample(r.body, 'orator_render_duration_seconds_count')! >= 1, 'the worker metrics are on the health port');
    } finally {
      await health.close();
    }
  });
});

describe('metrics without a token', () => {
  const t = useTestPlatform({ startWorkers: false });

  test('the API port refuses /metrics; the health port serves it', async () => {
    assert.notEqual((await scrape(t.app, null)).statusCode, 200);
    assert.notEqual((await scrape(t.app, 'anything')).statusCode, 200);
    const health = await t.platform.buildHealthApp();
    try {
      const r = await scrape(health, null);
      assert.equal(r.statusCode, 200);
      assert.equal(sample(r.body, 'orator_queue_depth', { kind: 'render_video' }), 0);
      // The health port observes its own requests too.
      assert.equal((await health.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
      assert.equal(sample((await scrape(health, null)).body, 'orator_http_request_duration_seconds_count', { route: '/readyz', status: '200' }), 1);
    } finally {
      await health.close();
    }
  });

  test('the database unable to answer: the scrape still answers, queue_stats_up says 0 and no stale depth', async () => {
    const dataDir = tempDataDir();
    const p = await startWebhookPlatform({ dataDir, startWorkers: false });
    const health = await p.platform.buildHealthApp();
    try {
      assert.equal(sample((await scrape(health, null)).body, 'orator_queue_stats_up'), 1);
      await p.platform.database.close();
      const r = await scrape(health, null);
      assert.equal(r.statusCode, 200);
      assert.equal(sample(r.body, 'orator_queue_stats_up'), 0);
      assert.equal(sample(r.body, 'orator_queue_depth', { kind: 'render_video' }), undefined);
    } finally {
      await health.close();
      await p.app.close();
      await p.platform.close().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test('a spawned worker serves its metrics on ORATOR_HEALTH_PORT (the token asked there when set)', async () => {
  const dataDir = tempDataDir();
  const healthPort = await freePort();
  const worker = await startRole('worker', { PORT: '0', ORATOR_DATA_DIR: dataDir, ORATOR_HEALTH_PORT: String(healthPort), ORATOR_METRICS_TOKEN: TOKEN }, /workers started/);
  try {
    const url = `http://127.0.0.1:${healthPort}/metrics`;
    assert.equal((await fetch(url)).status, 401);
    const r = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 200);
    const text = await r.text();
    assert.equal(sample(text, 'orator_queue_depth', { kind: 'render_video' }), 0);
    assert.match(text, /# TYPE orator_render_realtime_factor histogram/);
    assert.match(text, /# TYPE orator_webhook_attempts_total counter/);
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
