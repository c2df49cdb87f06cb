// The avatar resource: v1 avatar.list, v2 avatars/avatar groups/avatar details and previews, talking
// photos (v1 upload and list, v2 delete), v3 avatars and looks, and the photo avatar endpoints
// (../photo-avatars/, registered here so they share the avatar service).
import type { FastifyInstance } from 'fastify';
import type { AvatarService } from '../../services/avatars/avatar-service.js';
import { photoAvatarRoutes } from '../photo-avatars/index.js';
import { talkingPhotoRoutes } from './talking-photo-routes.js';
import { v1AvatarRoutes } from './v1-avatar-routes.js';
import { v2AvatarRoutes } from './v2-avatar-routes.js';
import { v3AvatarRoutes } from './v3-avatar-routes.js';

export async function avatarRoutes(app: FastifyInstance, { avatars }: { avatars: AvatarService }): Promise<void> {
  v1AvatarRoutes(app, avatars);
  v2AvatarRoutes(app, avatars);
  talkingPhotoRoutes(app, avatars);
  v3AvatarRoutes(app, avatars);
  photoAvatarRoutes(app, avatars.photoAvatars);
}
