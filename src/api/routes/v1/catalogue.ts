// Legacy v1 catalogue lists: the same items as GET /v2/avatars and GET /v2/voices, in the v1 envelope.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { v1Ok } from '../../envelope.js';
import { V1AvatarListResponse, V1VoiceListResponse } from '../../schemas/catalogue.js';
import { V1Error } from '../../schemas/envelopes.js';
import type { TypeBoxProvider } from '../../type-provider.js';

export function registerV1CatalogueRoutes(base: FastifyInstance, deps: AppDeps): void {
  const app = base.withTypeProvider<TypeBoxProvider>();

  // Stock avatars only: v1 clients list talking photos through GET /v1/talking_photo.list.
  app.get('/v1/avatar.list', { schema: { tags: ['avatars'], summary: 'List avatars (v1 envelope)', response: { 200: V1AvatarListResponse, '4xx': V1Error } } }, async () =>
    v1Ok({ avatars: deps.listAvatars().avatars }),
  );

  app.get('/v1/voice.list', { schema: { tags: ['voices'], summary: 'List voices (v1 envelope)', response: { 200: V1VoiceListResponse, '4xx': V1Error } } }, async () =>
    v1Ok({ list: deps.listVoices().voices }),
  );
}
