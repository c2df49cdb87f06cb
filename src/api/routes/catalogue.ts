// Stock avatars and voices, avatar groups and voice locales (v2), plus their preview media (public,
// rendered on first request).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../app-deps.js';
import { v2Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import {
  AvatarDetailsResponse,
  AvatarGroupListQuery,
  AvatarGroupListResponse,
  AvatarsResponse,
  GroupAvatarsResponse,
  VoiceLocalesResponse,
  VoicesResponse,
} from '../schemas/catalogue.js';
import { V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

/** Preview links stay stable; they redirect to a freshly signed blob URL. */
const PREVIEW_URL_TTL_SEC = 3600;

export function registerCatalogueRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  // Talking photos are listed beside the avatars, as HeyGen does: the stock portraits and this space's uploads.
  app.get('/v2/avatars', { schema: { tags: ['avatars'], summary: 'List avatars', response: { 200: AvatarsResponse, '4xx': V2Error } } }, async (request) => {
    const photos = await deps.talkingPhotos.list(spaceOf(request));
    return v2Ok({
      ...deps.listAvatars(),
      talking_photos: photos.map((p) => ({ talking_photo_id: p.id, talking_photo_name: p.id, preview_image_url: p.image_url })),
    });
  });

  app.get('/v2/voices', { schema: { tags: ['voices'], summary: 'List voices', response: { 200: VoicesResponse, '4xx': V2Error } } }, async () =>
    v2Ok(deps.listVoices()),
  );

  app.get('/v2/voices/locales', { schema: { tags: ['voices'], summary: 'List the locales the voices speak', response: { 200: VoiceLocalesResponse, '4xx': V2Error } } }, async () =>
    v2Ok(deps.listVoiceLocales()),
  );

  app.get(
    '/v2/avatar_group.list',
    { schema: { tags: ['avatars'], summary: 'List avatar groups (private uploads; stock ones with include_public=true)', querystring: AvatarGroupListQuery, response: { 200: AvatarGroupListResponse, '4xx': V2Error } } },
    async (request) => v2Ok(await deps.avatarGroups.list(spaceOf(request), request.query.include_public ?? false)),
  );

  app.get(
    '/v2/avatar_group/:group_id/avatars',
    { schema: { tags: ['avatars'], summary: 'List the looks in an avatar group', params: Type.Object({ group_id: Type.String({ minLength: 1 }) }), response: { 200: GroupAvatarsResponse, '4xx': V2Error } } },
    async (request) => v2Ok(await deps.avatarGroups.avatars(spaceOf(request), request.params.group_id)),
  );

  app.get(
    '/v2/avatar/:avatar_id/details',
    { schema: { tags: ['avatars'], summary: 'One stock avatar', params: Type.Object({ avatar_id: Type.String({ minLength: 1 }) }), response: { 200: AvatarDetailsResponse, '4xx': V2Error } } },
    async (request) => v2Ok(deps.avatarGroups.details(request.params.avatar_id)),
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
    async (request, reply) => {
      const key = await deps.avatarPreview(request.params.avatarId, request.params.kind);
      return reply.redirect(await deps.blobs.signedUrl(key, PREVIEW_URL_TTL_SEC), 302);
    },
  );

  app.get(
    '/previews/voices/:voiceId/audio',
    {
      config: { public: true },
      schema: { tags: ['voices'], summary: 'Voice sample (redirects to the cached file)', params: Type.Object({ voiceId: Type.String() }) },
    },
    async (request, reply) => {
      const key = await deps.voicePreview(request.params.voiceId);
      return reply.redirect(await deps.blobs.signedUrl(key, PREVIEW_URL_TTL_SEC), 302);
    },
  );
}
