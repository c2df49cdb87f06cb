// HeyGen talking photos: POST /v1/talking_photo takes the raw image as the body (Content-Type
// image/jpeg or image/png), GET /v1/talking_photo.list lists stock and uploaded photos, and
// DELETE /v2/talking_photo/{id} removes an uploaded one.
import type { FastifyInstance } from 'fastify';
import type { AvatarService } from '../../services/avatars/avatar-service.js';
import { Type } from '@sinclair/typebox';
import { v1Ok, v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error, V2Error } from '../schemas/envelopes.js';
import { TalkingPhotoDeleteResponse, TalkingPhotoListResponse, TalkingPhotoUploadResponse } from './talking-photo-schemas.js';
import type { TypeBoxProvider } from '../type-provider.js';

/** Portrait photos from phones are a few MB; the default JSON body limit is far smaller. */
const PHOTO_BODY_LIMIT = 10 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];

export function talkingPhotoRoutes(base: FastifyInstance, avatars: AvatarService): void {
  // A child scope, so the raw-image body parser applies to the upload route only.
  void base.register(async (scope) => {
    scope.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_request, body, done) => done(null, body));
    const app = scope.withTypeProvider<TypeBoxProvider>();
    app.post(
      '/v1/talking_photo',
      {
        bodyLimit: PHOTO_BODY_LIMIT,
        schema: { tags: ['talking photos'], summary: 'Upload a talking photo (raw JPEG or PNG body)', response: { 200: TalkingPhotoUploadResponse, '4xx': V1Error } },
      },
      async (request) => v1Ok(await avatars.talkingPhotos.upload(spaceOf(request), Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0))),
    );
    app.get(
      '/v1/talking_photo.list',
      { schema: { tags: ['talking photos'], summary: 'List talking photos', response: { 200: TalkingPhotoListResponse, '4xx': V1Error } } },
      async (request) => v1Ok(await avatars.talkingPhotos.list(spaceOf(request))),
    );
    app.delete(
      '/v2/talking_photo/:talking_photo_id',
      {
        schema: {
          tags: ['talking photos'],
          summary: 'Delete an uploaded talking photo',
          params: Type.Object({ talking_photo_id: Type.String({ minLength: 1 }) }),
          response: { 200: TalkingPhotoDeleteResponse, '4xx': V2Error },
        },
      },
      async (request) => {
        await avatars.talkingPhotos.delete(spaceOf(request), request.params.talking_photo_id);
        return v2Ok({ talking_photo_id: request.params.talking_photo_id });
      },
    );
  });
}
