// GET /v1/avatar.list: the same items as GET /v2/avatars, in the v1 envelope.
import type { FastifyInstance } from 'fastify';
import type { AvatarService } from '../../services/avatars/avatar-service.js';
import { v1Ok } from '../envelope.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { V1AvatarListResponse } from './avatar-schemas.js';

export function v1AvatarRoutes(base: FastifyInstance, avatars: AvatarService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  // Stock avatars only: v1 clients list talking photos through GET /v1/talking_photo.list.
  app.get('/v1/avatar.list', { schema: { tags: ['avatars'], summary: 'List avatars (v1 envelope)', response: { 200: V1AvatarListResponse, '4xx': V1Error } } }, async () =>
    v1Ok({ avatars: avatars.list().avatars }),
  );
}
