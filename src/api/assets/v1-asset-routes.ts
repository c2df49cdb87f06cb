// HeyGen v1 assets: POST /v1/asset takes the raw file as the body (HeyGen serves it on
// upload.heygen.com), GET /v1/asset/list pages through this space's assets, and
// POST /v1/asset/{asset_id}/delete removes one.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { AssetService, AssetView } from '../../services/assets/asset-service.js';
import { OratorError } from '../../domain/errors.js';
import { ACCEPTED_MEDIA_TYPES, mediaTypeOf, UPLOAD_MEDIA_TYPES } from '../../services/assets/detect-asset-format.js';
import { spaceOf } from '../plugins/auth.js';
import { AssetIdParams, AssetV1DeleteResponse, AssetV1ListQuery, AssetV1ListResponse, AssetV1UploadResponse } from './asset-schemas.js';
import { V1Error } from '../schemas/envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

/** HeyGen's limit for video inputs; images (50 MB) and audio are held to their own limits by the service. */
export const V1_ASSET_BODY_LIMIT = 100 * 1024 * 1024;
const UNSUPPORTED_TYPE = `Content-Type must be one of ${UPLOAD_MEDIA_TYPES.join(', ')} (the file's own media type; the bytes must agree)`;

function v1AssetOk<T>(data: T): { code: 100; data: T; msg: null; message: null } {
  return { code: 100, data, msg: null, message: null };
}

function v1AssetItem(a: AssetView) {
  return {
    id: a.id,
    name: a.name,
    file_type: a.fileType,
    folder_id: null,
    meta: null,
    created_ts: Math.floor(a.createdAt / 1000),
    url: a.url,
    // HeyGen's photo-avatar endpoints take an image by this key; ours names the asset.
    image_key: a.fileType === 'image' ? `image/${a.id}/original` : null,
  };
}

export function v1AssetRoutes(base: FastifyInstance, assets: AssetService): void {
  // A child scope whose only parser hands every body over as bytes, so the upload route can name the
  // accepted types itself instead of Fastify's "must be application/json", and the delete ignores any body.
  void base.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: V1_ASSET_BODY_LIMIT }, (_request, body, done) => done(null, body));
    // A Content-Type Fastify cannot even parse ("image/", "garbage") fails before any parser runs;
    // it is still a wrong Content-Type, answered with the list, not the app's "must be application/json".
    scope.setErrorHandler((error: FastifyError, request) => {
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && request.routeOptions.url === '/v1/asset') {
        throw new OratorError('invalid_parameter', UNSUPPORTED_TYPE, { param: 'Content-Type' });
      }
      throw error;
    });
    const app = scope.withTypeProvider<TypeBoxProvider>();
    app.post(
      '/v1/asset',
      {
        bodyLimit: V1_ASSET_BODY_LIMIT,
        schema: { tags: ['assets'], summary: 'Upload an image, video or audio file (raw body, up to 100 MB)', response: { 200: AssetV1UploadResponse, '4xx': V1Error } },
      },
      async (request) => {
        const contentType = mediaTypeOf(request.headers['content-type']);
        if (!contentType || !ACCEPTED_MEDIA_TYPES.has(contentType)) throw new OratorError('invalid_parameter', UNSUPPORTED_TYPE, { param: 'Content-Type' });
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return v1AssetOk(v1AssetItem(await assets.upload(spaceOf(request), body, contentType)));
      },
    );
    // Here too so a body-less POST sent as application/json (common in client libraries) is not a JSON error.
    app.post(
      '/v1/asset/:asset_id/delete',
      {
        bodyLimit: 64 * 1024,
        schema: { tags: ['assets'], summary: 'Delete an uploaded asset and its file', params: AssetIdParams, response: { 200: AssetV1DeleteResponse, '4xx': V1Error } },
      },
      async (request) => {
        await assets.delete(spaceOf(request), request.params.asset_id);
        return v1AssetOk(null);
      },
    );
  });

  const app = base.withTypeProvider<TypeBoxProvider>();
  app.get(
    '/v1/asset/list',
    { schema: { tags: ['assets'], summary: 'List uploaded assets, newest first', querystring: AssetV1ListQuery, response: { 200: AssetV1ListResponse, '4xx': V1Error } } },
    async (request) => {
      const page = await assets.list(spaceOf(request), request.query.limit ?? 100, request.query.token || undefined);
      return v1AssetOk({ assets: page.assets.map(v1AssetItem), token: page.nextToken });
    },
  );
}
