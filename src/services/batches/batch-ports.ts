// Storage ports for video batches (POST /v3/videos/batches). A batch stores only which video each item
// became (or why it could not be created) and when it finished; an item's state is its video's, read with it.
import type { VideoStatus } from '../../domain/video.js';

export interface BatchRecord {
  id: string;
  spaceId: string;
  title: string | null;
  callbackUrl: string | null;
  totalItems: number;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Why an item did not become a video: what POST /v3/videos (or /v3/templates/{id}) would have answered. */
export interface BatchItemError {
  code: string;
  message: string;
  /** The offending field inside the item, e.g. `avatar_id`. */
  param: string | null;
}

export interface NewBatchItem {
  index: number;
  videoId: string | null;
  error: BatchItemError | null;
}

/** A video's state as a batch reads it; `deleted` marks one deleted by its owner (it stays in its batch). */
export interface BatchVideoState {
  status: VideoStatus;
  deleted: boolean;
}

/** An item with its video's state as the video row has it now (null when no video was created). */
export interface BatchItemRow extends NewBatchItem {
  video: (BatchVideoState & { errorCode: number | null; errorMessage: string | null }) | null;
}

/** How many items share a video state; `video` is null for the items that have no video. */
export interface BatchItemCount {
  video: BatchVideoState | null;
  count: number;
}

export interface BatchStore {
  /** The batch alone: its items are recorded later, in the transaction that can finish it (BatchLedger). */
  insert(batch: BatchRecord): Promise<void>;
  /** A batch of this space; another space's id is not found. */
  find(spaceId: string, id: string): Promise<BatchRecord | undefined>;
  /** Items from `fromIndex` on, in index order, at most `limit`. */
  listItems(batchId: string, fromIndex: number, limit: number): Promise<BatchItemRow[]>;
  countItems(batchId: string): Promise<BatchItemCount[]>;
  /** A batch whose items could not all be made (the request failed on the way); best effort. */
  delete(batchId: string): Promise<void>;
}

/**
 * The batches as a transaction that settles videos sees them (TransactionScope.batches). A batch is
 * finished once, by whichever transaction finds every item settled after taking the batch's lock:
 * the one that records the items, or one that completes or fails a video of the batch's space.
 */
export interface BatchLedger {
  /** The batch, locked until the transaction ends (a concurrent settler waits, then sees this one's writes). */
  lockBatch(batchId: string): Promise<BatchRecord | undefined>;
  /** Every unfinished batch of the space, locked likewise. */
  lockOpenBatches(spaceId: string): Promise<BatchRecord[]>;
  insertItems(batchId: string, items: readonly NewBatchItem[]): Promise<void>;
  countItems(batchId: string): Promise<BatchItemCount[]>;
  /** Compare-and-set: false when it was finished already. */
  markFinished(batchId: string, now: number): Promise<boolean>;
}
