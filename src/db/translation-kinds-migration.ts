// 0013: video_translations rows get a kind, so proofreads (issue 14: a translation stopped at its text
// for a person to edit) and lip-syncs share the translation pipeline, its job and its store.
import type { Kysely, Migration } from 'kysely';

export const translationKindsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('video_translations').addColumn('kind', 'text', (c) => c.notNull().defaultTo('translation')).execute();
    await db.schema.createIndex('video_translations_space_kind_created').on('video_translations').columns(['space_id', 'kind', 'created_at', 'id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('video_translations_space_kind_created').ifExists().execute();
    await db.schema.alterTable('video_translations').dropColumn('kind').execute();
  },
};
