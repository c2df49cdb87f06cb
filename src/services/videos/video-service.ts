// The video resource as the routes call it: create (v2 generate, v3, the flat v2 body), the v1 status
// view and list/delete, the v3 detail view (also served on /v2/videos) and batch statuses.
import type { AssetLookup } from '../assets/asset-ports.js';
import type { PhotoLookup } from '../avatars/photo-lookup.js';
import { createVideoV2 } from './create-video-v2.js';
import type { CreateVideoDeps } from './store-video.js';
import { createVideoV2Flat, type CreatedVideoV2Flat, type CreateVideoV2FlatInput } from './create-video-v2-flat.js';
import { createVideoV3, type CreatedVideoV3, type CreateVideoV3Input } from './create-video-v3.js';
import type { GenerateVideoInput } from './generate-video-input.js';
import { deleteVideoDetail, getVideoDetail, listVideoDetails, type VideoDetail, type VideoDetailFilter, type VideoDetailPage } from './video-detail.js';
import { deleteVideo, getVideoStatus, listVideos, type VideoListView, type VideoQueryDeps, type VideoStatusView } from './video-status.js';
import { getVideoStatuses, type VideoStatusesPage } from './video-statuses.js';

export interface VideoService {
  /** POST /v2/video/generate. */
  createV2(spaceId: string, input: GenerateVideoInput): Promise<{ video_id: string }>;
  createV3(spaceId: string, input: CreateVideoV3Input): Promise<CreatedVideoV3>;
  /** POST /v2/videos: the flat body, translated onto createV3. */
  createV2Flat(spaceId: string, input: CreateVideoV2FlatInput): Promise<CreatedVideoV2Flat>;
  /** The v1 views (video_status.get, video.list, video.delete). */
  getStatus(spaceId: string, videoId: string): Promise<VideoStatusView>;
  list(spaceId: string, limit: number, token?: string): Promise<VideoListView>;
  delete(spaceId: string, videoId: string): Promise<void>;
  /** The v3 views (also /v2/videos). */
  getDetail(spaceId: string, videoId: string): Promise<VideoDetail>;
  listDetails(spaceId: string, limit: number, token: string | undefined, filter: VideoDetailFilter): Promise<VideoDetailPage>;
  deleteDetail(spaceId: string, videoId: string): Promise<{ id: string; deleted: true }>;
  getStatuses(spaceId: string, q: { video_ids?: string; batch_ids?: string }): Promise<VideoStatusesPage>;
}

export interface VideoServiceDeps {
  /** Every video-creating route (v2, v3, the flat v2 body) stores, looks up and validates alike. */
  create: CreateVideoDeps & { photos?: PhotoLookup; assets?: AssetLookup };
  queries: VideoQueryDeps;
}

export function createVideoService(deps: VideoServiceDeps): VideoService {
  const { create, queries } = deps;
  return {
    createV2: (spaceId, input) => createVideoV2(create, spaceId, input),
    createV3: (spaceId, input) => createVideoV3(create, spaceId, input),
    createV2Flat: (spaceId, input) => createVideoV2Flat(create, spaceId, input),
    getStatus: (spaceId, id) => getVideoStatus(queries, spaceId, id),
    list: (spaceId, limit, token) => listVideos(queries, spaceId, limit, token),
    delete: (spaceId, id) => deleteVideo(queries, spaceId, id),
    getDetail: (spaceId, id) => getVideoDetail(queries, spaceId, id),
    listDetails: (spaceId, limit, token, filter) => listVideoDetails(queries, spaceId, limit, token, filter),
    deleteDetail: (spaceId, id) => deleteVideoDetail(queries, spaceId, id),
    getStatuses: (spaceId, q) => getVideoStatuses(queries, spaceId, q),
  };
}
