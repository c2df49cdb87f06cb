// GET /v2/avatars, avatar groups and avatar details (v2), plus the avatar preview media (public,
// rendered on first request).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AvatarService } from '../../services/avatars/avatar-service.js';
import { v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { AvatarDetailsResponse, AvatarGroupListQuery, AvatarGroupListResponse, AvatarsResponse, GroupAvatarsResponse } from './avatar-schemas.js';

export function v2AvatarRoutes(base: FastifyInstance, avatars: AvatarService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  // Talking photos are listed beside the avatars, as HeyGen does: the stock portraits, this space's
  // uploads and its completed photo avatar looks (each usable as talking_photo_id).
  app.get('/v2/avatars', { schema: { tags: ['avatars'], summary: 'List avatars', response: { 200: AvatarsResponse, '4xx': V2Error } } }, async (request) => {
    const space = spaceOf(request);
    const photos = await avatars.talkingPhotos.list(space);
    const looks = (await avatars.photoAvatars.listLooksV3(space)).flatMap((l) => (l.status === 'completed' && l.preview_image_url ? [{ ...l, preview_image_url: l.preview_image_url }] : []));
    return v2Ok({
      ...avatars.list(),
      talking_photos: [
        ...photos.map((p) => ({ talking_photo_id: p.id, talking_photo_name: p.id, preview_image_url: p.image_url })),
        ...looks.map((l) => ({ talking_photo_id: l.id, talking_photo_name: l.name, preview_image_url: l.preview_image_url })),
      ],
    });
  });

  app.get(
    '/v2/avatar_group.list',
    { schema: { tags: ['avatars'], summary: 'List avatar groups (private uploads; stock ones with include_public=true)', querystring: AvatarGroupListQuery, response: { 200: AvatarGroupListResponse, '4xx': V2Error } } },
    async (request) => v2Ok(await avatars.listGroupsV2(spaceOf(request), request.query.include_public ?? false)),
  );

  app.get(
    '/v2/avatar_group/:group_id/avatars',
    { schema: { tags: ['avatars'], summary: 'List the looks in an avatar group', params: Type.Object({ group_id: Type.String({ minLength: 1 }) }), response: { 200: GroupAvatarsResponse, '4xx': V2Error } } },
    async (request) => v2Ok(await avatars.groupAvatarsV2(spaceOf(request), request.params.group_id)),
  );

  app.get(
    '/v2/avatar/:avatar_id/details',
    { schema: { tags: ['avatars'], summary: 'One stock avatar', params: Type.Object({ avatar_id: Type.String({ minLength: 1 }) }), response: { 200: AvatarDetailsResponse, '4xx': V2Error } } },
    async (request) => v2Ok(avatars.detailsV2(request.params.avatar_id)),
  );

  app.get(
    '/previews/avatars/:avatarId/:kind',
    {
      config: { public: true },
      schema: {
        tags: ['avatars'],
        summary: 'Avatar preview image or video (redirects to the cached file)',
        params: Type.Object({ avatarId: Type.String(), kind: Type.Union([Type.Literal('image'), Type.Literal('video')]) }),
      },
    },
    async (request, reply) => reply.redirect(await avatars.previewUrl(request.params.avatarId, request.params.kind), 302),
  );
}
