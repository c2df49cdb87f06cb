// Reading and deleting videos, always scoped to the caller's space (another space's video is 404).
import { OratorError } from '../../domain/errors.js';
import type { VideoRecord } from '../../domain/video.js';
import type { BlobStore, Clock, VideoRepository } from '../ports.js';
import { decodePageToken, pageOf } from '../page-token.js';
import { qualityView, type QualityView } from './quality-view.js';

export interface VideoQueryDeps {
  videos: VideoRepository;
  blobs: BlobStore;
  clock: Clock;
}

/** GET /v1/video_status.get `data`: every key present, URLs signed fresh on each call. */
export interface VideoStatusView {
  id: string;
  status: string;
  video_url: string | null;
  video_url_caption: string | null;
  thumbnail_url: string | null;
  gif_url: string | null;
  caption_url: string | null;
  duration: number | null;
  callback_id: string | null;
  created_at: number;
  error: { code: number; message: string; detail: string | null } | null;
  progress: number;
  /** Lip-sync figures measured on the output file; null until the video completed. */
  quality: QualityView | null;
}

export function videoBlobPrefix(video: Pick<VideoRecord, 'spaceId' | 'id'>): string {
  return `videos/${video.spaceId}/${video.id}`;
}

async function signOrNull(blobs: BlobStore, key: string | null): Promise<string | null> {
  return key ? blobs.signedUrl(key) : null;
}

export async function getVideoStatus(deps: VideoQueryDeps, spaceId: string, videoId: string): Promise<VideoStatusView> {
  const v = await deps.videos.findInSpace(spaceId, videoId);
  if (!v) throw new OratorError('video_not_found', `Video ${videoId} not found`, { param: 'video_id' });
  const done = v.status === 'completed';
  return {
    id: v.id,
    status: v.status,
    video_url: done ? await signOrNull(deps.blobs, v.blobs.video) : null,
    video_url_caption: done ? await signOrNull(deps.blobs, v.blobs.captionVideo) : null,
    thumbnail_url: done ? await signOrNull(deps.blobs, v.blobs.thumbnail) : null,
    gif_url: done ? await signOrNull(deps.blobs, v.blobs.gif) : null,
    caption_url: done ? await signOrNull(deps.blobs, v.blobs.srt) : null,
    duration: v.durationSec,
    callback_id: v.callbackId,
    created_at: Math.floor(v.createdAt / 1000),
    error: v.status === 'failed' ? v.error : null,
    progress: v.progress,
    quality: done ? qualityView(v.quality) : null,
  };
}

export interface VideoListView {
  videos: { video_id: string; video_title: string | null; status: string; created_at: number; type: 'GENERATED' }[];
  token: string | null;
}

export async function listVideos(deps: VideoQueryDeps, spaceId: string, limit: number, token?: string): Promise<VideoListView> {
  const after = token ? decodePageToken(token) : undefined;
  const page = pageOf(await deps.videos.listInSpace(spaceId, limit + 1, after), limit, (v) => v);
  return {
    videos: page.items.map((v) => ({ video_id: v.id, video_title: v.title, status: v.status, created_at: Math.floor(v.createdAt / 1000), type: 'GENERATED' })),
    token: page.nextToken,
  };
}

export async function deleteVideo(deps: VideoQueryDeps, spaceId: string, videoId: string): Promise<void> {
  const v = await deps.videos.softDelete(spaceId, videoId, deps.clock.now());
  if (!v) throw new OratorError('video_not_found', `Video ${videoId} not found`, { param: 'video_id' });
  // A render still running for it finds the row deleted and its CAS completion does nothing more than
  // write blobs; those land under the same prefix, removed again here and by the job's own check.
  await deps.blobs.deletePrefix(videoBlobPrefix(v));
}
