// PhotoAvatarGenerationStore on Kysely (SQLite or Postgres).
import type { Kysely, Selectable } from 'kysely';
import type { GeneratedImage, GenerationKind, GenerationStatus, PhotoAvatarError, PhotoAvatarGenerationRecord } from '../domain/photo-avatar.js';
import type { PhotoAvatarGenerationStore } from '../services/photo-avatars/photo-avatar-ports.js';
import type { Database } from './database.js';
import type { PhotoAvatarGenerationsTable } from './photo-avatar-tables.js';

function fromRow(r: Selectable<PhotoAvatarGenerationsTable>): PhotoAvatarGenerationRecord {
  return {
    id: r.id,
    spaceId: r.space_id,
    kind: r.kind as GenerationKind,
    groupId: r.group_id,
    request: JSON.parse(r.request) as Record<string, unknown>,
    status: r.status as GenerationStatus,
    progress: Number(r.progress),
    images: JSON.parse(r.image_keys) as GeneratedImage[],
    error: r.error_code === null ? null : { code: Number(r.error_code), message: r.error_message ?? '' },
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlPhotoAvatarGenerationStore implements PhotoAvatarGenerationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(g: PhotoAvatarGenerationRecord): Promise<void> {
    await this.db
      .insertInto('photo_avatar_generations')
      .values({
        id: g.id,
        space_id: g.spaceId,
        kind: g.kind,
        group_id: g.groupId,
        request: JSON.stringify(g.request),
        status: g.status,
        progress: g.progress,
        image_keys: JSON.stringify(g.images),
        error_code: g.error?.code ?? null,
        error_message: g.error?.message ?? null,
        created_at: g.createdAt,
        updated_at: g.updatedAt,
      })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<PhotoAvatarGenerationRecord | undefined> {
    const row = await this.db.selectFrom('photo_avatar_generations').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async findById(id: string): Promise<PhotoAvatarGenerationRecord | undefined> {
    const row = await this.db.selectFrom('photo_avatar_generations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async markProcessing(id: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('photo_avatar_generations').set({ status: 'processing', updated_at: now }).where('id', '=', id).where('status', 'in', ['pending', 'processing']).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updateProgress(id: string, progress: number, now: number): Promise<void> {
    await this.db.updateTable('photo_avatar_generations').set({ progress, updated_at: now }).where('id', '=', id).where('status', '=', 'processing').execute();
  }

  async markSucceeded(id: string, images: GeneratedImage[], now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('photo_avatar_generations')
      .set({ status: 'success', progress: 100, image_keys: JSON.stringify(images), updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markFailed(id: string, error: PhotoAvatarError, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('photo_avatar_generations')
      .set({ status: 'failed', error_code: error.code, error_message: error.message, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'processing'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
