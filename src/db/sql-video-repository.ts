// VideoRepository on Kysely (SQLite or Postgres). Every state change is a compare-and-set on `status`.
import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { VideoCompletion, VideoError, VideoRecord, VideoStatus, VideoSummary } from '../domain/video.js';
import type { NewVideo, VideoRepository } from '../services/ports.js';
import type { PageCursor } from '../services/page-token.js';
import { olderThan } from './keyset-cursor.js';
import type { Database, VideosTable } from './database.js';
import type { CommittedReader } from './sqlite-committed-reader.js';

type SummaryRow = Omit<Selectable<VideosTable>, 'plan' | 'request' | 'render_timings'>;

/** Every column but the two large JSON ones: listings and status polls never read them. */
export const SUMMARY_COLUMNS = [
  'id', 'space_id', 'status', 'title', 'callback_id', 'callback_url', 'folder_id', 'progress',
  'video_key', 'caption_video_key', 'thumbnail_key', 'gif_key', 'srt_key', 'vtt_key',
  'duration', 'width', 'height', 'quality', 'error_code', 'error_message', 'error_detail',
  'created_at', 'completed_at', 'deleted_at',
] as const satisfies readonly (keyof SummaryRow)[];

/** A summary row from its values in SUMMARY_COLUMNS order (a test holds the two orders together). */
export function summaryRowFromValues(values: readonly unknown[]): SummaryRow {
  const [
    id, space_id, status, title, callback_id, callback_url, folder_id, progress,
    video_key, caption_video_key, thumbnail_key, gif_key, srt_key, vtt_key,
    duration, width, height, quality, error_code, error_message, error_detail,
    created_at, completed_at, deleted_at,
  ] = values as any[];
  return {
    id, space_id, status, title, callback_id, callback_url, folder_id, progress,
    video_key, caption_video_key, thumbnail_key, gif_key, srt_key, vtt_key,
    duration, width, height, quality, error_code, error_message, error_detail,
    created_at, completed_at, deleted_at,
  };
}

export function videoSummaryFromRow(row: SummaryRow): VideoSummary {
  return {
    id: row.id,
    spaceId: row.space_id,
    status: row.status as VideoStatus,
    title: row.title,
    callbackId: row.callback_id,
    callbackUrl: row.callback_url,
    folderId: row.folder_id,
    progress: row.progress,
    blobs: {
      video: row.video_key,
      captionVideo: row.caption_video_key,
      thumbnail: row.thumbnail_key,
      gif: row.gif_key,
      srt: row.srt_key,
      vtt: row.vtt_key,
    },
    durationSec: row.duration,
    width: row.width,
    height: row.height,
    quality: row.quality ? JSON.parse(row.quality) : null,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', detail: row.error_detail },
    createdAt: Number(row.created_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
  };
}

export function videoFromRow(row: Selectable<VideosTable>): VideoRecord {
  return { ...videoSummaryFromRow(row), plan: JSON.parse(row.plan), request: JSON.parse(row.request), renderTimings: row.render_timings ? JSON.parse(row.render_timings) : null };
}

export class SqlVideoRepository implements VideoRepository {
  /** `reader` (embedded SQLite) serves the status lookup without Kysely's executor. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reader?: CommittedReader,
  ) {}

  async insert(v: NewVideo): Promise<void> {
    await this.db
      .insertInto('videos')
      .values({
        id: v.id,
        space_id: v.spaceId,
        status: 'pending',
        title: v.title,
        callback_id: v.callbackId,
        callback_url: v.callbackUrl,
        folder_id: v.folderId,
        plan: JSON.stringify(v.plan),
        request: JSON.stringify(v.request),
        progress: 0,
        video_key: null,
        caption_video_key: null,
        thumbnail_key: null,
        gif_key: null,
        srt_key: null,
        vtt_key: null,
        duration: null,
        width: v.width,
        height: v.height,
        quality: null,
        render_timings: null,
        error_code: null,
        error_message: null,
        error_detail: null,
        created_at: v.createdAt,
        completed_at: null,
        deleted_at: null,
      })
      .execute();
  }

  /** SQL text of the status lookup, compiled once: this is the hottest query (every status poll). */
  private findInSpaceSql: string | undefined;

  async findInSpace(spaceId: string, id: string): Promise<VideoSummary | undefined> {
    // Building and compiling the Kysely query costs more than running it; the SQL text never changes,
    // only its two parameters (id, then space_id, in where-clause order), so compile it once.
    this.findInSpaceSql ??= this.db
      .selectFrom('videos')
      .select(SUMMARY_COLUMNS)
      .where('id', '=', id)
      .where('space_id', '=', spaceId)
      .where('deleted_at', 'is', null)
      .compile().sql;
    let row: SummaryRow | undefined;
    if (this.reader) {
      const values = this.reader.getValues(this.findInSpaceSql, [id, spaceId]);
      row = values && summaryRowFromValues(values);
    } else {
      row = (await this.db.executeQuery<SummaryRow>(CompiledQuery.raw(this.findInSpaceSql, [id, spaceId]))).rows[0];
    }
    return row ? videoSummaryFromRow(row) : undefined;
  }

  async findById(id: string): Promise<VideoRecord | undefined> {
    const row = await this.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? videoFromRow(row) : undefined;
  }

  async listInSpace(spaceId: string, limit: number, after?: PageCursor): Promise<VideoSummary[]> {
    let q = this.db.selectFrom('videos').select(SUMMARY_COLUMNS).where('space_id', '=', spaceId).where('deleted_at', 'is', null);
    if (after) q = q.where(olderThan(after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(videoSummaryFromRow);
  }

  async markProcessing(id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('videos')
      .set({ status: 'processing' })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'processing'])
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updateProgress(id: string, progress: number): Promise<void> {
    await this.db.updateTable('videos').set({ progress }).where('id', '=', id).where('status', '=', 'processing').execute();
  }

  async markCompleted(id: string, c: VideoCompletion, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('videos')
      .set({
        status: 'completed',
        progress: 100,
        video_key: c.blobs.video,
        caption_video_key: c.blobs.captionVideo,
        thumbnail_key: c.blobs.thumbnail,
        gif_key: c.blobs.gif,
        srt_key: c.blobs.srt,
        vtt_key: c.blobs.vtt,
        duration: c.durationSec,
        width: c.width,
        height: c.height,
        quality: JSON.stringify(c.quality),
        render_timings: c.renderTimings ? JSON.stringify(c.renderTimings) : null,
        completed_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markFailed(id: string, error: VideoError, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('videos')
      .set({ status: 'failed', error_code: error.code, error_message: error.message, error_detail: error.detail, completed_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'processing'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async softDelete(spaceId: string, id: string, now: number): Promise<VideoSummary | undefined> {
    const found = await this.findInSpace(spaceId, id);
    if (!found) return undefined;
    const r = await this.db
      .updateTable('videos')
      .set({ deleted_at: now })
      .where('id', '=', id)
      .where('space_id', '=', spaceId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? found : undefined;
  }

  async countInSpace(spaceId: string): Promise<number> {
    const r = await this.db
      .selectFrom('videos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('space_id', '=', spaceId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
