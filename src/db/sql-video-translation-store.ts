// TranslationStore on Kysely (SQLite or Postgres). Every state change is a compare-and-set on `status`.
import type { Kysely, Selectable } from 'kysely';
import type {
  TranslatedSentence,
  TranslationCompletion,
  TranslationKind,
  TranslationError,
  TranslationStage,
  TranslationStatus,
  VideoTranslationRecord,
} from '../domain/video-translation.js';
import type { PageCursor } from '../services/page-token.js';
import type { NewVideoTranslation, TranslationStore } from '../services/translations/translation-ports.js';
import type { Database } from './database.js';
import { olderThan } from './keyset-cursor.js';
import type { VideoTranslationsTable } from './video-translation-tables.js';

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function translationFromRow(row: Selectable<VideoTranslationsTable>): VideoTranslationRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    kind: row.kind as TranslationKind,
    status: row.status as TranslationStatus,
    stage: row.stage as TranslationStage,
    progress: row.progress,
    title: row.title,
    source: JSON.parse(row.source),
    sourceLabel: row.source_label,
    inputLanguage: row.input_language,
    outputLanguage: row.output_language,
    voiceId: row.voice_id,
    options: JSON.parse(row.options),
    callbackId: row.callback_id,
    callbackUrl: row.callback_url,
    folderId: row.folder_id,
    blobs: { video: row.video_key, audio: row.audio_key, srt: row.srt_key, vtt: row.vtt_key },
    durationSec: row.duration,
    script: json(row.script),
    engines: json(row.engines),
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', detail: row.error_detail },
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
  };
}

export class SqlVideoTranslationStore implements TranslationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(t: NewVideoTranslation): Promise<void> {
    await this.db
      .insertInto('video_translations')
      .values({
        id: t.id,
        space_id: t.spaceId,
        kind: t.kind,
        status: 'pending',
        stage: 'queued',
        progress: 0,
        title: t.title,
        source: JSON.stringify(t.source),
        source_label: t.sourceLabel,
        input_language: t.inputLanguage,
        output_language: t.outputLanguage,
        voice_id: t.voiceId,
        options: JSON.stringify(t.options),
        callback_id: t.callbackId,
        callback_url: t.callbackUrl,
        folder_id: t.folderId,
        video_key: null,
        audio_key: null,
        srt_key: null,
        vtt_key: null,
        duration: null,
        script: null,
        engines: null,
        error_code: null,
        error_message: null,
        error_detail: null,
        created_at: t.createdAt,
        updated_at: t.createdAt,
        completed_at: null,
        deleted_at: null,
      })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<VideoTranslationRecord | undefined> {
    const row = await this.db.selectFrom('video_translations').selectAll().where('id', '=', id).where('space_id', '=', spaceId).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? translationFromRow(row) : undefined;
  }

  async findById(id: string): Promise<VideoTranslationRecord | undefined> {
    const row = await this.db.selectFrom('video_translations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? translationFromRow(row) : undefined;
  }

  async list(spaceId: string, limit: number, after?: PageCursor, kind: TranslationKind = 'translation'): Promise<VideoTranslationRecord[]> {
    let q = this.db.selectFrom('video_translations').selectAll().where('space_id', '=', spaceId).where('kind', '=', kind).where('deleted_at', 'is', null);
    if (after) q = q.where(olderThan(after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(translationFromRow);
  }

  async markRunning(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('video_translations')
      .set({ status: 'running', updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'running'])
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async updateStage(id: string, stage: TranslationStage, progress: number, now: number): Promise<void> {
    await this.db.updateTable('video_translations').set({ stage, progress, updated_at: now }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  async markCompleted(id: string, c: TranslationCompletion, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('video_translations')
      .set({
        status: 'completed',
        stage: 'done',
        progress: 100,
        video_key: c.blobs.video,
        audio_key: c.blobs.audio,
        srt_key: c.blobs.srt,
        vtt_key: c.blobs.vtt,
        duration: c.durationSec,
        script: JSON.stringify(c.script),
        engines: JSON.stringify(c.engines),
        updated_at: now,
        completed_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async markFailed(id: string, error: TranslationError, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('video_translations')
      .set({ status: 'failed', error_code: error.code, error_message: error.message, error_detail: error.detail, updated_at: now, completed_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async updateScript(spaceId: string, id: string, script: readonly TranslatedSentence[], now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('video_translations')
      .set({ script: JSON.stringify(script), updated_at: now })
      .where('id', '=', id)
      .where('space_id', '=', spaceId)
      .where('status', '=', 'completed')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async updateTitle(spaceId: string, id: string, title: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('video_translations')
      .set({ title, updated_at: now })
      .where('id', '=', id)
      .where('space_id', '=', spaceId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async softDelete(spaceId: string, id: string, now: number): Promise<VideoTranslationRecord | undefined> {
    const before = await this.find(spaceId, id);
    if (!before) return undefined;
    const r = await this.db
      .updateTable('video_translations')
      .set({ deleted_at: now, updated_at: now })
      .where('id', '=', id)
      .where('space_id', '=', spaceId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? before : undefined;
  }
}
