// What /v3/lipsyncs calls: create, list (cursor), get, rename, delete, bulk statuses. Lip-syncs are
// translation rows of kind 'lipsync' (one pipeline, one job kind, one store); reads sign URLs afresh.
import { OratorError } from '../../domain/errors.js';
import type { TranslationKind, VideoTranslationRecord } from '../../domain/video-translation.js';
import { decodePageToken, pageOf } from '../page-token.js';
import type { BlobStore, Clock } from '../ports.js';
import type { CreateTranslationDeps } from '../translations/create-translation.js';
import { translationBlobPrefix } from '../translations/translation-blob-keys.js';
import type { TranslationStore } from '../translations/translation-ports.js';
import { createLipsync, type LipsyncRequest } from './create-lipsync.js';

export interface LipsyncServiceDeps {
  create: CreateTranslationDeps;
  store: TranslationStore;
  blobs: BlobStore;
  clock: Clock;
}

const sign = (blobs: BlobStore, key: string | null): Promise<string | null> => (key ? blobs.signedUrl(key) : Promise.resolve(null));

export async function lipsyncView(blobs: BlobStore, t: VideoTranslationRecord) {
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    duration: t.durationSec,
    video_url: await sign(blobs, t.blobs.video),
    caption_url: await sign(blobs, t.blobs.srt),
    audio_url: await sign(blobs, t.blobs.audio),
    callback_id: t.callbackId,
    created_at: Math.floor(t.createdAt / 1000),
    failure_message: t.error ? (t.error.detail ? `${t.error.message}: ${t.error.detail}` : t.error.message) : null,
    stage: t.stage,
    progress: t.progress,
    source_video: t.sourceLabel,
    engines: t.engines,
    error: t.error ? { code: t.error.code, message: t.error.message, detail: t.error.detail } : null,
  };
}

export type LipsyncView = Awaited<ReturnType<typeof lipsyncView>>;

/** HeyGen's status read model (shared with video batches): queued, processing, completed, failed, not_found. */
const BULK_STATUS = { pending: 'queued', running: 'processing', completed: 'completed', failed: 'failed' } as const;

/** HeyGen's bulk status read model for translations or lip-syncs: up to 100 ids, unknown ones not_found. */
export async function bulkStatuses(store: TranslationStore, spaceId: string, ids: readonly string[], kind: TranslationKind, param: string) {
  if (ids.length > 100) throw new OratorError('invalid_parameter', `${param} names ${ids.length} ids; at most 100 per request`, { param });
  const data = await Promise.all(
    ids.map(async (id) => {
      const t = await store.find(spaceId, id);
      if (!t || t.kind !== kind) return { video_id: id, status: 'not_found', error: null, batch_id: null, item_index: null };
      const error = t.error ? { code: t.error.code, message: t.error.message, detail: t.error.detail } : null;
      return { video_id: id, status: BULK_STATUS[t.status], error, batch_id: null, item_index: null };
    }),
  );
  return { data, has_more: false, next_token: null };
}

export function createLipsyncService(deps: LipsyncServiceDeps) {
  const found = async (spaceId: string, id: string): Promise<VideoTranslationRecord> => {
    const t = await deps.store.find(spaceId, id);
    if (!t || t.kind !== 'lipsync') throw new OratorError('lipsync_not_found', `lipsync_id ${id} is not a lip-sync of this space`, { param: 'lipsync_id' });
    return t;
  };
  return {
    create: (spaceId: string, request: LipsyncRequest) => createLipsync(deps.create, spaceId, request),
    get: async (spaceId: string, id: string) => lipsyncView(deps.blobs, await found(spaceId, id)),
    async list(spaceId: string, limit: number, token: string | undefined) {
      const rows = await deps.store.list(spaceId, limit + 1, token ? decodePageToken(token) : undefined, 'lipsync');
      const page = pageOf(rows, limit, (t) => ({ createdAt: t.createdAt, id: t.id }));
      return { data: await Promise.all(page.items.map((t) => lipsyncView(deps.blobs, t))), has_more: page.nextToken !== null, next_token: page.nextToken };
    },
    async rename(spaceId: string, id: string, title: string) {
      await found(spaceId, id);
      await deps.store.updateTitle(spaceId, id, title, deps.clock.now());
      return lipsyncView(deps.blobs, await found(spaceId, id));
    },
    async delete(spaceId: string, id: string) {
      await found(spaceId, id);
      const gone = await deps.store.softDelete(spaceId, id, deps.clock.now());
      if (!gone) throw new OratorError('lipsync_not_found', `lipsync_id ${id} is not a lip-sync of this space`, { param: 'lipsync_id' });
      await deps.blobs.deletePrefix(translationBlobPrefix(gone));
      return { id };
    },
    statuses: (spaceId: string, ids: readonly string[]) => bulkStatuses(deps.store, spaceId, ids, 'lipsync', 'lipsync_ids'),
  };
}

export type LipsyncService = ReturnType<typeof createLipsyncService>;
