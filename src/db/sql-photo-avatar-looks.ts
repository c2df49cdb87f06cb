// PhotoAvatarLookStore on Kysely (SQLite or Postgres).
import type { Kysely, Selectable } from 'kysely';
import type { LookOrigin, LookSource, LookStatus, PhotoAvatarError, PhotoAvatarLookRecord, UpscaleStatus } from '../domain/photo-avatar.js';
import type { CompletedLook, PhotoAvatarLookStore } from '../services/photo-avatars/photo-avatar-ports.js';
import type { Database } from './database.js';
import type { PhotoAvatarLooksTable } from './photo-avatar-tables.js';

const num = (v: number | null) => (v === null ? null : Number(v));

function fromRow(r: Selectable<PhotoAvatarLooksTable>): PhotoAvatarLookRecord {
  return {
    id: r.id,
    spaceId: r.space_id,
    groupId: r.group_id,
    name: r.name,
    origin: r.origin as LookOrigin,
    source: JSON.parse(r.source) as LookSource,
    status: r.status as LookStatus,
    progress: Number(r.progress),
    imageKey: r.image_key,
    motionPreviewKey: r.motion_preview_key,
    width: num(r.width),
    height: num(r.height),
    upscaled: Number(r.upscaled) === 1,
    upscaleStatus: r.upscale_status as UpscaleStatus | null,
    error: r.error_code === null ? null : { code: Number(r.error_code), message: r.error_message ?? '' },
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlPhotoAvatarLookStore implements PhotoAvatarLookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(l: PhotoAvatarLookRecord): Promise<void> {
    await this.db
      .insertInto('photo_avatar_looks')
      .values({
        id: l.id,
        space_id: l.spaceId,
        group_id: l.groupId,
        name: l.name,
        origin: l.origin,
        source: JSON.stringify(l.source),
        status: l.status,
        progress: l.progress,
        image_key: l.imageKey,
        motion_preview_key: l.motionPreviewKey,
        width: l.width,
        height: l.height,
        upscaled: l.upscaled ? 1 : 0,
        upscale_status: l.upscaleStatus,
        error_code: l.error?.code ?? null,
        error_message: l.error?.message ?? null,
        created_at: l.createdAt,
        updated_at: l.updatedAt,
      })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<PhotoAvatarLookRecord | undefined> {
    const row = await this.db.selectFrom('photo_avatar_looks').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async findById(id: string): Promise<PhotoAvatarLookRecord | undefined> {
    const row = await this.db.selectFrom('photo_avatar_looks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(spaceId: string, groupId?: string): Promise<PhotoAvatarLookRecord[]> {
    let q = this.db.selectFrom('photo_avatar_looks').selectAll().where('space_id', '=', spaceId);
    if (groupId !== undefined) q = q.where('group_id', '=', groupId);
    const rows = await q.orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map(fromRow);
  }

  async markProcessing(id: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('photo_avatar_looks').set({ status: 'processing', updated_at: now }).where('id', '=', id).where('status', 'in', ['pending', 'processing']).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updateProgress(id: string, progress: number, now: number): Promise<void> {
    await this.db.updateTable('photo_avatar_looks').set({ progress, updated_at: now }).where('id', '=', id).where('status', '=', 'processing').execute();
  }

  async markCompleted(id: string, done: CompletedLook, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('photo_avatar_looks')
      .set({ status: 'completed', progress: 100, image_key: done.imageKey, width: done.width, height: done.height, motion_preview_key: done.motionPreviewKey ?? null, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'processing'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markFailed(id: string, error: PhotoAvatarError, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('photo_avatar_looks')
      .set({ status: 'failed', error_code: error.code, error_message: error.message, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'processing'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async rename(spaceId: string, id: string, name: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('photo_avatar_looks').set({ name, updated_at: now }).where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setUpscale(id: string, from: readonly (UpscaleStatus | null)[], to: UpscaleStatus, done: CompletedLook | null, now: number): Promise<boolean> {
    const states = from.filter((s): s is UpscaleStatus => s !== null);
    const r = await this.db
      .updateTable('photo_avatar_looks')
      .set({ upscale_status: to, ...(done ? { image_key: done.imageKey, width: done.width, height: done.height, upscaled: 1 } : {}), updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'completed')
      .where((eb) => {
        const ors = states.length > 0 ? [eb('upscale_status', 'in', states)] : [];
        if (from.includes(null)) ors.push(eb('upscale_status', 'is', null));
        return eb.or(ors);
      })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(spaceId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('photo_avatar_looks').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
