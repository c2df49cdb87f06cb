// The worker side: the pool that runs jobs, the lease watchdog, and the scratch sweep.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { JobHandlerMap } from '../domain/job-handler.js';
import type { JobQueueAdapter } from '../jobs/create-job-queue.js';
import { LeaseWatchdog } from '../jobs/lease-watchdog.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import type { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import type { LocalScratchSpace } from '../storage/local-scratch-space.js';

export interface WorkerOptions {
  leaseMs?: number;
  pollMs?: number;
  watchdogMs?: number;
  retryDelayMs?: (attempt: number) => number;
}

export interface Workers {
  createWorkerPool(): WorkerPool;
  createWatchdog(): LeaseWatchdog;
  /** Removes scratch dirs of renders that died with their process (idle longer than a lease). */
  sweepScratch(): Promise<string[]>;
}

export function buildWorkers(deps: {
  config: Config;
  logger: Logger;
  options: WorkerOptions;
  queue: JobQueueAdapter;
  handlers: JobHandlerMap;
  metrics: PrometheusMetrics;
  scratch: LocalScratchSpace;
}): Workers {
  const { config, logger, options, queue, handlers, metrics } = deps;
  const log = (level: 'info' | 'warn' | 'error', msg: string, extra?: object) => logger[level](extra ?? {}, msg);
  return {
    createWorkerPool: () =>
      new WorkerPool({
        queue,
        handlers,
        concurrency: Math.max(1, config.renderConcurrency),
        spaceCap: config.spaceConcurrency,
        leaseMs: options.leaseMs ?? config.jobLeaseMs,
        pollMs: options.pollMs,
        retryDelayMs: options.retryDelayMs,
        log,
        metrics,
      }),
    createWatchdog: () => new LeaseWatchdog(queue, options.watchdogMs ?? Math.min(5000, Math.max(250, Math.floor(config.jobLeaseMs / 4))), (msg, extra) => logger.warn(extra ?? {}, msg)),
    sweepScratch: () => deps.scratch.sweepStale(options.leaseMs ?? config.jobLeaseMs),
  };
}
