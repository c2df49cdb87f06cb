// GET /v3/videos/statuses with batch_ids: each batch id expands to one entry per item (item_index and
// batch_id set), after the video_ids entries. An unknown or another space's batch id answers one
// not_found entry, as an unknown video id does, so the answer never tells whether it exists elsewhere.
import type { VideoService } from '../videos/video-service.js';
import { splitIds, type VideoStatusItem, type VideoStatusesPage } from '../videos/video-statuses.js';
import type { BatchItemRow, BatchStore } from './batch-ports.js';
import { itemErrorOf, itemStatusOf } from './batch-view.js';

export interface BatchStatusesDeps {
  store: BatchStore;
  videos: Pick<VideoService, 'getStatuses'>;
}

/**
 * An expanded entry carries the video's own status, the values the video_ids entries have (pending,
 * not HeyGen's item word queued: HeyGen's field says "same values as GET /v1/video_status.get"); an
 * item that never became a video (or whose video was deleted before it finished) is failed, with why.
 */
function statusEntry(batchId: string, row: BatchItemRow): VideoStatusItem {
  const error = itemErrorOf(row);
  return {
    video_id: row.videoId,
    status: itemStatusOf(row.video) === 'failed' ? 'failed' : row.video!.status,
    error: error ? { code: error.code, message: error.message } : null,
    item_index: row.index,
    batch_id: batchId,
  };
}

async function expandBatch(deps: BatchStatusesDeps, spaceId: string, batchId: string): Promise<VideoStatusItem[]> {
  const batch = await deps.store.find(spaceId, batchId);
  if (!batch) return [{ video_id: null, status: 'not_found', error: null, item_index: null, batch_id: batchId }];
  const rows = await deps.store.listItems(batch.id, 0, batch.totalItems);
  return rows.map((row) => statusEntry(batch.id, row));
}

export async function getBatchStatuses(deps: BatchStatusesDeps, spaceId: string, q: { video_ids?: string; batch_ids?: string }): Promise<VideoStatusesPage> {
  // The video statuses use case checks the request (an id is required, 100 ids at most) and answers the video ids.
  const page = await deps.videos.getStatuses(spaceId, q);
  const expanded: VideoStatusItem[] = [];
  for (const id of splitIds(q.batch_ids)) expanded.push(...(await expandBatch(deps, spaceId, id)));
  // A batch holds at most 100 items and the request at most 100 ids, so everything fits in one answer.
  return { ...page, data: [...page.data, ...expanded] };
}
