// The space resource (Orator extension under /v3/spaces): your spaces, their members, invitations and
// API keys, each managed by the space's admins and owners.
import type { FastifyInstance } from 'fastify';
import type { SpaceService } from '../../services/spaces/space-service.js';
import { apiKeyRoutes } from './api-key-routes.js';
import { invitationRoutes } from './invitation-routes.js';
import { memberRoutes } from './member-routes.js';

export async function spaceRoutes(app: FastifyInstance, { spaces }: { spaces: SpaceService }): Promise<void> {
  memberRoutes(app, spaces);
  invitationRoutes(app, spaces);
  apiKeyRoutes(app, spaces);
}
