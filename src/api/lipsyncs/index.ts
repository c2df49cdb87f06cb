// /v3/lipsyncs (and its old name /v3/overdubs): create (Idempotency-Key honoured by the plugin), list
// with a cursor, get, rename, delete, bulk statuses. Thin: parse, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { LipsyncService } from '../../services/lipsyncs/lipsync-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import {
  LIPSYNC_DESCRIPTION,
  LipsyncCreateBody,
  LipsyncCreateResponse,
  LipsyncDeleteResponse,
  LipsyncDetailResponse,
  LipsyncIdParams,
  LipsyncListQuery,
  LipsyncListResponse,
  LipsyncPatchBody,
  LipsyncStatusesQuery,
  LipsyncStatusesResponse,
} from './lipsync-schemas.js';

type FileBody = { type: string; url?: string | null; asset_id?: string | null };

function fileOf(f: FileBody, param: string): { url: string } | { assetId: string } {
  if (f.type === 'asset_id') {
    if (!f.asset_id) throw new OratorError('missing_params', `${param}.asset_id is required when ${param}.type is 'asset_id'`, { param: `${param}.asset_id` });
    return { assetId: f.asset_id };
  }
  if (!f.url) throw new OratorError('missing_params', `${param}.url is required when ${param}.type is 'url'`, { param: `${param}.url` });
  return { url: f.url };
}

export async function lipsyncRoutes(base: FastifyInstance, { lipsyncs }: { lipsyncs: LipsyncService }): Promise<void> {
  lipsyncRoutesAt(base, lipsyncs, '/v3/lipsyncs', false);
  // HeyGen's CLI called these /v3/overdubs for a week before renaming them (API-SURFACE §3.7): an alias.
  lipsyncRoutesAt(base, lipsyncs, '/v3/overdubs', true);
}

function lipsyncRoutesAt(base: FastifyInstance, lipsyncs: LipsyncService, root: string, hide: boolean): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  const tags = ['v3 lipsyncs'];
  app.post(
    root,
    { schema: { hide, tags, summary: 'Give a video new audio (or a script) and re-sync its mouth', description: LIPSYNC_DESCRIPTION, body: LipsyncCreateBody, response: { 200: LipsyncCreateResponse, '4xx': V3Error } } },
    async (request) => {
      const b = request.body;
      const lipsyncId = await lipsyncs.create(spaceOf(request), {
        video: fileOf(b.video, 'video'),
        audio: b.audio ? fileOf(b.audio, 'audio') : null,
        script: b.script,
        voiceId: b.voice_id,
        title: b.title,
        callbackId: b.callback_id,
        callbackUrl: b.callback_url,
        folderId: b.folder_id,
        disableMusicTrack: b.disable_music_track,
      });
      return { data: { lipsync_id: lipsyncId } };
    },
  );
  app.get(
    root,
    { schema: { hide, tags, summary: 'Lip-syncs, newest first', querystring: LipsyncListQuery, response: { 200: LipsyncListResponse, '4xx': V3Error } } },
    async (request) => lipsyncs.list(spaceOf(request), request.query.limit ?? 10, request.query.token || undefined),
  );
  app.get(
    `${root}/statuses`,
    { schema: { hide, tags, summary: 'Statuses of up to 100 lip-syncs (lipsync_ids, comma-separated)', querystring: LipsyncStatusesQuery, response: { 200: LipsyncStatusesResponse, '4xx': V3Error } } },
    async (request) => {
      const ids = (request.query.lipsync_ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (request.query.batch_ids) throw new OratorError('invalid_parameter', 'batch_ids: lip-sync batches are not built here; pass lipsync_ids', { param: 'batch_ids' });
      if (ids.length === 0) throw new OratorError('missing_params', 'lipsync_ids is required: comma-separated lip-sync ids', { param: 'lipsync_ids' });
      return lipsyncs.statuses(spaceOf(request), ids);
    },
  );
  app.get(
    `${root}/:lipsync_id`,
    { schema: { hide, tags, summary: 'A lip-sync (URLs signed fresh on every call)', params: LipsyncIdParams, response: { 200: LipsyncDetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await lipsyncs.get(spaceOf(request), request.params.lipsync_id) }),
  );
  app.patch(
    `${root}/:lipsync_id`,
    { schema: { hide, tags, summary: 'Rename a lip-sync', params: LipsyncIdParams, body: LipsyncPatchBody, response: { 200: LipsyncDetailResponse, '4xx': V3Error } } },
    async (request) => ({ data: await lipsyncs.rename(spaceOf(request), request.params.lipsync_id, request.body.title) }),
  );
  app.delete(
    `${root}/:lipsync_id`,
    { schema: { hide, tags, summary: 'Delete a lip-sync and its files', params: LipsyncIdParams, response: { 200: LipsyncDeleteResponse, '4xx': V3Error } } },
    async (request) => ({ data: await lipsyncs.delete(spaceOf(request), request.params.lipsync_id) }),
  );
}
