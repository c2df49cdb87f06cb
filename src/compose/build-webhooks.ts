// Webhooks: the endpoint store, the HTTP sender (SSRF-guarded), the service the routes call, and the
// delivery job handler.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { SqlWebhookStore } from '../db/sql-webhook-store.js';
import type { JobHandler } from '../domain/job-handler.js';
import type { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import type { Clock, UnitOfWork } from '../services/ports.js';
import { createDeliverWebhookHandler } from '../services/webhooks/deliver-webhook-job.js';
import { createWebhookService, type WebhookService } from '../services/webhooks/webhook-service.js';
import type { WebhookStore } from '../services/webhooks/webhook-ports.js';
import { createWebhookUrlCheck } from '../webhooks/check-webhook-url.js';
import { HttpWebhookSender } from '../webhooks/http-webhook-sender.js';
import type { DatabaseHandle } from '../db/create-database.js';

export interface WebhookOptions {
  retryDelaySec?: (attemptsMade: number, retryAfterSec: number | null) => number | null;
  timeoutMs?: number;
}

export interface Webhooks {
  store: WebhookStore;
  service: WebhookService;
  /** The deliver_webhook job handler (needs the metrics, built later). */
  deliveryHandler(metrics: PrometheusMetrics): JobHandler<'deliver_webhook'>;
  close(): Promise<void>;
}

export function buildWebhooks(deps: { config: Config; logger: Logger; database: DatabaseHandle; uow: UnitOfWork; clock: Clock; options?: WebhookOptions }): Webhooks {
  const { config, uow, clock } = deps;
  const store = new SqlWebhookStore(deps.database.db);
  const sender = new HttpWebhookSender({ allowPrivate: config.allowPrivateUrls });
  const timeoutMs = deps.options?.timeoutMs ?? 10_000;
  const service = createWebhookService({ store, uow, sender, clock, checkUrl: createWebhookUrlCheck({ allowPrivate: config.allowPrivateUrls }), timeoutMs });
  return {
    store,
    service,
    deliveryHandler: (metrics) =>
      createDeliverWebhookHandler({
        store,
        uow,
        sender,
        clock,
        timeoutMs,
        disableAfterMs: config.webhookDisableAfterMs,
        retryDelaySec: deps.options?.retryDelaySec,
        log: (level, msg, extra) => deps.logger[level](extra ?? {}, msg),
        metrics,
      }),
    close: () => sender.close(),
  };
}
