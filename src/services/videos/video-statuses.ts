// GET /v3/videos/statuses: many videos' states in one call, for clients that poll a set of renders.
// HeyGen answers every requested id, with `not_found` for ids that are unknown or another space's, so
// the answer never reveals whether someone else's video exists.
import { OratorError } from '../../domain/errors.js';
import type { VideoRepository } from '../ports.js';
import { failureCodeOf, type VideoDetail } from './video-detail.js';

/** HeyGen's documented limit per request, counting video ids and batch ids together. */
export const MAX_STATUS_IDS = 100;

export interface VideoStatusItem {
  video_id: string | null;
  status: VideoDetail['status'] | 'not_found';
  error: { code: string; message: string } | null;
  item_index: number | null;
  batch_id: string | null;
}

export interface VideoStatusesPage {
  data: VideoStatusItem[];
  has_more: boolean;
  next_token: string | null;
}

/** "a, b,,a" → ["a", "b"]: trimmed, empties dropped, first occurrence kept. */
export function splitIds(list: string | undefined): string[] {
  return [...new Set((list ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
}

export async function getVideoStatuses(deps: { videos: VideoRepository }, spaceId: string, q: { video_ids?: string; batch_ids?: string }): Promise<VideoStatusesPage> {
  const videoIds = splitIds(q.video_ids);
  const batchIds = splitIds(q.batch_ids);
  if (videoIds.length === 0 && batchIds.length === 0) {
    throw new OratorError('missing_params', 'video_ids or batch_ids is required (comma-separated ids)', { param: 'video_ids' });
  }
  if (videoIds.length + batchIds.length > MAX_STATUS_IDS) {
    throw new OratorError('invalid_query_param', `At most ${MAX_STATUS_IDS} ids per request (video_ids and batch_ids together); got ${videoIds.length + batchIds.length}`, {
      param: videoIds.length > 0 ? 'video_ids' : 'batch_ids',
    });
  }
  // Batches are not built here, so a batch id expands to no videos.
  const data = await Promise.all(
    videoIds.map(async (id): Promise<VideoStatusItem> => {
      const v = await deps.videos.findInSpace(spaceId, id);
      if (!v) return { video_id: id, status: 'not_found', error: null, item_index: null, batch_id: null };
      const error = v.status === 'failed' && v.error ? { code: failureCodeOf(v.error.code), message: v.error.message } : null;
      return { video_id: v.id, status: v.status, error, item_index: null, batch_id: null };
    }),
  );
  // Every id fits in one answer (the cap above), so there is never a next page.
  return { data, has_more: false, next_token: null };
}
