// AssetStore on Kysely (SQLite or Postgres).
import type { Kysely, Selectable } from 'kysely';
import type { AssetFileType, AssetRecord, AssetStore } from '../services/assets/asset-ports.js';
import type { PageCursor } from '../services/page-token.js';
import { olderThan } from './keyset-cursor.js';
import type { AssetsTable, Database } from './database.js';

function fromRow(r: Selectable<AssetsTable>): AssetRecord {
  return {
    id: r.id,
    spaceId: r.space_id,
    name: r.name,
    fileType: r.file_type as AssetFileType,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    blobKey: r.blob_key,
    createdAt: Number(r.created_at),
  };
}

export class SqlAssetStore implements AssetStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(a: AssetRecord): Promise<void> {
    await this.db
      .insertInto('assets')
      .values({
        id: a.id,
        space_id: a.spaceId,
        name: a.name,
        file_type: a.fileType,
        content_type: a.contentType,
        size_bytes: a.sizeBytes,
        blob_key: a.blobKey,
        created_at: a.createdAt,
      })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<AssetRecord | undefined> {
    const row = await this.db.selectFrom('assets').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(spaceId: string, limit: number, after?: PageCursor): Promise<AssetRecord[]> {
    let q = this.db.selectFrom('assets').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(olderThan(after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(fromRow);
  }

  async delete(spaceId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('assets').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
