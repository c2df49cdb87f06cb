// The v3 (and /v2/videos) view of a video: HeyGen's VideoDetail, URLs signed fresh on every read,
// cursor pagination with has_more/next_token, and title/folder filters.
import { ERROR_TABLE, OratorError, type ErrorKind } from '../../domain/errors.js';
import type { VideoSummary } from '../../domain/video.js';
import { deleteVideo, type VideoQueryDeps } from './video-status.js';
import { decodePageToken, encodePageToken, type PageCursor } from '../page-token.js';
import { qualityView, type QualityView } from './quality-view.js';

/** HeyGen's VideoDetail, field for field. */
export interface VideoDetail {
  id: string;
  title: string | null;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  created_at: number | null;
  completed_at: number | null;
  video_url: string | null;
  thumbnail_url: string | null;
  gif_url: string | null;
  captioned_video_url: string | null;
  subtitle_url: string | null;
  duration: number | null;
  folder_id: string | null;
  output_language: string | null;
  failure_code: string | null;
  failure_message: string | null;
  video_page_url: string | null;
  /** Orator extension: lip-sync figures measured on the output file (null until completed). */
  quality: QualityView | null;
  /** Orator extension: render progress 0–100, so a client can draw a bar (HeyGen's v3 has none). */
  progress: number;
}

export interface VideoDetailPage {
  data: VideoDetail[];
  has_more: boolean;
  next_token: string | null;
}

export interface VideoDetailFilter {
  title?: string;
  folderId?: string;
}

/** A failed video stores HeyGen's numeric code; v3 reports a snake_case reason, the error kind's name. */
export function failureCodeOf(legacyCode: number): string {
  const kind = (Object.keys(ERROR_TABLE) as ErrorKind[]).find((k) => ERROR_TABLE[k].legacyCode === legacyCode);
  return kind ?? 'render_failed';
}

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export async function toVideoDetail(deps: VideoQueryDeps, v: VideoSummary): Promise<VideoDetail> {
  const done = v.status === 'completed';
  const sign = async (key: string | null) => (done && key ? deps.blobs.signedUrl(key) : null);
  return {
    id: v.id,
    title: v.title,
    status: v.status,
    created_at: seconds(v.createdAt),
    completed_at: seconds(v.completedAt),
    video_url: await sign(v.blobs.video),
    thumbnail_url: await sign(v.blobs.thumbnail),
    gif_url: await sign(v.blobs.gif),
    captioned_video_url: await sign(v.blobs.captionVideo),
    subtitle_url: await sign(v.blobs.srt),
    duration: v.durationSec,
    folder_id: v.folderId,
    output_language: null,
    failure_code: v.status === 'failed' && v.error ? failureCodeOf(v.error.code) : null,
    failure_message: v.status === 'failed' && v.error ? v.error.message : null,
    video_page_url: null,
    quality: done ? qualityView(v.quality) : null,
    progress: v.progress,
  };
}

export async function getVideoDetail(deps: VideoQueryDeps, spaceId: string, videoId: string): Promise<VideoDetail> {
  const v = await deps.videos.findInSpace(spaceId, videoId);
  if (!v) throw new OratorError('video_not_found', `Video ${videoId} not found`, { param: 'video_id' });
  return toVideoDetail(deps, v);
}

function matches(v: VideoSummary, filter: VideoDetailFilter): boolean {
  if (filter.folderId !== undefined && v.folderId !== filter.folderId) return false;
  if (filter.title !== undefined && !(v.title ?? '').toLowerCase().includes(filter.title.toLowerCase())) return false;
  return true;
}

/**
 * Newest first. Filters run over repository pages (the repository has no filter columns yet); the
 * cursor is the last row *returned*, so a filtered page continues exactly where it stopped.
 */
export async function listVideoDetails(deps: VideoQueryDeps, spaceId: string, limit: number, token: string | undefined, filter: VideoDetailFilter = {}): Promise<VideoDetailPage> {
  let after: PageCursor | undefined = token ? decodePageToken(token) : undefined;
  const filtered = filter.title !== undefined || filter.folderId !== undefined;
  const batch = filtered ? Math.max(100, limit * 4) : limit + 1;
  const found: VideoSummary[] = [];
  for (;;) {
    const rows = await deps.videos.listInSpace(spaceId, batch, after);
    for (const row of rows) if (matches(row, filter)) found.push(row);
    if (found.length > limit || rows.length < batch) break;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  const page = found.slice(0, limit);
  const hasMore = found.length > limit;
  return {
    data: await Promise.all(page.map((v) => toVideoDetail(deps, v))),
    has_more: hasMore,
    next_token: hasMore && page.length > 0 ? encodePageToken(page[page.length - 1]!) : null,
  };
}

export async function deleteVideoDetail(deps: VideoQueryDeps, spaceId: string, videoId: string): Promise<{ id: string; deleted: true }> {
  await deleteVideo(deps, spaceId, videoId);
  return { id: videoId, deleted: true };
}
