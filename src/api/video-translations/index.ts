// The video translation resource: the v1 seed flow, v2 /v2/video_translate and v3 /v3/video-translations,
// with their proofreads.
import type { FastifyInstance } from 'fastify';
import type { TranslationService } from '../../services/translations/translation-service.js';
import { proofreadRoutes } from './proofread-routes.js';
import { v1TranslationRoutes } from './v1-translation-routes.js';
import { v2TranslationRoutes } from './v2-translation-routes.js';
import { v3TranslationRoutes } from './v3-translation-routes.js';

export async function videoTranslationRoutes(app: FastifyInstance, { translations }: { translations: TranslationService }): Promise<void> {
  v1TranslationRoutes(app, translations);
  v2TranslationRoutes(app, translations);
  v3TranslationRoutes(app, translations);
  proofreadRoutes(app, translations);
}
