// GET /v1/video_status.get, GET /v1/video.list, DELETE /v1/video.delete. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import type { VideoService } from '../../services/videos/video-service.js';
import { v1Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error } from '../schemas/envelopes.js';
import { VideoDeleteResponse, VideoIdQuery, VideoListQuery, VideoListResponse, VideoStatusResponse } from './video-schemas.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function v1VideoRoutes(base: FastifyInstance, videos: VideoService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  app.get(
    '/v1/video_status.get',
    {
      schema: {
        tags: ['videos'],
        summary: 'Video status and signed result URLs (re-signed on every call, valid 7 days)',
        querystring: VideoIdQuery,
        response: { 200: VideoStatusResponse, '4xx': V1Error },
      },
    },
    async (request) => v1Ok(await videos.getStatus(spaceOf(request), request.query.video_id)),
  );

  app.get(
    '/v1/video.list',
    { schema: { tags: ['videos'], summary: 'List videos, newest first', querystring: VideoListQuery, response: { 200: VideoListResponse, '4xx': V1Error } } },
    async (request) => v1Ok(await videos.list(spaceOf(request), request.query.limit ?? 100, request.query.token || undefined)),
  );

  app.delete(
    '/v1/video.delete',
    { schema: { tags: ['videos'], summary: 'Delete a video and its files', querystring: VideoIdQuery, response: { 200: VideoDeleteResponse, '4xx': V1Error } } },
    async (request) => {
      await videos.delete(spaceOf(request), request.query.video_id);
      return v1Ok(null);
    },
  );
}
