// Schema migrations, in code and in order. Run at start by the `all` role and by `orator migrate`.
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import { oauthMigration } from './oauth-migration.js';
import { photoAvatarMigration } from './photo-avatar-migration.js';
import { translationKindsMigration } from './translation-kinds-migration.js';

const migrations: Record<string, Migration> = {
  '0001_core': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('spaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createTable('videos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('callback_id', 'text')
        .addColumn('callback_url', 'text')
        .addColumn('folder_id', 'text')
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('video_key', 'text')
        .addColumn('caption_video_key', 'text')
        .addColumn('thumbnail_key', 'text')
        .addColumn('gif_key', 'text')
        .addColumn('srt_key', 'text')
        .addColumn('vtt_key', 'text')
        .addColumn('duration', 'double precision')
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('quality', 'text')
        .addColumn('error_code', 'integer')
        .addColumn('error_message', 'text')
        .addColumn('error_detail', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('completed_at', 'bigint')
        .addColumn('deleted_at', 'bigint')
        .execute();
      await db.schema.createIndex('videos_space_created').on('videos').columns(['space_id', 'created_at', 'id']).execute();
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('space_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();
      await db.schema.createIndex('jobs_space_running').on('jobs').columns(['space_id', 'status', 'kind']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['jobs', 'videos', 'api_keys', 'spaces']) await db.schema.dropTable(t).ifExists().execute();
    },
  },
  '0002_webhooks': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('webhook_endpoints')
        .addColumn('endpoint_id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('events', 'text')
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('failing_since', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_endpoints_space_created').on('webhook_endpoints').columns(['space_id', 'created_at', 'endpoint_id']).execute();
      await db.schema
        .createTable('webhook_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('event_data', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_events_space_created').on('webhook_events').columns(['space_id', 'created_at', 'event_id']).execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('webhook_events.event_id'))
        // No foreign key: a delivery outlives its endpoint's deletion as history.
        .addColumn('endpoint_id', 'text')
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('signed', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('last_duration_ms', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_deliveries_space_created').on('webhook_deliveries').columns(['space_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').columns(['event_id']).execute();
      await db.schema.createIndex('webhook_deliveries_endpoint_status').on('webhook_deliveries').columns(['endpoint_id', 'status']).execute();
      await db.schema
        .createTable('webhook_delivery_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_delivery_attempts_delivery').on('webhook_delivery_attempts').columns(['delivery_id', 'attempt']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['webhook_delivery_attempts', 'webhook_deliveries', 'webhook_events', 'webhook_endpoints']) await db.schema.dropTable(t).ifExists().execute();
    },
  },
  // v3 Idempotency-Key: the first response per (space, method + route + path params, key), kept 24 h.
  '0003_idempotency_keys': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('idem_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['space_id', 'scope', 'idem_key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('idempotency_keys').ifExists().execute();
    },
  },
  // Uploaded talking photos (POST /v1/talking_photo): the image lives in the blob store, scoped to a space.
  '0004_talking_photos': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('talking_photos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('talking_photos_space_created').on('talking_photos').columns(['space_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('talking_photos').ifExists().execute();
    },
  },
  '0005_assets': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('file_type', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assets_space_created').on('assets').columns(['space_id', 'created_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('assets').ifExists().execute();
    },
  },
  '0006_video_render_timings': {
    // Wall time per render stage (ms), stored with the video so slow stages can be found afterwards.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('videos').addColumn('render_timings', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('videos').dropColumn('render_timings').execute();
    },
  },
  // A space's own templates (POST /v3/templates): the validated document as JSON text; name and aspect
  // ratio beside it for listing. Stock templates are code, not rows.
  '0007_templates': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('aspect_ratio', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('templates_space_created').on('templates').columns(['space_id', 'created_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('templates').ifExists().execute();
    },
  },
  // Video batches (POST /v3/videos/batches): the batch and one row per submitted item, which points at
  // the ordinary video it became or holds the reason it could not be created. Item states are read
  // from the videos themselves, so nothing here changes while they render.
  '0008_video_batches': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('video_batches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('callback_url', 'text')
        .addColumn('total_items', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema
        .createTable('video_batch_items')
        .addColumn('batch_id', 'text', (c) => c.notNull().references('video_batches.id').onDelete('cascade'))
        .addColumn('item_index', 'integer', (c) => c.notNull())
        .addColumn('video_id', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('error_param', 'text')
        .addPrimaryKeyConstraint('video_batch_items_pk', ['batch_id', 'item_index'])
        .execute();
      // A video's completion looks up its space's unfinished batches.
      await db.schema.createIndex('video_batches_space_open').on('video_batches').columns(['space_id', 'finished_at']).execute();
      await db.schema.createIndex('video_batch_items_video').on('video_batch_items').column('video_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('video_batch_items').ifExists().execute();
      await db.schema.dropTable('video_batches').ifExists().execute();
    },
  },
  // Accounts (issue 15): people, their roles in spaces, browser sessions (only token hashes), invitation
  // rows (the link's token is signed, the row makes it single-use) and secrets generated at first start.
  '0009_accounts': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('space_members')
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('space_members_pk', ['space_id', 'user_id'])
        .execute();
      await db.schema.createIndex('space_members_user').on('space_members').columns(['user_id', 'created_at']).execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('space_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
      await db.schema
        .createTable('invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint')
        .addColumn('accepted_by', 'text')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('invitations_space_created').on('invitations').columns(['space_id', 'created_at']).execute();
      await db.schema
        .createTable('server_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['server_secrets', 'invitations', 'sessions', 'space_members', 'users']) await db.schema.dropTable(t).ifExists().execute();
    },
  },
  // OAuth 2.0 (issue 15): oidc-provider's models in one table (src/db/oauth-migration.ts).
  '0010_oauth': oauthMigration,
  // Photo avatars (issue 13): groups, looks and generations (src/db/photo-avatar-migration.ts).
  '0011_photo_avatars': photoAvatarMigration,
  // Video translations (issue 14): one row per output language, its stage and results; files are blobs.
  '0012_video_translations': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('video_translations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('title', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_label', 'text', (c) => c.notNull())
        .addColumn('input_language', 'text', (c) => c.notNull())
        .addColumn('output_language', 'text', (c) => c.notNull())
        .addColumn('voice_id', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('callback_id', 'text')
        .addColumn('callback_url', 'text')
        .addColumn('folder_id', 'text')
        .addColumn('video_key', 'text')
        .addColumn('audio_key', 'text')
        .addColumn('srt_key', 'text')
        .addColumn('vtt_key', 'text')
        .addColumn('duration', 'double precision')
        .addColumn('script', 'text')
        .addColumn('engines', 'text')
        .addColumn('error_code', 'integer')
        .addColumn('error_message', 'text')
        .addColumn('error_detail', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('completed_at', 'bigint')
        .addColumn('deleted_at', 'bigint')
        .execute();
      await db.schema.createIndex('video_translations_space_created').on('video_translations').columns(['space_id', 'created_at', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('video_translations').ifExists().execute();
    },
  },
  '0013_translation_kinds': translationKindsMigration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Applies every pending migration; throws with the failing migration's error. On Postgres the
 * migrator's own tables are pinned to the connection's current schema: unpinned, Kysely looks for them
 * in every schema of the database, so a second install (or test run) in another schema of the same
 * database took the first one's tables for its own and failed, or waited on its lock.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<string[]> {
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Cheap reachability probe for /readyz. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
