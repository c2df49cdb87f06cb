// POST/GET/DELETE /v3/videos, GET /v3/videos/statuses, and the v3-style legacy /v2/videos routes (the official spec gives those
// the v3 envelope), POST /v2/videos included. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { spaceOf } from '../../plugins/auth.js';
import { V3Error } from '../../schemas/v3-envelopes.js';
import { CreateAvatarVideoBody, CreateAvatarVideoResponse } from '../../schemas/v2-flat-videos.js';
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
} from '../../schemas/v3-videos.js';
import type { CreateVideoV2FlatInput } from '../../../services/create-video-v2-flat.js';
import type { CreateVideoV3Input } from '../../../services/create-video-v3.js';
import type { TypeBoxProvider } from '../../type-provider.js';

export function registerV3VideoRoutes(base: FastifyInstance, deps: AppDeps): void {
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
    async (request) => ({ data: await deps.v3.createVideo(spaceOf(request), request.body as CreateVideoV3Input) }),
  );

  // A static path, so the router prefers it over /v3/videos/:video_id.
  app.get(
    '/v3/videos/statuses',
    {
      schema: {
        tags: ['v3 videos'],
        summary: 'Statuses of up to 100 videos (unknown or other spaces’ ids answer not_found)',
        querystring: VideoStatusesQuery,
        response: { 200: VideoStatusesResponse, '4xx': V3Error },
      },
    },
    async (request) => deps.v3.videoStatuses(spaceOf(request), request.query),
  );

  // HeyGen's flat create body, superseded by v3 but still documented: v3 envelope, and Idempotency-Key
  // as on /v3 POSTs (the plugin covers /v3 paths only unless a route opts in).
  app.post(
    '/v2/videos',
    {
      config: { envelope: 'v3', idempotent: true },
      schema: {
        tags: ['videos'],
        summary: 'Create an avatar video (HeyGen flat body; mapped onto POST /v3/videos)',
        body: CreateAvatarVideoBody,
        response: { 200: CreateAvatarVideoResponse, '4xx': V3Error },
      },
    },
    async (request) => ({ data: await deps.v3.createVideoFlat(spaceOf(request), request.body as CreateVideoV2FlatInput) }),
  );

  for (const prefix of ['/v3', '/v2'] as const) {
    const tags = [prefix === '/v3' ? 'v3 videos' : 'videos'];
    // /v2/videos answers in the v3 envelope, errors included, as HeyGen's spec documents.
    const config = { envelope: 'v3' as const };
    app.get(
      `${prefix}/videos`,
      { config, schema: { tags, summary: 'List videos, newest first', querystring: VideoDetailListQuery, response: { 200: VideoDetailListResponse, '4xx': V3Error } } },
      async (request) => {
        const q = request.query;
        return deps.v3.listVideos(spaceOf(request), q.limit ?? 10, q.token || undefined, { title: q.title, folderId: q.folder_id });
      },
    );
    app.get(
      `${prefix}/videos/:video_id`,
      { config, schema: { tags, summary: 'Video detail (URLs signed fresh on every call)', params: VideoIdParams, response: { 200: VideoDetailResponse, '4xx': V3Error } } },
      async (request) => ({ data: await deps.v3.getVideo(spaceOf(request), request.params.video_id) }),
    );
    app.delete(
      `${prefix}/videos/:video_id`,
      { config, schema: { tags, summary: 'Delete a video and its files', params: VideoIdParams, response: { 200: DeleteVideoV3Response, '4xx': V3Error } } },
      async (request) => ({ data: await deps.v3.deleteVideo(spaceOf(request), request.params.video_id) }),
    );
  }
}
