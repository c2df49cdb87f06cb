// HeyGen v2 templates: GET /v2/templates lists this space's templates and the stock ones, GET
// /v2/template/{template_id} reads one's variables, POST /v2/template/{template_id}/generate makes a video
// (also under /v2/templates/{template_id}, the path some SDKs call).
import type { FastifyInstance } from 'fastify';
import type { TemplateService } from '../../services/templates/template-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V2Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { GENERATE_LIMITS, GenerateV2Body, GenerateV2Response, TemplateIdParams, TemplateV2DetailResponse, TemplateV2ListResponse } from './template-schemas.js';
import { v2TemplateItem, variablesByName } from './template-views.js';

export function v2TemplateRoutes(base: FastifyInstance, templates: TemplateService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get(
    '/v2/templates',
    { schema: { tags: ['templates'], summary: 'List templates: this space’s own, newest first, then the stock ones', response: { 200: TemplateV2ListResponse, '4xx': V2Error } } },
    async (request) => ({ error: null, data: { templates: (await templates.listAll(spaceOf(request))).map(v2TemplateItem) } }),
  );
  // HeyGen documents the singular path; some SDKs call the plural one (`/v2/templates/{id}`), served alike.
  for (const path of ['/v2/template/:template_id', '/v2/templates/:template_id']) {
    app.get(
      path,
      { schema: { tags: ['templates'], summary: 'A template’s variables, keyed by name, with their defaults', params: TemplateIdParams, response: { 200: TemplateV2DetailResponse, '4xx': V2Error } } },
      async (request) => {
        const t = await templates.get(spaceOf(request), request.params.template_id);
        return { error: null, data: { template_id: t.id, name: t.name, aspect_ratio: t.aspectRatio, variables: variablesByName(t.document.variables) } };
      },
    );
    app.post(
      `${path}/generate`,
      { schema: { tags: ['templates'], summary: 'Generate a video from a template and variables', description: GENERATE_LIMITS, params: TemplateIdParams, body: GenerateV2Body, response: { 200: GenerateV2Response, '4xx': V2Error } } },
      async (request) => {
        const { test: _test, ...input } = request.body;
        return { error: null, data: await templates.generate(spaceOf(request), request.params.template_id, input) };
      },
    );
  }
}
