// The photo-avatar resource: HeyGen's v1 seed flow and v2 photo_avatar endpoints (the v3 ones,
// POST /v3/avatars and friends, sit with the other v3 avatar routes in ../avatars/).
import type { FastifyInstance } from 'fastify';
import type { PhotoAvatarService } from '../../services/photo-avatars/photo-avatar-service.js';
import { v1PhotoAvatarRoutes } from './v1-photo-avatar-routes.js';
import { v2PhotoAvatarRoutes } from './v2-photo-avatar-routes.js';

export function photoAvatarRoutes(app: FastifyInstance, photoAvatars: PhotoAvatarService): void {
  v1PhotoAvatarRoutes(app, photoAvatars);
  v2PhotoAvatarRoutes(app, photoAvatars);
}
