// POST /v2/video/generate (v2 envelope), and the v3-style /v2/videos routes (the official spec gives
// those the v3 envelope): POST /v2/videos (HeyGen's flat body), GET /v2/videos[/{id}], DELETE /v2/videos/{id}.
import type { FastifyInstance } from 'fastify';
import type { CreateVideoV2FlatInput } from '../../services/videos/create-video-v2-flat.js';
import { GenerateVideoBody } from '../../services/videos/generate-video-input.js';
import type { VideoService } from '../../services/videos/video-service.js';
import { v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V2Error } from '../schemas/envelopes.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { CreateAvatarVideoBody, CreateAvatarVideoResponse } from './v2-flat-video-schemas.js';
import { videoDetailRoutes } from './v3-video-routes.js';
import { GenerateVideoResponse } from './video-schemas.js';

export function v2VideoRoutes(base: FastifyInstance, videos: VideoService): void {
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
    async (request) => v2Ok(await videos.createV2(spaceOf(request), request.body)),
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
    async (request) => ({ data: await videos.createV2Flat(spaceOf(request), request.body as CreateVideoV2FlatInput) }),
  );

  // /v2/videos answers in the v3 envelope, errors included, as HeyGen's spec documents.
  videoDetailRoutes(base, videos, '/v2');
}
