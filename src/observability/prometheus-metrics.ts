// The metrics ports (domain/metrics.ts) on prom-client, in one registry per platform so that several
// platforms in one process (tests) never share counters. Process metrics (CPU, memory, event loop)
// describe the process, not a platform: one registry for them, created on first use.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobKind } from '../domain/job-kind.js';
import type { HttpMetrics, JobMetrics, JobRunOutcome, MetricsExposition, QueueKindStats, WebhookAttemptOutcome } from '../domain/metrics.js';

export interface PrometheusMetricsOptions {
  /** Read on every scrape (queue depth is never kept in memory: another process may have changed it). */
  queueStats(): Promise<QueueKindStats[]>;
}

export type PrometheusMetrics = HttpMetrics & JobMetrics & MetricsExposition;

let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

type Registers = Registry[];

/** HTTP request durations; the returned observer keeps one child per (method, status, route). */
function httpFamily(registers: Registers): HttpMetrics['observeRequest'] {
  const http = new Histogram({
    name: 'orator_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  // One child per (method, status, route): the hot path does one map lookup, not prom-client's
  // label hashing (sorting keys, joining values) on every request.
  const httpChildren = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let child = httpChildren.get(key);
    if (!child) {
      child = http.labels({ method, route, status: String(status) });
      httpChildren.set(key, child);
    }
    child.observe(seconds);
  };
}

function jobRunFamily(registers: Registers): JobMetrics['jobFinished'] {
  const jobRuns = new Histogram({
    name: 'orator_job_run_duration_seconds',
    help: 'Duration of one job run by kind and outcome (completed, retried, failed, lease_lost)',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  return (kind: JobKind, outcome: JobRunOutcome, seconds: number) => jobRuns.observe({ kind, outcome }, seconds);
}

function renderFamily(registers: Registers): JobMetrics['renderFinished'] {
  const renderDuration = new Histogram({
    name: 'orator_render_duration_seconds',
    help: 'Wall-clock seconds to render one video (the engine only: no queueing, no upload)',
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  const renderRtf = new Histogram({
    name: 'orator_render_realtime_factor',
    help: 'Render seconds per second of video produced (below 1: faster than real time)',
    buckets: [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5, 10],
    registers,
  });
  const renderedSeconds = new Counter({
    name: 'orator_rendered_video_seconds_total',
    help: 'Seconds of video rendered',
    registers,
  });
  return (renderSec, videoSec) => {
    renderDuration.observe(renderSec);
    if (videoSec > 0) {
      renderRtf.observe(renderSec / videoSec);
      renderedSeconds.inc(videoSec);
    }
  };
}

function webhookFamily(registers: Registers): JobMetrics['webhookAttempt'] {
  const webhookAttempts = new Counter({
    name: 'orator_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (success: 2xx; http_error: another status; transport_error: no answer)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const webhookDuration = new Histogram({
    name: 'orator_webhook_attempt_duration_seconds',
    help: 'Duration of one webhook delivery attempt',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  for (const outcome of ['success', 'http_error', 'transport_error'] satisfies WebhookAttemptOutcome[]) webhookAttempts.inc({ outcome }, 0);
  return (outcome, seconds) => {
    webhookAttempts.inc({ outcome });
    webhookDuration.observe(seconds);
  };
}

/** Queue depth gauges, read from `queueStats` on each scrape. */
function queueFamily(registers: Registers, read: PrometheusMetricsOptions['queueStats']): void {
  // The queue gauges are collected concurrently on a scrape; they share one query.
  let pending: Promise<QueueKindStats[] | null> | null = null;
  const queueStats = (): Promise<QueueKindStats[] | null> => {
    pending ??= read()
      .catch(() => null)
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  new Gauge({
    name: 'orator_queue_stats_up',
    help: '1 when this scrape could read queue depth from the database, 0 when it could not',
    registers,
    async collect() {
      this.set((await queueStats()) ? 1 : 0);
    },
  });
  const fromQueue = (pick: (s: QueueKindStats) => number) =>
    async function collect(this: Gauge<'kind'>): Promise<void> {
      const stats = await queueStats();
      // No figure is better than a stale one while the database cannot answer (queue_stats_up says so).
      this.reset();
      for (const s of stats ?? []) this.set({ kind: s.kind }, pick(s));
    };
  new Gauge({ name: 'orator_queue_depth', help: 'Queued jobs by kind (due or waiting for a retry time)', labelNames: ['kind'] as const, registers, collect: fromQueue((s) => s.queued) });
  new Gauge({ name: 'orator_queue_running_jobs', help: 'Running jobs by kind, across every worker', labelNames: ['kind'] as const, registers, collect: fromQueue((s) => s.running) });
  new Gauge({
    name: 'orator_queue_oldest_job_age_seconds',
    help: 'How long the oldest due queued job of each kind has waited to be claimed',
    labelNames: ['kind'] as const,
    registers,
    collect: fromQueue((s) => s.oldestQueuedAgeSec),
  });
}

export function createPrometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  // Registration order is the exposition order.
  const observeRequest = httpFamily(registers);
  const jobFinished = jobRunFamily(registers);
  const renderFinished = renderFamily(registers);
  const webhookAttempt = webhookFamily(registers);
  queueFamily(registers, options.queueStats);
  return {
    contentType: registry.contentType,
    async render() {
      const [processText, platformText] = await Promise.all([processMetrics().metrics(), registry.metrics()]);
      return `${processText}\n${platformText}`;
    },
    observeRequest,
    jobFinished,
    renderFinished,
    webhookAttempt,
  };
}
