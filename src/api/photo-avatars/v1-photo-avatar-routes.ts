// HeyGen's seed flow: POST /v1/photo_avatar.generate (name, gender, image_url) answers a photo_avatar_id
// at once, pending; GET /v1/photo_avatar.get polls it until completed (preview_url) or failed (error).
import type { FastifyInstance } from 'fastify';
import type { PhotoAvatarService } from '../../services/photo-avatars/photo-avatar-service.js';
import { v1Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { V1GenerateBody, V1GenerateResponse, V1GetQuery, V1GetResponse } from './photo-avatar-schemas.js';

const TAGS = ['photo avatars'];

export function v1PhotoAvatarRoutes(base: FastifyInstance, photoAvatars: PhotoAvatarService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.post(
    '/v1/photo_avatar.generate',
    { schema: { tags: TAGS, summary: 'Make a photo avatar from a photo URL (pending until its face is checked)', body: V1GenerateBody, response: { 200: V1GenerateResponse, '4xx': V1Error } } },
    async (request) => v1Ok(await photoAvatars.generateV1(spaceOf(request), request.body)),
  );
  app.get(
    '/v1/photo_avatar.get',
    { schema: { tags: TAGS, summary: 'A photo avatar’s status, preview_url and error', querystring: V1GetQuery, response: { 200: V1GetResponse, '4xx': V1Error } } },
    async (request) => v1Ok(await photoAvatars.getV1(spaceOf(request), request.query.photo_avatar_id)),
  );
}
