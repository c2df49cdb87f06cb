// The video resource: v1 status/list/delete, v2 generate and /v2/videos, v3 /v3/videos.
import type { FastifyInstance } from 'fastify';
import type { VideoService } from '../../services/videos/video-service.js';
import { v1VideoRoutes } from './v1-video-routes.js';
import { v2VideoRoutes } from './v2-video-routes.js';
import { v3VideoRoutes } from './v3-video-routes.js';

export async function videoRoutes(app: FastifyInstance, { videos }: { videos: VideoService }): Promise<void> {
  v1VideoRoutes(app, videos);
  v2VideoRoutes(app, videos);
  v3VideoRoutes(app, videos);
}
