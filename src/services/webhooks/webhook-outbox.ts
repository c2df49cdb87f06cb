// The webhook outbox: when a video finishes, its events, one delivery per subscribed enabled endpoint of
// the same space (plus one unsigned delivery to the request's callback_url) and their deliver_webhook
// jobs are written inside the transaction that changes the video's status, so none is lost or invented.
import { newId } from '../../domain/ids.js';
import type { VideoRecord } from '../../domain/video.js';
import { endpointWants, type WebhookDeliveryRecord, type WebhookEventRecord } from '../../domain/webhook.js';
import type { WebhookEventType } from '../../domain/webhook-events.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import type { BlobStore, Clock, TransactionScope } from '../ports.js';

export interface WebhookOutboxDeps {
  blobs: BlobStore;
  clock: Clock;
  publicUrl: string;
}

/** Newest-style ids HeyGen's event history shows (`evt_…`). */
export function newEventId(): string {
  return newId('evt');
}

async function videoEvents(deps: WebhookOutboxDeps, v: VideoRecord): Promise<{ type: WebhookEventType; data: Record<string, unknown> }[]> {
  const common = { video_id: v.id, callback_id: v.callbackId, folder_id: v.folderId };
  if (v.status === 'failed') {
    return [{ type: 'avatar_video.fail', data: { ...common, msg: v.error?.detail ? `${v.error.message}: ${v.error.detail}` : (v.error?.message ?? 'Video rendering failed') } }];
  }
  const sign = (key: string | null) => (key ? deps.blobs.signedUrl(key) : Promise.resolve(null));
  const url = await sign(v.blobs.video);
  const gif = await sign(v.blobs.gif);
  // The dashboard's video page; Orator has no separate public share page, so both links point there.
  const page = `${deps.publicUrl}/videos/${v.id}`;
  const success = { ...common, url, gif_download_url: gif, video_page_url: page, video_share_page_url: page };
  const events: { type: WebhookEventType; data: Record<string, unknown> }[] = [{ type: 'avatar_video.success', data: success }];
  if (gif) events.push({ type: 'avatar_video_gif.success', data: { ...common, url: gif, gif_download_url: gif } });
  if (v.blobs.captionVideo) events.push({ type: 'avatar_video_caption.success', data: { ...common, url: await sign(v.blobs.captionVideo) } });
  return events;
}

/** Writes one event and its deliveries and jobs; `callbackUrl` adds the unsigned per-request delivery. */
export async function recordEvent(
  deps: Pick<WebhookOutboxDeps, 'clock'>,
  tx: TransactionScope,
  event: Omit<WebhookEventRecord, 'eventId' | 'createdAt'>,
  callbackUrl: string | null,
): Promise<WebhookEventRecord> {
  const now = deps.clock.now();
  const record: WebhookEventRecord = { ...event, eventId: newEventId(), createdAt: now };
  await tx.webhooks.insertEvent(record);
  const targets: { endpointId: string | null; url: string; signed: boolean }[] = [];
  for (const ep of await tx.webhooks.listEnabledEndpoints(event.spaceId)) {
    if (endpointWants(ep, record)) targets.push({ endpointId: ep.endpointId, url: ep.url, signed: true });
  }
  // HeyGen never signs per-request callbacks (API-SURFACE §5.1); receivers match the echoed callback_id.
  if (callbackUrl) targets.push({ endpointId: null, url: callbackUrl, signed: false });
  for (const t of targets) await enqueueDelivery(tx, record, t, now);
  return record;
}

export async function enqueueDelivery(
  tx: Pick<TransactionScope, 'webhooks' | 'jobs'>,
  event: WebhookEventRecord,
  target: { endpointId: string | null; url: string; signed: boolean },
  now: number,
): Promise<WebhookDeliveryRecord> {
  const delivery: WebhookDeliveryRecord = {
    id: newId('dlv'),
    eventId: event.eventId,
    spaceId: event.spaceId,
    endpointId: target.endpointId,
    url: target.url,
    signed: target.signed,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastStatusCode: null,
    lastError: null,
    lastDurationMs: null,
    createdAt: now,
    updatedAt: now,
  };
  await tx.webhooks.insertDelivery(delivery);
  await tx.jobs.enqueue({ kind: 'deliver_webhook', payload: { deliveryId: delivery.id }, spaceId: event.spaceId, maxAttempts: JOB_POLICY.deliver_webhook.attempts, runAt: now });
  return delivery;
}

/** The render job's `onFinished` hook: reads the video as this transaction just left it. */
export async function recordVideoFinished(deps: WebhookOutboxDeps, tx: TransactionScope, videoId: string): Promise<void> {
  const v = await tx.videos.findById(videoId);
  if (!v || v.deletedAt !== null || (v.status !== 'completed' && v.status !== 'failed')) return;
  const events = await videoEvents(deps, v);
  for (const [i, e] of events.entries()) {
    // The callback_url gets the main outcome only, as HeyGen's per-request callback does.
    await recordEvent(deps, tx, { spaceId: v.spaceId, eventType: e.type, eventData: e.data, entityId: v.id }, i === 0 ? v.callbackUrl : null);
  }
}
