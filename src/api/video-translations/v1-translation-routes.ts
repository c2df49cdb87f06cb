// POST /v1/video_translate and GET /v1/video_translate_status.get (the seed tutorial's flow). Thin:
// parse, call the service, wrap in the v1 envelope.
import type { FastifyInstance } from 'fastify';
import type { TranslationService } from '../../services/translations/translation-service.js';
import { v1Ok } from '../envelope.js';
import { spaceOf } from '../plugins/auth.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { v1Request } from './translation-request.js';
import { TRANSLATION_DESCRIPTION, V1CreateBody, V1CreateResponse, V1StatusQuery, V1StatusResponse } from './translation-schemas.js';

export function v1TranslationRoutes(base: FastifyInstance, translations: TranslationService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const tags = ['video translations'];
  app.post(
    '/v1/video_translate',
    { schema: { tags, summary: 'Translate a video (poll GET /v1/video_translate_status.get)', description: TRANSLATION_DESCRIPTION, body: V1CreateBody, response: { 200: V1CreateResponse, '4xx': V1Error } } },
    async (request) => {
      const [id] = await translations.create(spaceOf(request), v1Request(request.body));
      return v1Ok({ video_translate_id: id! });
    },
  );
  app.get(
    '/v1/video_translate_status.get',
    { schema: { tags, summary: 'A translation’s status, stage and signed result URLs', querystring: V1StatusQuery, response: { 200: V1StatusResponse, '4xx': V1Error } } },
    async (request) => v1Ok(await translations.getLegacy(spaceOf(request), request.query.video_translate_id, 'video_translate_id')),
  );
}
