// Storage port for video batches (POST /v3/videos/batches). A batch stores only which video each item
// became (or why it could not be created); an item's state is its video's, read with it.
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

/** An item with its video's state as the video row has it now (null when no video was created). */
export interface BatchItemRow extends NewBatchItem {
  video: { status: VideoStatus; errorCode: number | null; errorMessage: string | null } | null;
}

export interface BatchStore {
  /** The batch and all its items, in one transaction. */
  insert(batch: BatchRecord, items: readonly NewBatchItem[]): Promise<void>;
  /** A batch of this space; another space's id is not found. */
  find(spaceId: string, id: string): Promise<BatchRecord | undefined>;
  /** Items from `fromIndex` on, in index order, at most `limit`. */
  listItems(batchId: string, fromIndex: number, limit: number): Promise<BatchItemRow[]>;
  /** Item counts per video status; `null` counts the items that have no video. */
  countByVideoStatus(batchId: string): Promise<{ videoStatus: VideoStatus | null; count: number }[]>;
}
