// POST/GET/DELETE /v3/videos and GET /v3/videos/statuses. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import type { BatchService } from '../../services/batches/batch-service.js';
import type { CreateVideoV3Input } from '../../services/videos/create-video-v3.js';
import type { VideoService } from '../../services/videos/video-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import {
  CreateVideoV3Body,
  CreateVideoV3Response,
  DeleteVideoV3Response,
  VideoDetailListQuery,
  VideoDetailListResponse,
  VideoDetailResponse,
  VideoIdParams,
  VideoStatusesQuery,
  VideoStatusesResponse,
} from './v3-video-schemas.js';

/** GET {prefix}/videos, GET and DELETE {prefix}/videos/{video_id}: the v3 detail view, also served on /v2. */
export function videoDetailRoutes(base: FastifyInstance, videos: VideoService, prefix: '/v3' | '/v2'): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const tags = [prefix === '/v3' ? 'v3 videos' : 'videos'];
  const config = { envelope: 'v3' as const };
  app.get(
    `${prefix}/videos`,
    { config, schema: { tags, summary: 'List videos, newest first', querystring: VideoDetailListQuery, response: { 200: VideoDetailListResponse, '4xx': V3Error } } },
    async (request) => {
      const q = request.query;
      return videos.listDetails(spaceOf(request), q.limit ?? 10, q.token || undefined, { title: q.title, folderId: q.folder_id });
    },
  );
  app.get(
    `${prefix}/videos/:video_id`,
    { config, schema: { tags, summary: 'Video detail (URLs signed fresh on every call)', params: VideoIdParams, response: { 200: VideoDetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await videos.getDetail(spaceOf(request), request.params.video_id) }),
  );
  app.delete(
    `${prefix}/videos/:video_id`,
    { config, schema: { tags, summary: 'Delete a video and its files', params: VideoIdParams, response: { 200: DeleteVideoV3Response, '4xx': V3Error } } },
    async (request) => ({ data: await videos.deleteDetail(spaceOf(request), request.params.video_id) }),
  );
}

export function v3VideoRoutes(base: FastifyInstance, videos: VideoService, batches: BatchService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  app.post(
    '/v3/videos',
    {
      schema: {
        tags: ['v3 videos'],
        summary: 'Create an avatar video (HeyGen v3)',
        body: CreateVideoV3Body,
        response: { 200: CreateVideoV3Response, '4xx': V3Error },
      },
    },
    // The schema keeps enums as strings; the service re-checks each variant's rules.
    async (request) => ({ data: await videos.createV3(spaceOf(request), request.body as CreateVideoV3Input) }),
  );

  // A static path, so the router prefers it over /v3/videos/:video_id.
  app.get(
    '/v3/videos/statuses',
    {
      schema: {
        tags: ['v3 videos'],
        summary: 'Statuses of up to 100 videos and batches (unknown or other spaces’ ids answer not_found)',
        querystring: VideoStatusesQuery,
        response: { 200: VideoStatusesResponse, '4xx': V3Error },
      },
    },
    // The batch service answers both: video ids as the video service does, batch ids expanded to their items.
    async (request) => batches.getStatuses(spaceOf(request), request.query),
  );

  videoDetailRoutes(base, videos, '/v3');
}
