// TemplateStore on Kysely (SQLite or Postgres): the document is kept as JSON text.
import type { Kysely, Selectable } from 'kysely';
import type { AspectRatio, TemplateDocument } from '../domain/template.js';
import type { TemplateRecord, TemplateStore } from '../services/templates/template-ports.js';
import type { PageCursor } from '../services/page-token.js';
import { olderThan } from './keyset-cursor.js';
import type { Database, TemplatesTable } from './database.js';

function fromRow(r: Selectable<TemplatesTable>): TemplateRecord {
  return {
    id: r.id,
    spaceId: r.space_id,
    name: r.name,
    aspectRatio: r.aspect_ratio as AspectRatio,
    document: JSON.parse(r.document) as TemplateDocument,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlTemplateStore implements TemplateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(t: TemplateRecord): Promise<void> {
    await this.db
      .insertInto('templates')
      .values({
        id: t.id,
        space_id: t.spaceId,
        name: t.name,
        aspect_ratio: t.aspectRatio,
        document: JSON.stringify(t.document),
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<TemplateRecord | undefined> {
    const row = await this.db.selectFrom('templates').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(spaceId: string, limit: number, after?: PageCursor): Promise<TemplateRecord[]> {
    let q = this.db.selectFrom('templates').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(olderThan(after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(fromRow);
  }

  async replace(t: TemplateRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('templates')
      .set({ name: t.name, aspect_ratio: t.aspectRatio, document: JSON.stringify(t.document), updated_at: t.updatedAt })
      .where('space_id', '=', t.spaceId)
      .where('id', '=', t.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(spaceId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('templates').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
