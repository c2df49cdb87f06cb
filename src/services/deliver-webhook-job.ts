// The deliver_webhook job: one signed POST per run. The delivery row is the truth: its outcome, the
// attempt log, the endpoint's health and the job for the next attempt commit in one transaction that
// first checks our lease, so a restart between attempts loses nothing and an attempt is recorded once.
import { liveSecrets, webhookBody, type DeliveryStatus, type WebhookEndpointRecord } from '../domain/webhook.js';
import type { JobMetrics } from '../domain/metrics.js';
import { LeaseLostError, type JobContext, type JobHandler } from '../domain/job-handler.js';
import { signWebhook } from '../domain/webhook-signature.js';
import { parseRetryAfter } from '../domain/webhook-retry-schedule.js';
import { JOB_POLICY } from '../domain/job-policy.js';
import type { Clock, UnitOfWork } from './ports.js';
import type { DeliveryOutcome, SendResult, WebhookSender, WebhookStore } from './webhook-ports.js';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
export const DEFAULT_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

export interface DeliverWebhookDeps {
  store: WebhookStore;
  uow: UnitOfWork;
  sender: WebhookSender;
  clock: Clock;
  timeoutMs?: number;
  /** An endpoint failing without a success for longer than this is disabled. */
  disableAfterMs?: number;
  /** Seconds before attempt `attemptsMade + 1`, or null when exhausted (tests shorten it). */
  retryDelaySec?: (attemptsMade: number, retryAfterSec: number | null) => number | null;
  log?: (level: 'info' | 'warn', msg: string, extra?: object) => void;
  /** Each attempt's outcome and duration. */
  metrics?: JobMetrics;
}

function describe(result: SendResult): { code: number | null; error: string | null } {
  if (result.kind === 'error') return { code: null, error: result.error };
  return { code: result.statusCode, error: result.statusCode >= 200 && result.statusCode < 300 ? null : `HTTP ${result.statusCode}` };
}

export function createDeliverWebhookHandler(deps: DeliverWebhookDeps): JobHandler<'deliver_webhook'> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  const disableAfterMs = deps.disableAfterMs ?? DEFAULT_DISABLE_AFTER_MS;
  const retryDelaySec = deps.retryDelaySec ?? JOB_POLICY.deliver_webhook.delivery.delaySec;
  const log = deps.log ?? (() => {});

  return {
    async run({ deliveryId }, ctx: JobContext) {
      const d = await deps.store.findDelivery(deliveryId);
      if (!d || d.status !== 'pending') return;
      const event = await deps.store.findEventById(d.eventId);
      let endpoint: WebhookEndpointRecord | undefined;
      if (d.endpointId) {
        endpoint = await deps.store.findEndpointById(d.endpointId);
        if (!endpoint || endpoint.status !== 'enabled') {
          // Deleted or disabled since the delivery was queued: stop quietly.
          await deps.store.cancelPendingDeliveries(d.endpointId, endpoint ? `endpoint disabled: ${endpoint.disabledReason ?? ''}` : 'endpoint deleted', deps.clock.now());
          return;
        }
      }
      if (!event) return;

      const started = deps.clock.now();
      const body = webhookBody(event);
      // The event id is the message id on every attempt and every redelivery, so receivers can deduplicate.
      let headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Orator-Webhooks/1.0', 'webhook-id': event.eventId };
      if (d.signed && endpoint) headers = { ...headers, ...signWebhook({ id: event.eventId, timestamp: Math.floor(started / 1000), body, secrets: liveSecrets(endpoint, started) }) };
      // An endpoint's URL may have been updated since queueing: the endpoint's current URL wins.
      const url = endpoint?.url ?? d.url;
      const result = await deps.sender.send({ url, body, headers, timeoutMs });
      const now = deps.clock.now();
      const { code, error } = describe(result);
      deps.metrics?.webhookAttempt(result.kind === 'error' ? 'transport_error' : error === null ? 'success' : 'http_error', result.durationMs / 1000);
      const attemptNo = d.attempts + 1;

      const disabledReason = await deps.uow.transaction(async (tx): Promise<string | null> => {
        let disabledReason: string | null = null;
        if (!(await tx.jobs.complete(ctx.jobId, ctx.owner))) throw new LeaseLostError(ctx.jobId);
        let status: DeliveryStatus;
        let nextAttemptAt: number | null = null;
        if (code !== null && code >= 200 && code < 300) {
          status = 'succeeded';
          if (endpoint) await tx.webhooks.markEndpointHealthy(endpoint.endpointId);
        } else if (code === 410) {
          // 410 Gone: the receiver says it will never want these again.
          status = 'failed';
          if (endpoint) disabledReason = `endpoint answered 410 Gone on ${new Date(now).toISOString()}`;
        } else {
          const failingSince = endpoint ? await tx.webhooks.markEndpointFailing(endpoint.endpointId, now) : null;
          const retryAfter = result.kind === 'response' ? parseRetryAfter(result.retryAfter, new Date(now)) : null;
          // A permanent failure (the SSRF guard refused the address, an unusable URL) is not retried: waiting changes nothing.
          const delay = result.kind === 'error' && result.permanent ? null : retryDelaySec(attemptNo, retryAfter);
          if (endpoint && failingSince !== null && now - failingSince > disableAfterMs) {
            status = 'failed';
            disabledReason = `failing since ${new Date(failingSince).toISOString()} (more than ${Math.round(disableAfterMs / 3_600_000)} h)`;
          } else if (delay === null) {
            status = 'failed';
          } else {
            status = 'pending';
            nextAttemptAt = now + Math.round(delay * 1000);
          }
        }
        const outcome: DeliveryOutcome = { status, nextAttemptAt, lastStatusCode: code, lastError: error, lastDurationMs: result.durationMs };
        if (!(await tx.webhooks.recordAttempt(d.id, d.attempts, outcome, now))) return null;
        await tx.webhooks.insertAttempt({ deliveryId: d.id, attempt: attemptNo, statusCode: code, error, durationMs: result.durationMs, createdAt: now });
        if (disabledReason && endpoint) {
          if (await tx.webhooks.disableEndpoint(endpoint.endpointId, disabledReason)) {
            await tx.webhooks.cancelPendingDeliveries(endpoint.endpointId, `endpoint disabled: ${disabledReason}`, now);
          }
        }
        if (nextAttemptAt !== null) {
          await tx.jobs.enqueue({ kind: 'deliver_webhook', payload: { deliveryId: d.id }, spaceId: d.spaceId, maxAttempts: JOB_POLICY.deliver_webhook.attempts, runAt: nextAttemptAt });
        }
        return disabledReason;
      });
      if (disabledReason && endpoint) log('warn', 'webhook endpoint disabled', { endpointId: endpoint.endpointId, spaceId: endpoint.spaceId, reason: disabledReason });
    },

    async giveUp({ deliveryId }, err) {
      // The worker itself kept failing (not the receiver): close the delivery so it does not stay pending forever.
      const d = await deps.store.findDelivery(deliveryId);
      if (!d || d.status !== 'pending') return;
      const message = `delivery worker failed: ${err instanceof Error ? err.message : String(err)}`;
      await deps.store.recordAttempt(d.id, d.attempts, { status: 'failed', nextAttemptAt: null, lastStatusCode: null, lastError: message, lastDurationMs: 0 }, deps.clock.now());
    },
  };
}
