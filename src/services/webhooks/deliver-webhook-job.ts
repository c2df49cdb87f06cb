// The deliver_webhook job: one signed POST per run. The delivery row is the truth: its outcome, the
// attempt log, the endpoint's health and the job for the next attempt commit in one transaction that
// first checks our lease, so a restart between attempts loses nothing and an attempt is recorded once.
import { liveSecrets, webhookBody, type WebhookDeliveryRecord, type WebhookEndpointRecord, type WebhookEventRecord } from '../../domain/webhook.js';
import type { JobMetrics } from '../../domain/metrics.js';
import { LeaseLostError, type JobContext, type JobHandler } from '../../domain/job-handler.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import type { Clock, TransactionScope, UnitOfWork } from '../ports.js';
import { decideFailedAttempt, isGone, isSuccess, type DeliveryDecision } from './delivery-outcome.js';
import type { SendResult, WebhookSender, WebhookStore } from './webhook-ports.js';
import { describeSendResult, webhookHeaders } from './webhook-request.js';

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

type Settings = Required<Pick<DeliverWebhookDeps, 'timeoutMs' | 'disableAfterMs' | 'retryDelaySec'>>;

interface Target {
  delivery: WebhookDeliveryRecord;
  event: WebhookEventRecord;
  /** Undefined for the per-request callback_url. */
  endpoint: WebhookEndpointRecord | undefined;
}

interface Attempt {
  result: SendResult;
  now: number;
}

/** The pending delivery with its event and (enabled) endpoint; undefined when there is nothing to send. */
async function loadTarget(deps: DeliverWebhookDeps, deliveryId: string): Promise<Target | undefined> {
  const delivery = await deps.store.findDelivery(deliveryId);
  if (!delivery || delivery.status !== 'pending') return undefined;
  const event = await deps.store.findEventById(delivery.eventId);
  let endpoint: WebhookEndpointRecord | undefined;
  if (delivery.endpointId) {
    endpoint = await deps.store.findEndpointById(delivery.endpointId);
    if (!endpoint || endpoint.status !== 'enabled') {
      // Deleted or disabled since the delivery was queued: stop quietly.
      const reason = endpoint ? `endpoint disabled: ${endpoint.disabledReason ?? ''}` : 'endpoint deleted';
      await deps.store.cancelPendingDeliveries(delivery.endpointId, reason, deps.clock.now());
      return undefined;
    }
  }
  return event ? { delivery, event, endpoint } : undefined;
}

async function send(deps: DeliverWebhookDeps, settings: Settings, { delivery, event, endpoint }: Target): Promise<Attempt> {
  const started = deps.clock.now();
  const body = webhookBody(event);
  const secrets = delivery.signed && endpoint ? liveSecrets(endpoint, started) : null;
  const headers = webhookHeaders({ id: event.eventId, body, nowMs: started, secrets });
  // An endpoint's URL may have been updated since queueing: the endpoint's current URL wins.
  const result = await deps.sender.send({ url: endpoint?.url ?? delivery.url, body, headers, timeoutMs: settings.timeoutMs });
  const now = deps.clock.now();
  const ok = isSuccess(result);
  deps.metrics?.webhookAttempt(result.kind === 'error' ? 'transport_error' : ok ? 'success' : 'http_error', result.durationMs / 1000);
  return { result, now };
}

/** Endpoint health first (its failing run decides whether to disable), then the decision. */
async function decide(tx: TransactionScope, settings: Settings, { delivery, endpoint }: Target, { result, now }: Attempt): Promise<DeliveryDecision> {
  if (isSuccess(result)) {
    if (endpoint) await tx.webhooks.markEndpointHealthy(endpoint.endpointId);
    return { status: 'succeeded', nextAttemptAt: null, disabledReason: null };
  }
  const failingSince = endpoint && !isGone(result) ? await tx.webhooks.markEndpointFailing(endpoint.endpointId, now) : null;
  return decideFailedAttempt({ ...settings, result, now, attemptNo: delivery.attempts + 1, hasEndpoint: endpoint !== undefined, failingSince });
}

/** Returns why the endpoint was disabled, if it was. */
async function commit(deps: DeliverWebhookDeps, settings: Settings, ctx: JobContext, target: Target, attempt: Attempt): Promise<string | null> {
  const { delivery: d, endpoint } = target;
  const { result, now } = attempt;
  const { code, error } = describeSendResult(result);
  return deps.uow.transaction(async (tx): Promise<string | null> => {
    if (!(await tx.jobs.complete(ctx.jobId, ctx.owner))) throw new LeaseLostError(ctx.jobId);
    const { status, nextAttemptAt, disabledReason } = await decide(tx, settings, target, attempt);
    const outcome = { status, nextAttemptAt, lastStatusCode: code, lastError: error, lastDurationMs: result.durationMs };
    if (!(await tx.webhooks.recordAttempt(d.id, d.attempts, outcome, now))) return null;
    await tx.webhooks.insertAttempt({ deliveryId: d.id, attempt: d.attempts + 1, statusCode: code, error, durationMs: result.durationMs, createdAt: now });
    if (disabledReason && endpoint && (await tx.webhooks.disableEndpoint(endpoint.endpointId, disabledReason))) {
      await tx.webhooks.cancelPendingDeliveries(endpoint.endpointId, `endpoint disabled: ${disabledReason}`, now);
    }
    if (nextAttemptAt !== null) {
      await tx.jobs.enqueue({ kind: 'deliver_webhook', payload: { deliveryId: d.id }, spaceId: d.spaceId, maxAttempts: JOB_POLICY.deliver_webhook.attempts, runAt: nextAttemptAt });
    }
    return endpoint ? disabledReason : null;
  });
}

export function createDeliverWebhookHandler(deps: DeliverWebhookDeps): JobHandler<'deliver_webhook'> {
  const settings: Settings = {
    timeoutMs: deps.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
    disableAfterMs: deps.disableAfterMs ?? DEFAULT_DISABLE_AFTER_MS,
    retryDelaySec: deps.retryDelaySec ?? JOB_POLICY.deliver_webhook.delivery.delaySec,
  };
  const log = deps.log ?? (() => {});

  return {
    async run({ deliveryId }, ctx: JobContext) {
      const target = await loadTarget(deps, deliveryId);
      if (!target) return;
      const disabledReason = await commit(deps, settings, ctx, target, await send(deps, settings, target));
      const endpoint = target.endpoint;
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
