// HeyGen v3 assets: POST /v3/assets (multipart/form-data, field `file`, up to 32 MB), GET /v3/assets,
// GET and DELETE /v3/assets/{asset_id}. Direct uploads, batches and search are not built.
import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { isOratorError, OratorError } from '../../domain/errors.js';
import type { AssetService, AssetView } from '../../services/assets/asset-service.js';
import { spaceOf } from '../plugins/auth.js';
import { AssetIdParams, AssetV3ListQuery, AssetV3ListResponse, AssetV3Response, DeleteAssetV3Response, UploadAssetV3Response } from './asset-schemas.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';

/** HeyGen's documented cap for POST /v3/assets. */
export const V3_ASSET_FILE_LIMIT = 32 * 1024 * 1024;
const FILE_REQUIRED = 'File is required. Upload a file using multipart/form-data.';
const MALFORMED = 'The multipart/form-data body is malformed';

/** A short, path-free reason from busboy's or the stream's error, for the client. */
function malformedReason(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/boundary not found/i.test(message)) return 'the Content-Type has no boundary';
  if (/unexpected end|premature|closed before/i.test(message)) return 'it ends before its closing boundary';
  return 'no part matched its boundary';
}

/** Service errors name v1's fields (the body, its Content-Type); here both are the `file` part. */
function asFileField(error: unknown): unknown {
  if (isOratorError(error) && (error.param === 'body' || error.param === 'Content-Type')) {
    return new OratorError(error.kind, error.message, { param: 'file', cause: error });
  }
  return error;
}

interface ReceivedFile {
  bytes: Buffer;
  mimetype: string;
  filename: string;
}
const received = new WeakMap<FastifyRequest, ReceivedFile>();

function v3AssetItem(a: AssetView) {
  return {
    folder_id: null,
    id: a.id,
    name: a.name,
    owner: a.owner,
    space_id: a.spaceId,
    type: a.fileType,
    uploaded_at: Math.floor(a.createdAt / 1000),
    url: a.url,
  };
}

/**
 * Reads the one file before the Idempotency-Key check (a preHandler), which hashes `request.body`:
 * the body becomes the file's name, type and digest, so a retry with the same file replays and another
 * file under the same key is refused.
 */
async function receiveFile(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) throw new OratorError('missing_params', FILE_REQUIRED, { param: 'file' });
  let file: ReceivedFile | undefined;
  try {
    // Every part is read, so a second file trips the one-file limit instead of being dropped unseen.
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') throw new OratorError('missing_params', FILE_REQUIRED, { param: 'file' });
      file = { bytes: await part.toBuffer(), mimetype: part.mimetype, filename: part.filename };
    }
  } catch (error) {
    if (isOratorError(error)) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new OratorError('payload_too_large', 'The file is larger than 32 MB', { param: 'file' });
    if (code === 'FST_FILES_LIMIT') throw new OratorError('invalid_parameter', 'Upload one file per request', { param: 'file' });
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new OratorError('payload_too_large', 'Too many form fields: send the file alone', { param: 'file' });
    // Everything else busboy or the stream raises (no boundary, a boundary the body never uses, a part
    // cut off before its end) is the client's malformed body, not a server fault.
    throw new OratorError('invalid_parameter', `${MALFORMED} (${malformedReason(error)})`, { param: 'file', cause: error });
  }
  if (!file) throw new OratorError('missing_params', FILE_REQUIRED, { param: 'file' });
  received.set(request, file);
  request.body = { file: { filename: file.filename, mimetype: file.mimetype, size: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex') } };
}

export function v3AssetRoutes(base: FastifyInstance, assets: AssetService): void {
  // Multipart parsing in this scope only; no other route takes form data.
  void base.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: V3_ASSET_FILE_LIMIT, files: 1, fields: 10, parts: 20 } });
    // A Content-Type Fastify cannot parse at all is no multipart body either: HeyGen's "file is required".
    scope.setErrorHandler((error: FastifyError, request) => {
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && request.method === 'POST' && request.routeOptions.url === '/v3/assets') {
        throw new OratorError('missing_params', FILE_REQUIRED, { param: 'file' });
      }
      throw error;
    });
    const app = scope.withTypeProvider<TypeBoxProvider>();

    app.post(
      '/v3/assets',
      {
        preValidation: receiveFile,
        schema: { tags: ['v3 assets'], summary: 'Upload an image, video or audio file (multipart/form-data field `file`, up to 32 MB)', response: { 200: UploadAssetV3Response, '4xx': V3Error } },
      },
      async (request) => {
        const file = received.get(request);
        if (!file) throw new OratorError('missing_params', FILE_REQUIRED, { param: 'file' });
        const a = await assets.upload(spaceOf(request), file.bytes, file.mimetype, file.filename).catch((error: unknown) => {
          throw asFileField(error);
        });
        return { data: { asset_id: a.id, url: a.url, mime_type: a.mimeType, size_bytes: a.sizeBytes } };
      },
    );

    app.get(
      '/v3/assets',
      { schema: { tags: ['v3 assets'], summary: 'List uploaded assets, newest first', querystring: AssetV3ListQuery, response: { 200: AssetV3ListResponse, '4xx': V3Error } } },
      async (request) => {
        const q = request.query;
        // Uploads are never filed in a folder: a folder id finds none, an empty one (root) finds all.
        if (q.folder_id) return { data: [], has_more: false, next_token: null };
        const page = await assets.list(spaceOf(request), q.limit ?? 20, q.token || undefined);
        return { data: page.assets.map(v3AssetItem), has_more: page.nextToken !== null, next_token: page.nextToken };
      },
    );

    app.get(
      '/v3/assets/:asset_id',
      { schema: { tags: ['v3 assets'], summary: 'Asset detail (URL signed fresh on every call)', params: AssetIdParams, response: { 200: AssetV3Response, '4xx': V3Error } } },
      async (request) => ({ data: v3AssetItem(await assets.get(spaceOf(request), request.params.asset_id)) }),
    );

    app.delete(
      '/v3/assets/:asset_id',
      { schema: { tags: ['v3 assets'], summary: 'Delete an asset and its file', params: AssetIdParams, response: { 200: DeleteAssetV3Response, '4xx': V3Error } } },
      async (request) => {
        await assets.delete(spaceOf(request), request.params.asset_id);
        return { data: { id: request.params.asset_id } };
      },
    );
  });
}
