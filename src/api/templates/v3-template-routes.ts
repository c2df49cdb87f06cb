// HeyGen v3 templates: GET /v3/templates (cursor pages), GET /v3/templates/{id} and its singular twin
// GET /v3/template/{id}; and Orator's authoring extension, since HeyGen authors templates only in its
// web editor: POST /v3/templates (create; Idempotency-Key like every v3 POST), PUT and DELETE
// /v3/templates/{id}. POST /v3/templates/{id} generates a video (Idempotency-Key like every v3 POST).
import type { FastifyInstance } from 'fastify';
import type { TemplateService } from '../../services/templates/template-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { GENERATE_LIMITS, GenerateV3Body, GenerateV3Response, DeleteTemplateV3Response, TemplateDocumentBody, TemplateIdParams, TemplateV3ListQuery, TemplateV3ListResponse, TemplateV3Response } from './template-schemas.js';
import { v3TemplateDetail, v3TemplateItem } from './template-views.js';

/** Template documents are small; a generous cap that still refuses an accidental upload. */
const DOCUMENT_BODY_LIMIT = 512 * 1024;
const TAGS = ['v3 templates'];

export function v3TemplateRoutes(base: FastifyInstance, templates: TemplateService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get(
    '/v3/templates',
    { schema: { tags: TAGS, summary: 'List templates: this space’s own, newest first, then the stock ones', querystring: TemplateV3ListQuery, response: { 200: TemplateV3ListResponse, '4xx': V3Error } } },
    async (request) => {
      const page = await templates.list(spaceOf(request), request.query.limit ?? 20, request.query.token || undefined);
      return { data: page.templates.map(v3TemplateItem), has_more: page.nextToken !== null, next_token: page.nextToken };
    },
  );
  for (const url of ['/v3/templates/:template_id', '/v3/template/:template_id']) {
    app.get(
      url,
      { schema: { tags: TAGS, summary: 'A template with its variables (defaults keyed by name), scenes and scene_ids', params: TemplateIdParams, response: { 200: TemplateV3Response, '4xx': V3Error } } },
      async (request) => ({ data: v3TemplateDetail(await templates.get(spaceOf(request), request.params.template_id)) }),
    );
  }
  app.post(
    '/v3/templates',
    { bodyLimit: DOCUMENT_BODY_LIMIT, schema: { tags: TAGS, summary: 'Orator: create a template from a JSON document', body: TemplateDocumentBody, response: { 200: TemplateV3Response, '4xx': V3Error } } },
    async (request) => ({ data: v3TemplateDetail(await templates.create(spaceOf(request), request.body)) }),
  );
  app.post(
    '/v3/templates/:template_id',
    { schema: { tags: TAGS, summary: 'Generate a video from a template, variables and a scene selection', description: GENERATE_LIMITS, params: TemplateIdParams, body: GenerateV3Body, response: { 200: GenerateV3Response, '4xx': V3Error } } },
    async (request) => {
      const { video_id } = await templates.generate(spaceOf(request), request.params.template_id, request.body);
      return { data: { id: video_id, video_id, status: 'pending', title: request.body.title ?? null } };
    },
  );
  app.put(
    '/v3/templates/:template_id',
    { bodyLimit: DOCUMENT_BODY_LIMIT, schema: { tags: TAGS, summary: 'Orator: replace a template’s whole document (stock templates are read-only)', params: TemplateIdParams, body: TemplateDocumentBody, response: { 200: TemplateV3Response, '4xx': V3Error } } },
    async (request) => ({ data: v3TemplateDetail(await templates.replace(spaceOf(request), request.params.template_id, request.body)) }),
  );
  app.delete(
    '/v3/templates/:template_id',
    { schema: { tags: TAGS, summary: 'Orator: delete a template (stock templates are read-only)', params: TemplateIdParams, response: { 200: DeleteTemplateV3Response, '4xx': V3Error } } },
    async (request) => {
      await templates.delete(spaceOf(request), request.params.template_id);
      return { data: { id: request.params.template_id } };
    },
  );
}
