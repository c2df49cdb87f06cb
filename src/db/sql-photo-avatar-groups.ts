// PhotoAvatarGroupStore on Kysely (SQLite or Postgres).
import type { Kysely, Selectable } from 'kysely';
import type { PhotoAvatarGender, PhotoAvatarGroupRecord, TrainStatus } from '../domain/photo-avatar.js';
import type { PhotoAvatarGroupStore } from '../services/photo-avatars/photo-avatar-ports.js';
import type { Database } from './database.js';
import type { PhotoAvatarGroupsTable } from './photo-avatar-tables.js';

const num = (v: number | null) => (v === null ? null : Number(v));

function fromRow(r: Selectable<PhotoAvatarGroupsTable>): PhotoAvatarGroupRecord {
  return {
    id: r.id,
    spaceId: r.space_id,
    name: r.name,
    gender: r.gender as PhotoAvatarGender | null,
    trainStatus: r.train_status as TrainStatus,
    trainProgress: Number(r.train_progress),
    trainError: r.train_error_code === null ? null : { code: Number(r.train_error_code), message: r.train_error_message ?? '' },
    trainFlowId: r.train_flow_id,
    trainedAt: num(r.trained_at),
    consentStatus: r.consent_status,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlPhotoAvatarGroupStore implements PhotoAvatarGroupStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(g: PhotoAvatarGroupRecord): Promise<void> {
    await this.db
      .insertInto('photo_avatar_groups')
      .values({
        id: g.id,
        space_id: g.spaceId,
        name: g.name,
        gender: g.gender,
        train_status: g.trainStatus,
        train_progress: g.trainProgress,
        train_error_code: g.trainError?.code ?? null,
        train_error_message: g.trainError?.message ?? null,
        train_flow_id: g.trainFlowId,
        trained_at: g.trainedAt,
        consent_status: g.consentStatus,
        created_at: g.createdAt,
        updated_at: g.updatedAt,
      })
      .execute();
  }

  async find(spaceId: string, id: string): Promise<PhotoAvatarGroupRecord | undefined> {
    const row = await this.db.selectFrom('photo_avatar_groups').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async findById(id: string): Promise<PhotoAvatarGroupRecord | undefined> {
    const row = await this.db.selectFrom('photo_avatar_groups').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(spaceId: string): Promise<PhotoAvatarGroupRecord[]> {
    const rows = await this.db.selectFrom('photo_avatar_groups').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(fromRow);
  }

  async setTrainState(
    id: string,
    from: readonly TrainStatus[],
    next: { status: TrainStatus; progress: number; error: { code: number; message: string } | null; flowId?: string; trainedAt?: number | null },
    now: number,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('photo_avatar_groups')
      .set({
        train_status: next.status,
        train_progress: next.progress,
        train_error_code: next.error?.code ?? null,
        train_error_message: next.error?.message ?? null,
        ...(next.flowId !== undefined ? { train_flow_id: next.flowId } : {}),
        ...(next.trainedAt !== undefined ? { trained_at: next.trainedAt } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('train_status', 'in', [...from])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updateTrainProgress(id: string, progress: number, now: number): Promise<void> {
    await this.db.updateTable('photo_avatar_groups').set({ train_progress: progress, updated_at: now }).where('id', '=', id).where('train_status', '=', 'training').execute();
  }

  async setConsent(spaceId: string, id: string, status: string, now: number): Promise<boolean> {
    const r = await this.db.updateTable('photo_avatar_groups').set({ consent_status: status, updated_at: now }).where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(spaceId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('photo_avatar_groups').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
