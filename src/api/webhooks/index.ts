// The webhook resource: HeyGen's v1 legacy management and v3 endpoints/events, with Orator's delivery
// log, redelivery and test sends beside them, all over the one WebhookService.
import type { FastifyInstance } from 'fastify';
import type { WebhookService } from '../../services/webhooks/webhook-service.js';
import { v1WebhookRoutes } from './v1-webhook-routes.js';
import { v3WebhookRoutes } from './v3-webhook-routes.js';

export async function webhookRoutes(app: FastifyInstance, { webhooks }: { webhooks: WebhookService }): Promise<void> {
  v1WebhookRoutes(app, webhooks);
  v3WebhookRoutes(app, webhooks);
}
