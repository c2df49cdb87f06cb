// /v3/video-translations: create (Idempotency-Key honoured by the plugin), list with a cursor, get,
// rename, delete, captions and the language list. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { TranslationService } from '../../services/translations/translation-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import { LipsyncStatusesResponse as StatusesResponse } from '../lipsyncs/lipsync-schemas.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { v3Request } from './translation-request.js';
import {
  CaptionResponse,
  LanguagesResponse,
  TRANSLATION_DESCRIPTION,
  V3CaptionQuery,
  V3CreateBody,
  V3CreateResponse,
  V3DeleteResponse,
  V3DetailResponse,
  V3IdParams,
  V3ListQuery,
  V3ListResponse,
  V3PatchBody,
  V3StatusesQuery as StatusesQuery,
} from './translation-schemas.js';

export function v3TranslationRoutes(base: FastifyInstance, translations: TranslationService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const tags = ['v3 video translations'];
  app.post(
    '/v3/video-translations',
    { schema: { tags, summary: 'Translate a video into one or more languages', description: TRANSLATION_DESCRIPTION, body: V3CreateBody, response: { 200: V3CreateResponse, '4xx': V3Error } } },
    async (request) => ({ data: { video_translation_ids: await translations.create(spaceOf(request), v3Request(request.body)) } }),
  );
  app.get(
    '/v3/video-translations',
    { schema: { tags, summary: 'Video translations, newest first', querystring: V3ListQuery, response: { 200: V3ListResponse, '4xx': V3Error } } },
    async (request) => translations.list(spaceOf(request), request.query.limit ?? 10, request.query.token || undefined),
  );
  app.get(
    '/v3/video-translations/languages',
    { schema: { tags, summary: 'Languages a video can be translated into here (installed pairs with a voice)', response: { 200: LanguagesResponse, '4xx': V3Error } } },
    async () => ({ data: await translations.languages() }),
  );
  app.get(
    '/v3/video-translations/statuses',
    { schema: { tags, summary: 'Statuses of up to 100 translations (video_translation_ids, comma-separated)', querystring: StatusesQuery, response: { 200: StatusesResponse, '4xx': V3Error } } },
    async (request) => {
      const ids = (request.query.video_translation_ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (request.query.batch_ids) throw new OratorError('invalid_parameter', 'batch_ids: translation batches are not built here; pass video_translation_ids', { param: 'batch_ids' });
      if (ids.length === 0) throw new OratorError('missing_params', 'video_translation_ids is required: comma-separated translation ids', { param: 'video_translation_ids' });
      return translations.statuses(spaceOf(request), ids);
    },
  );
  app.get(
    '/v3/video-translations/:video_translation_id',
    { schema: { tags, summary: 'A video translation (URLs signed fresh on every call)', params: V3IdParams, response: { 200: V3DetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await translations.getV3(spaceOf(request), request.params.video_translation_id) }),
  );
  app.patch(
    '/v3/video-translations/:video_translation_id',
    { schema: { tags, summary: 'Rename a video translation', params: V3IdParams, body: V3PatchBody, response: { 200: V3DetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await translations.rename(spaceOf(request), request.params.video_translation_id, request.body.title) }),
  );
  app.delete(
    '/v3/video-translations/:video_translation_id',
    { schema: { tags, summary: 'Delete a video translation and its files', params: V3IdParams, response: { 200: V3DeleteResponse, '4xx': V3Error } } },
    async (request) => ({ data: await translations.delete(spaceOf(request), request.params.video_translation_id) }),
  );
  app.get(
    '/v3/video-translations/:video_translation_id/caption',
    { schema: { tags, summary: 'A signed link to the captions (srt or vtt)', params: V3IdParams, querystring: V3CaptionQuery, response: { 200: CaptionResponse, '4xx': V3Error } } },
    async (request) => ({ data: { caption_url: await translations.captionUrl(spaceOf(request), request.params.video_translation_id, request.query.format as 'srt' | 'vtt', 'video_translation_id') } }),
  );
}
