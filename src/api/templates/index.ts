// The template resource: v2 /v2/templates and /v2/template/{id}, v3 /v3/templates (with Orator's
// authoring routes) and /v3/template/{id}.
import type { FastifyInstance } from 'fastify';
import type { TemplateService } from '../../services/templates/template-service.js';
import { v2TemplateRoutes } from './v2-template-routes.js';
import { v3TemplateRoutes } from './v3-template-routes.js';

export async function templateRoutes(app: FastifyInstance, { templates }: { templates: TemplateService }): Promise<void> {
  v2TemplateRoutes(app, templates);
  v3TemplateRoutes(app, templates);
}
