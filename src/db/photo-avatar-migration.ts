// Migration 0011 (issue 13): photo avatar groups (one person), looks (one picture each, its blob keyed by
// the row) and generations (pictures made from attributes or a trained group's photo), scoped to a space.
import type { Kysely, Migration } from 'kysely';

export const photoAvatarMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('photo_avatar_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('space_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('train_status', 'text', (c) => c.notNull())
      .addColumn('train_progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('train_error_code', 'integer')
      .addColumn('train_error_message', 'text')
      .addColumn('train_flow_id', 'text')
      .addColumn('trained_at', 'bigint')
      .addColumn('consent_status', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('photo_avatar_groups_space_created').on('photo_avatar_groups').columns(['space_id', 'created_at']).execute();
    await db.schema
      .createTable('photo_avatar_looks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('space_id', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('image_key', 'text')
      .addColumn('motion_preview_key', 'text')
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('upscaled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('upscale_status', 'text')
      .addColumn('error_code', 'integer')
      .addColumn('error_message', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('photo_avatar_looks_group').on('photo_avatar_looks').columns(['space_id', 'group_id', 'created_at']).execute();
    await db.schema
      .createTable('photo_avatar_generations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('space_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text')
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('image_keys', 'text', (c) => c.notNull())
      .addColumn('error_code', 'integer')
      .addColumn('error_message', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['photo_avatar_generations', 'photo_avatar_looks', 'photo_avatar_groups']) await db.schema.dropTable(t).ifExists().execute();
  },
};
