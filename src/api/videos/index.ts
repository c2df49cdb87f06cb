// The video resource: v1 status/list/delete, v2 generate and /v2/videos, v3 /v3/videos and its batches.
import type { FastifyInstance } from 'fastify';
import type { BatchService } from '../../services/batches/batch-service.js';
import type { VideoService } from '../../services/videos/video-service.js';
import { v1VideoRoutes } from './v1-video-routes.js';
import { v2VideoRoutes } from './v2-video-routes.js';
import { v3BatchRoutes } from './v3-batch-routes.js';
import { v3VideoRoutes } from './v3-video-routes.js';

export async function videoRoutes(app: FastifyInstance, { videos, batches }: { videos: VideoService; batches: BatchService }): Promise<void> {
  v1VideoRoutes(app, videos);
  v2VideoRoutes(app, videos);
  v3VideoRoutes(app, videos, batches);
  v3BatchRoutes(app, batches);
}
