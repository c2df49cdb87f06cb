// BatchStore and BatchLedger on Kysely (SQLite or Postgres), on the database or on a transaction (the
// unit of work's TransactionScope.batches). Items are read joined with their videos, deleted ones
// included (a batch records what was generated), so a page of items costs one query.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { VideoStatus } from '../domain/video.js';
import type { BatchItemCount, BatchItemRow, BatchLedger, BatchRecord, BatchStore, NewBatchItem } from '../services/batches/batch-ports.js';
import type { Database, VideoBatchesTable } from './database.js';

function fromRow(r: Selectable<VideoBatchesTable>): BatchRecord {
  return { id: r.id, spaceId: r.space_id, title: r.title, callbackUrl: r.callback_url, totalItems: Number(r.total_items), createdAt: Number(r.created_at) };
}

export class SqlBatchStore implements BatchStore, BatchLedger {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(batch: BatchRecord): Promise<void> {
    await this.db
      .insertInto('video_batches')
      .values({ id: batch.id, space_id: batch.spaceId, title: batch.title, callback_url: batch.callbackUrl, total_items: batch.totalItems, created_at: batch.createdAt, finished_at: null })
      .execute();
  }

  async insertItems(batchId: string, items: readonly NewBatchItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.db
      .insertInto('video_batch_items')
      .values(
        items.map((i) => ({
          batch_id: batchId,
          item_index: i.index,
          video_id: i.videoId,
          error_code: i.error?.code ?? null,
          error_message: i.error?.message ?? null,
          error_param: i.error?.param ?? null,
        })),
      )
      .execute();
  }

  async find(spaceId: string, id: string): Promise<BatchRecord | undefined> {
    const r = await this.db.selectFrom('video_batches').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async delete(batchId: string): Promise<void> {
    await this.db.deleteFrom('video_batch_items').where('batch_id', '=', batchId).execute();
    await this.db.deleteFrom('video_batches').where('id', '=', batchId).execute();
  }

  async listItems(batchId: string, fromIndex: number, limit: number): Promise<BatchItemRow[]> {
    const rows = await this.db
      .selectFrom('video_batch_items as i')
      .leftJoin('videos as v', 'v.id', 'i.video_id')
      .select(['i.item_index', 'i.video_id', 'i.error_code', 'i.error_message', 'i.error_param', 'v.status', 'v.deleted_at', 'v.error_code as video_error_code', 'v.error_message as video_error_message'])
      .where('i.batch_id', '=', batchId)
      .where('i.item_index', '>=', fromIndex)
      .orderBy('i.item_index')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      index: Number(r.item_index),
      videoId: r.video_id,
      error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '', param: r.error_param },
      video:
        r.status === null
          ? null
          : { status: r.status as VideoStatus, deleted: r.deleted_at !== null, errorCode: r.video_error_code === null ? null : Number(r.video_error_code), errorMessage: r.video_error_message },
    }));
  }

  async countItems(batchId: string): Promise<BatchItemCount[]> {
    const deleted = sql<number>`case when v.deleted_at is null then 0 else 1 end`;
    const rows = await this.db
      .selectFrom('video_batch_items as i')
      .leftJoin('videos as v', 'v.id', 'i.video_id')
      .select(['v.status', deleted.as('deleted'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('i.batch_id', '=', batchId)
      .groupBy(['v.status', deleted])
      .execute();
    return rows.map((r) => ({ video: r.status === null ? null : { status: r.status as VideoStatus, deleted: Number(r.deleted) === 1 }, count: Number(r.n) }));
  }

  /** A no-op update: it takes the row lock on Postgres (and the write lock on SQLite) in one statement both understand. */
  async lockBatch(batchId: string): Promise<BatchRecord | undefined> {
    const r = await this.db.updateTable('video_batches').set((eb) => ({ finished_at: eb.ref('finished_at') })).where('id', '=', batchId).returningAll().executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async lockOpenBatches(spaceId: string): Promise<BatchRecord[]> {
    const rows = await this.db
      .updateTable('video_batches')
      .set((eb) => ({ finished_at: eb.ref('finished_at') }))
      .where('space_id', '=', spaceId)
      .where('finished_at', 'is', null)
      .returningAll()
      .execute();
    return rows.map(fromRow);
  }

  async markFinished(batchId: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('video_batches').set({ finished_at: now }).where('id', '=', batchId).where('finished_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
