// batch.finished: HeyGen calls a batch's callback_url "once when every item in the batch reaches a
// terminal state", and registered endpoints may subscribe to the event. It is written into the webhook
// outbox by the transaction that finds the batch settled, with the batch's lock held: the one that
// completes or fails a video of the batch's space (the render job's completion hook), or the one that
// records the batch's items (every item may have settled while the rest were still being created).
// Whichever of two concurrent settlers locks second sees the other's writes, so none is missed, and
// finished_at is a compare-and-set, so none is sent twice. Not covered: a batch whose last unsettled
// item is a queued video its owner deletes (nothing settles after it); its read model still ends.
import type { Clock, TransactionScope } from '../ports.js';
import { recordEvent } from '../webhooks/webhook-outbox.js';
import type { BatchRecord } from './batch-ports.js';
import { batchStatusOf, countsOf } from './batch-view.js';

export interface FinishBatchDeps {
  clock: Clock;
}

/** Finishes the batch when every one of its items is recorded and settled; true when this call did. */
export async function finishIfSettled(deps: FinishBatchDeps, tx: TransactionScope, batch: BatchRecord): Promise<boolean> {
  const counts = countsOf(await tx.batches.countItems(batch.id));
  const recorded = counts.queued + counts.processing + counts.completed + counts.failed;
  if (recorded < batch.totalItems || counts.queued + counts.processing > 0) return false;
  if (!(await tx.batches.markFinished(batch.id, deps.clock.now()))) return false;
  const data = { batch_id: batch.id, title: batch.title, status: batchStatusOf(counts), total_items: batch.totalItems, counts_by_status: counts };
  // HeyGen does not document the payload: the batch's own read-model fields, without the item page.
  await recordEvent(deps, tx, { spaceId: batch.spaceId, eventType: 'batch.finished', eventData: data, entityId: batch.id }, batch.callbackUrl);
  return true;
}

/** The render job's completion hook: the video just settled, so its space's open batches may have too. */
export async function finishBatchesOfVideo(deps: FinishBatchDeps, tx: TransactionScope, videoId: string): Promise<void> {
  const video = await tx.videos.findById(videoId);
  if (!video) return;
  for (const batch of await tx.batches.lockOpenBatches(video.spaceId)) await finishIfSettled(deps, tx, batch);
}
