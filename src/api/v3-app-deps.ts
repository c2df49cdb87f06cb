// What the v3 routes (and the v3-style /v2/videos and /v1/audio routes) need, as functions.
import type { CreatedVideoV3, CreateVideoV3Input } from '../services/create-video-v3.js';
import type { VideoDetail, VideoDetailFilter, VideoDetailPage } from '../services/video-details.js';

export interface V3AppDeps {
  createVideo(spaceId: string, input: CreateVideoV3Input): Promise<CreatedVideoV3>;
  getVideo(spaceId: string, videoId: string): Promise<VideoDetail>;
  listVideos(spaceId: string, limit: number, token: string | undefined, filter: VideoDetailFilter): Promise<VideoDetailPage>;
  deleteVideo(spaceId: string, videoId: string): Promise<{ id: string; deleted: true }>;
}
