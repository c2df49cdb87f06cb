// What the translation routes (v1, v2, v3) call: create, read, list, rename, delete, the language list
// and caption links. Reads sign their URLs afresh; deletes drop the files too.
import { OratorError } from '../../domain/errors.js';
import type { VideoTranslationRecord } from '../../domain/video-translation.js';
import { decodePageToken, pageOf } from '../page-token.js';
import type { BlobStore, Clock } from '../ports.js';
import { createTranslations, type CreateTranslationDeps, type TranslationRequest } from './create-translation.js';
import { translationBlobPrefix } from './translation-blob-keys.js';
import { bulkStatuses, type LipsyncService } from '../lipsyncs/lipsync-service.js';
import type { ProofreadService } from './proofread-service.js';
import type { TranslationStore } from './translation-ports.js';
import { legacyTranslationView, v3TranslationView } from './translation-views.js';

export interface TranslationServiceDeps {
  create: CreateTranslationDeps;
  store: TranslationStore;
  blobs: BlobStore;
  clock: Clock;
  /** What kind of machine translation the configured engine is (shown with the language list). */
  translatorNote: string;
  recognitionName: string;
  proofreads: ProofreadService;
  lipsyncs: LipsyncService;
}

export type LegacyTranslationView = Awaited<ReturnType<typeof legacyTranslationView>>;
export type V3TranslationView = Awaited<ReturnType<typeof v3TranslationView>>;

export interface LanguageList {
  languages: string[];
  details: { language: string; name: string; source_languages: string[]; voice_ids: string[] }[];
  translation_engine: string;
  speech_recognition: string;
  lip_sync: string;
}

export interface TranslationService {
  create(spaceId: string, request: TranslationRequest): Promise<string[]>;
  getLegacy(spaceId: string, id: string, param: string): Promise<LegacyTranslationView>;
  getV3(spaceId: string, id: string): Promise<V3TranslationView>;
  list(spaceId: string, limit: number, token: string | undefined): Promise<{ data: V3TranslationView[]; has_more: boolean; next_token: string | null }>;
  rename(spaceId: string, id: string, title: string): Promise<V3TranslationView>;
  delete(spaceId: string, id: string): Promise<{ id: string }>;
  languages(): Promise<LanguageList>;
  captionUrl(spaceId: string, id: string, format: 'srt' | 'vtt', param: string): Promise<string>;
  statuses(spaceId: string, ids: readonly string[]): ReturnType<typeof bulkStatuses>;
  /** A translation stopped at its text, edited, then generated (/v3/video-translations/proofreads). */
  proofreads: ProofreadService;
  /** Lip-syncs share the pipeline and the store (/v3/lipsyncs). */
  lipsyncs: LipsyncService;
}


export const LIP_SYNC_NOTE =
  'Orator renders are re-rendered with the new speech, so the avatar’s mouth speaks the translation. Other footage gets the new speech and its mouth re-drawn to it wherever a face is tracked (the face mesh warped per frame, the mouth opening with the new speech’s loudness, not yet its phones); frames without a face keep their picture.';

export function createTranslationService(deps: TranslationServiceDeps): TranslationService {
  const found = async (spaceId: string, id: string, param: string): Promise<VideoTranslationRecord> => {
    const t = await deps.store.find(spaceId, id);
    if (!t || t.kind !== 'translation') throw new OratorError('translation_not_found', `${param} ${id} is not a video translation of this space`, { param });
    return t;
  };
  return {
    proofreads: deps.proofreads,
    lipsyncs: deps.lipsyncs,
    statuses: (spaceId, ids) => bulkStatuses(deps.store, spaceId, ids, 'translation', 'video_translation_ids'),
    create: (spaceId, request) => createTranslations(deps.create, spaceId, request),
    getLegacy: async (spaceId, id, param) => legacyTranslationView(deps.blobs, await found(spaceId, id, param)),
    getV3: async (spaceId, id) => v3TranslationView(deps.blobs, await found(spaceId, id, 'video_translation_id')),
    async list(spaceId, limit, token) {
      const rows = await deps.store.list(spaceId, limit + 1, token ? decodePageToken(token) : undefined);
      const page = pageOf(rows, limit, (t) => ({ createdAt: t.createdAt, id: t.id }));
      return { data: await Promise.all(page.items.map((t) => v3TranslationView(deps.blobs, t, false))), has_more: page.nextToken !== null, next_token: page.nextToken };
    },
    async rename(spaceId, id, title) {
      await found(spaceId, id, 'video_translation_id');
      await deps.store.updateTitle(spaceId, id, title, deps.clock.now());
      return v3TranslationView(deps.blobs, await found(spaceId, id, 'video_translation_id'));
    },
    async delete(spaceId, id) {
      await found(spaceId, id, 'video_translation_id');
      const gone = await deps.store.softDelete(spaceId, id, deps.clock.now());
      if (!gone) throw new OratorError('translation_not_found', `video_translation_id ${id} is not a video translation of this space`, { param: 'video_translation_id' });
      await deps.blobs.deletePrefix(translationBlobPrefix(gone));
      return { id };
    },
    async languages() {
      const list = await deps.create.languages();
      return {
        languages: list.map((l) => l.language),
        details: list.map((l) => ({ language: l.language, name: l.name, source_languages: l.sourceLanguages, voice_ids: l.voiceIds })),
        translation_engine: deps.translatorNote,
        speech_recognition: `${deps.recognitionName} for footage; Orator renders are translated from their stored script`,
        lip_sync: LIP_SYNC_NOTE,
      };
    },
    async captionUrl(spaceId, id, format, param) {
      const t = await found(spaceId, id, param);
      const key = format === 'vtt' ? t.blobs.vtt : t.blobs.srt;
      if (!key) throw new OratorError('invalid_parameter', `Video translation ${id} is ${t.status}: its captions exist once it has completed`, { param });
      return deps.blobs.signedUrl(key);
    },
  };
}
