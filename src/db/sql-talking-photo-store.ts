// TalkingPhotoStore on Kysely (SQLite or Postgres).
import type { Kysely, Selectable } from 'kysely';
import type { TalkingPhotoRecord, TalkingPhotoStore } from '../services/avatars/talking-photo-ports.js';
import type { Database, TalkingPhotosTable } from './database.js';

function fromRow(r: Selectable<TalkingPhotosTable>): TalkingPhotoRecord {
  return { id: r.id, spaceId: r.space_id, blobKey: r.blob_key, contentType: r.content_type, width: Number(r.width), height: Number(r.height), createdAt: Number(r.created_at) };
}

export class SqlTalkingPhotoStore implements TalkingPhotoStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(p: TalkingPhotoRecord): Promise<void> {
    await this.db
      .insertInto('talking_photos')
      .values({ id: p.id, space_id: p.spaceId, blob_key: p.blobKey, content_type: p.contentType, width: p.width, height: p.height, created_at: p.createdAt })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<TalkingPhotoRecord | undefined> {
    const row = await this.db.selectFrom('talking_photos').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async delete(spaceId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('talking_photos').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(spaceId: string): Promise<TalkingPhotoRecord[]> {
    const rows = await this.db.selectFrom('talking_photos').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(fromRow);
  }
}
