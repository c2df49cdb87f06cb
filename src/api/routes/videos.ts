// Video routes: v2 generate, v1 status / list / delete. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { v1Ok, v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error, V2Error } from '../schemas/envelopes.js';
import {
  GenerateVideoBody,
  GenerateVideoResponse,
  VideoDeleteResponse,
  VideoIdQuery,
  VideoListQuery,
  VideoListResponse,
  VideoStatusResponse,
} from '../schemas/videos.js';
import type { TypeBoxProvider } from '../type-provider.js';

export function registerVideoRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  app.post(
    '/v2/video/generate',
    {
      schema: {
        tags: ['videos'],
        summary: 'Create an avatar video (HeyGen v2)',
        body: GenerateVideoBody,
        response: { 200: GenerateVideoResponse, '4xx': V2Error },
      },
    },
    async (request) => v2Ok(await deps.createVideo(spaceOf(request), request.body)),
  );

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
    async (request) => v1Ok(await deps.getVideoStatus(spaceOf(request), request.query.video_id)),
  );

  app.get(
    '/v1/video.list',
    { schema: { tags: ['videos'], summary: 'List videos, newest first', querystring: VideoListQuery, response: { 200: VideoListResponse, '4xx': V1Error } } },
    async (request) => v1Ok(await deps.listVideos(spaceOf(request), request.query.limit ?? 100, request.query.token || undefined)),
  );

  app.delete(
    '/v1/video.delete',
    { schema: { tags: ['videos'], summary: 'Delete a video and its files', querystring: VideoIdQuery, response: { 200: VideoDeleteResponse, '4xx': V1Error } } },
    async (request) => {
      await deps.deleteVideo(spaceOf(request), request.query.video_id);
      return v1Ok(null);
    },
  );
}
