// POST /v2/video_translate, GET /v2/video_translate/{id}, /target_languages and /caption. HeyGen's spec
// gives these the v3 envelope ({data} and StandardAPIError), as it does /v2/videos.
import type { FastifyInstance } from 'fastify';
import type { TranslationService } from '../../services/translations/translation-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { v2Request } from './translation-request.js';
import {
  CaptionResponse,
  LanguagesResponse,
  TRANSLATION_DESCRIPTION,
  V2CaptionQuery,
  V2CreateBody,
  V2CreateResponse,
  V2DetailResponse,
  V2IdParams,
} from './translation-schemas.js';

export function v2TranslationRoutes(base: FastifyInstance, translations: TranslationService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const tags = ['video translations'];
  const config = { envelope: 'v3' as const };
  app.post(
    '/v2/video_translate',
    { config, schema: { tags, summary: 'Translate a video into one language or several', description: TRANSLATION_DESCRIPTION, body: V2CreateBody, response: { 200: V2CreateResponse, '4xx': V3Error } } },
    async (request) => {
      const ids = await translations.create(spaceOf(request), v2Request(request.body));
      return { data: request.body.output_languages ? { video_translate_ids: ids } : { video_translate_id: ids[0]! } };
    },
  );
  // Static paths first in intent; the router prefers them over /:video_translate_id anyway.
  app.get(
    '/v2/video_translate/target_languages',
    { config, schema: { tags, summary: 'Languages a video can be translated into here (installed pairs with a voice)', response: { 200: LanguagesResponse, '4xx': V3Error } } },
    async () => ({ data: await translations.languages() }),
  );
  app.get(
    '/v2/video_translate/caption',
    { config, schema: { tags, summary: 'A signed link to a translation’s captions (srt or vtt)', querystring: V2CaptionQuery, response: { 200: CaptionResponse, '4xx': V3Error } } },
    async (request) => {
      const q = request.query;
      return { data: { caption_url: await translations.captionUrl(spaceOf(request), q.video_translate_id, q.caption_type as 'srt' | 'vtt', 'video_translate_id') } };
    },
  );
  app.get(
    '/v2/video_translate/:video_translate_id',
    { config, schema: { tags, summary: 'A translation’s status, stage and signed result URLs', params: V2IdParams, response: { 200: V2DetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await translations.getLegacy(spaceOf(request), request.params.video_translate_id, 'video_translate_id') }),
  );
}
