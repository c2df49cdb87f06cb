// BatchStore on Kysely (SQLite or Postgres). Items are read joined with their videos (deleted ones
// included: a batch records what was generated), so a page of items costs one query.
import type { Kysely } from 'kysely';
import type { VideoStatus } from '../domain/video.js';
import type { BatchItemRow, BatchRecord, BatchStore, NewBatchItem } from '../services/batches/batch-ports.js';
import type { Database } from './database.js';

export class SqlBatchStore implements BatchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(batch: BatchRecord, items: readonly NewBatchItem[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('video_batches')
        .values({ id: batch.id, space_id: batch.spaceId, title: batch.title, callback_url: batch.callbackUrl, total_items: batch.totalItems, created_at: batch.createdAt, finished_at: null })
        .execute();
      if (items.length === 0) return;
      await trx
        .insertInto('video_batch_items')
        .values(
          items.map((i) => ({
            batch_id: batch.id,
            item_index: i.index,
            video_id: i.videoId,
            error_code: i.error?.code ?? null,
            error_message: i.error?.message ?? null,
            error_param: i.error?.param ?? null,
          })),
        )
        .execute();
    });
  }

  async find(spaceId: string, id: string): Promise<BatchRecord | undefined> {
    const r = await this.db.selectFrom('video_batches').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    return { id: r.id, spaceId: r.space_id, title: r.title, callbackUrl: r.callback_url, totalItems: Number(r.total_items), createdAt: Number(r.created_at) };
  }

  async listItems(batchId: string, fromIndex: number, limit: number): Promise<BatchItemRow[]> {
    const rows = await this.db
      .selectFrom('video_batch_items as i')
      .leftJoin('videos as v', 'v.id', 'i.video_id')
      .select(['i.item_index', 'i.video_id', 'i.error_code', 'i.error_message', 'i.error_param', 'v.status', 'v.error_code as video_error_code', 'v.error_message as video_error_message'])
      .where('i.batch_id', '=', batchId)
      .where('i.item_index', '>=', fromIndex)
      .orderBy('i.item_index')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      index: Number(r.item_index),
      videoId: r.video_id,
      error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '', param: r.error_param },
      video: r.status === null ? null : { status: r.status as VideoStatus, errorCode: r.video_error_code === null ? null : Number(r.video_error_code), errorMessage: r.video_error_message },
    }));
  }

  async countByVideoStatus(batchId: string): Promise<{ videoStatus: VideoStatus | null; count: number }[]> {
    const rows = await this.db
      .selectFrom('video_batch_items as i')
      .leftJoin('videos as v', 'v.id', 'i.video_id')
      .select(['v.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('i.batch_id', '=', batchId)
      .groupBy('v.status')
      .execute();
    return rows.map((r) => ({ videoStatus: (r.status as VideoStatus | null) ?? null, count: Number(r.n) }));
  }
}
