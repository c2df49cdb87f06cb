// Proofreads: v3 /v3/video-translations/proofreads (create, get, GET/PUT …/srt, …/generate) and the
// legacy v2 /v2/video_translate/proofread (create, status). Thin: parse, call the service, wrap.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { SrtInput } from '../../services/translations/proofread-service.js';
import type { TranslationRequest } from '../../services/translations/create-translation.js';
import type { TranslationService } from '../../services/translations/translation-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import {
  ProofreadDetailResponse,
  ProofreadGenerateBody,
  ProofreadGenerateResponse,
  ProofreadIdParams,
  ProofreadSrtResponse,
  ProofreadUploadBody,
  V2ProofreadCreateBody,
  V2ProofreadCreateResponse,
  V3ProofreadCreateBody,
  V3ProofreadCreateResponse,
} from './proofread-schemas.js';
import { v2Request, v3Request } from './translation-request.js';

const DESCRIPTION =
  'Runs the translation up to its text and stops: download the translated SRT (GET …/srt), edit it, upload it back (PUT …/srt), then POST …/generate: the video speaks the edited words at their times. ' +
  'An srt of what the video says may be given instead of speech recognition.';

function srtInput(srt: Static<typeof ProofreadUploadBody>['srt']): SrtInput {
  if (srt.type === 'text') {
    if (typeof srt.text !== 'string') throw new OratorError('missing_params', "srt.text is required when srt.type is 'text'", { param: 'srt.text' });
    return { text: srt.text };
  }
  if (srt.type === 'asset_id') {
    if (!srt.asset_id) throw new OratorError('missing_params', "srt.asset_id is required when srt.type is 'asset_id'", { param: 'srt.asset_id' });
    return { assetId: srt.asset_id };
  }
  if (!srt.url) throw new OratorError('missing_params', "srt.url is required when srt.type is 'url'", { param: 'srt.url' });
  return { url: srt.url };
}

function v3ProofreadRequest(body: Static<typeof V3ProofreadCreateBody>): TranslationRequest {
  const srt = body.srt ? srtInput(body.srt) : null;
  return { ...v3Request({ ...body, translate_audio_only: null }), sourceSrt: srt && !('text' in srt) ? srt : null };
}

export function proofreadRoutes(base: FastifyInstance, translations: TranslationService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const proofreads = translations.proofreads;
  const tags = ['v3 video translations'];
  app.post(
    '/v3/video-translations/proofreads',
    { schema: { tags, summary: 'Translate a video’s text for proofreading (no video yet)', description: DESCRIPTION, body: V3ProofreadCreateBody, response: { 200: V3ProofreadCreateResponse, '4xx': V3Error } } },
    async (request) => ({ data: { proofread_ids: await proofreads.create(spaceOf(request), v3ProofreadRequest(request.body)), status: 'processing' } }),
  );
  app.get(
    '/v3/video-translations/proofreads/:proofread_id',
    { schema: { tags, summary: 'A proofread: status and its script as it stands', params: ProofreadIdParams, response: { 200: ProofreadDetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await proofreads.get(spaceOf(request), request.params.proofread_id) }),
  );
  app.get(
    '/v3/video-translations/proofreads/:proofread_id/srt',
    { schema: { tags, summary: 'Signed links to the translated SRT (to edit) and the source’s SRT', params: ProofreadIdParams, response: { 200: ProofreadSrtResponse, '4xx': V3Error } } },
    async (request) => ({ data: await proofreads.srtUrls(spaceOf(request), request.params.proofread_id) }),
  );
  app.put(
    '/v3/video-translations/proofreads/:proofread_id/srt',
    { schema: { tags, summary: 'Replace the translated text with an edited SRT (400672 names a malformed line)', params: ProofreadIdParams, body: ProofreadUploadBody, response: { 200: ProofreadDetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await proofreads.uploadSrt(spaceOf(request), request.params.proofread_id, srtInput(request.body.srt)) }),
  );
  app.post(
    '/v3/video-translations/proofreads/:proofread_id/generate',
    { schema: { tags, summary: 'Make the translated video from the proofread text', params: ProofreadIdParams, body: ProofreadGenerateBody, response: { 200: ProofreadGenerateResponse, '4xx': V3Error } } },
    async (request) => {
      const b = request.body ?? {};
      return { data: await proofreads.generate(spaceOf(request), request.params.proofread_id, { callbackId: b.callback_id, callbackUrl: b.callback_url, translateAudioOnly: b.translate_audio_only }) };
    },
  );
  const config = { envelope: 'v3' as const };
  app.post(
    '/v2/video_translate/proofread',
    { config, schema: { tags: ['video translations'], summary: 'Translate a video’s text for proofreading (legacy)', description: DESCRIPTION, body: V2ProofreadCreateBody, response: { 200: V2ProofreadCreateResponse, '4xx': V3Error } } },
    async (request) => {
      const body = request.body;
      const ids = await proofreads.create(spaceOf(request), { ...v2Request({ ...body, translate_audio_only: null }), sourceSrt: body.srt_url ? { url: body.srt_url } : null });
      return { data: { proofread_id: ids[0]!, proofread_ids: ids } };
    },
  );
  app.get(
    '/v2/video_translate/proofread/:proofread_id',
    { config, schema: { tags: ['video translations'], summary: 'A proofread’s status (legacy)', params: ProofreadIdParams, response: { 200: ProofreadDetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await proofreads.get(spaceOf(request), request.params.proofread_id) }),
  );
}
