// What GET /v3/videos/batches/{id} answers: the batch, its item counts, one page of items. Every
// item state is read from its video, so the view is as fresh as a video status poll.
import { OratorError } from '../../domain/errors.js';
import type { VideoStatus } from '../../domain/video.js';
import { failureCodeOf } from '../videos/video-detail.js';
import type { BatchItemCount, BatchItemRow, BatchRecord, BatchStore, BatchVideoState } from './batch-ports.js';

/** HeyGen's item states; an item that could not be created is failed from the start. */
export type BatchItemStatus = 'queued' | 'processing' | 'completed' | 'failed';
export const BATCH_ITEM_STATUSES: readonly BatchItemStatus[] = ['queued', 'processing', 'completed', 'failed'];

export type BatchStatus = 'processing' | 'completed' | 'failed';

export interface BatchItemView {
  item_index: number;
  video_id: string | null;
  status: BatchItemStatus;
  error: { code: string; message: string; param: string | null } | null;
}

export interface BatchView {
  batch_id: string;
  title: string | null;
  status: BatchStatus;
  total_items: number;
  counts_by_status: Record<BatchItemStatus, number>;
  /** Unix seconds, as HeyGen's batch read model has it. */
  created_at: number;
  items: BatchItemView[];
  has_more: boolean;
  next_token: string | null;
}

const ITEM_STATUS: Record<VideoStatus, BatchItemStatus> = { pending: 'queued', processing: 'processing', completed: 'completed', failed: 'failed' };

/** A video deleted before it finished never will: its item is failed, so the batch can still end. */
const deletedInFlight = (v: BatchVideoState) => v.deleted && (v.status === 'pending' || v.status === 'processing');

export function itemStatusOf(video: BatchVideoState | null): BatchItemStatus {
  if (video === null || deletedInFlight(video)) return 'failed';
  return ITEM_STATUS[video.status];
}

/** The reason an item failed: its creation error, or its render's (the code GET /v3/videos/{id} reports). */
export function itemErrorOf(row: BatchItemRow): BatchItemView['error'] {
  if (row.error) return row.error;
  if (row.video && deletedInFlight(row.video)) return { code: 'video_deleted', message: `Video ${row.videoId} was deleted before it finished`, param: null };
  if (row.video?.status === 'failed' && row.video.errorCode !== null) return { code: failureCodeOf(row.video.errorCode), message: row.video.errorMessage ?? '', param: null };
  return null;
}

export function itemView(row: BatchItemRow): BatchItemView {
  return { item_index: row.index, video_id: row.videoId, status: itemStatusOf(row.video), error: itemErrorOf(row) };
}

export function countsOf(counts: readonly BatchItemCount[]): Record<BatchItemStatus, number> {
  const out: Record<BatchItemStatus, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
  for (const c of counts) out[itemStatusOf(c.video)] += c.count;
  return out;
}

/**
 * HeyGen documents only that the aggregate is derived from the items. Chosen: processing while any item
 * is queued or processing; then failed only when no item completed, else completed (counts_by_status
 * tells a partly failed batch apart), as other batch APIs report a batch that ran to its end.
 */
export function batchStatusOf(counts: Record<BatchItemStatus, number>): BatchStatus {
  if (counts.queued + counts.processing > 0) return 'processing';
  return counts.completed === 0 && counts.failed > 0 ? 'failed' : 'completed';
}

export function encodeItemToken(nextIndex: number): string {
  return Buffer.from(JSON.stringify({ i: nextIndex })).toString('base64url');
}

export function decodeItemToken(token: string): number {
  try {
    const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Number.isInteger(o.i) && o.i >= 0) return o.i;
  } catch {
    // fall through
  }
  throw new OratorError('invalid_query_param', 'token is not a valid pagination token (pass next_token from the previous page)', { param: 'token' });
}

export async function batchView(store: BatchStore, batch: BatchRecord, page: { limit: number; token?: string }): Promise<BatchView> {
  const from = page.token ? decodeItemToken(page.token) : 0;
  // One extra row says whether another page follows.
  const rows = await store.listItems(batch.id, from, page.limit + 1);
  const items = rows.slice(0, page.limit).map(itemView);
  const more = rows.length > page.limit;
  const counts = countsOf(await store.countItems(batch.id));
  return {
    batch_id: batch.id,
    title: batch.title,
    status: batchStatusOf(counts),
    total_items: batch.totalItems,
    counts_by_status: counts,
    created_at: Math.floor(batch.createdAt / 1000),
    items,
    has_more: more,
    next_token: more ? encodeItemToken(items[items.length - 1]!.item_index + 1) : null,
  };
}
