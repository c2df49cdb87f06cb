// Table shapes as Kysely sees them. Timestamps are epoch milliseconds (bigint in Postgres, parsed back
// to numbers by the dialect factory); JSON columns are text so SQLite and Postgres store them alike.
import type { InvitationsTable, ServerSecretsTable, SessionsTable, SpaceMembersTable, UsersTable } from './account-tables.js';
import type { OAuthRecordsTable } from './oauth-tables.js';
import type { PhotoAvatarGenerationsTable, PhotoAvatarGroupsTable, PhotoAvatarLooksTable } from './photo-avatar-tables.js';
import type { VideoTranslationsTable } from './video-translation-tables.js';
import type { WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhookEndpointsTable, WebhookEventsTable } from './webhook-tables.js';

export interface SpacesTable {
  id: string;
  name: string;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  space_id: string;
  key_hash: string;
  prefix: string;
  name: string | null;
  created_at: number;
  revoked_at: number | null;
}

export interface VideosTable {
  id: string;
  space_id: string;
  status: string;
  title: string | null;
  callback_id: string | null;
  callback_url: string | null;
  folder_id: string | null;
  plan: string;
  request: string;
  progress: number;
  video_key: string | null;
  caption_video_key: string | null;
  thumbnail_key: string | null;
  gif_key: string | null;
  srt_key: string | null;
  vtt_key: string | null;
  duration: number | null;
  width: number;
  height: number;
  quality: string | null;
  /** JSON: wall time per render stage in ms; read only with the full record. */
  render_timings: string | null;
  error_code: number | null;
  error_message: string | null;
  error_detail: string | null;
  created_at: number;
  completed_at: number | null;
  deleted_at: number | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  space_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface TalkingPhotosTable {
  id: string;
  space_id: string;
  blob_key: string;
  content_type: string;
  width: number;
  height: number;
  created_at: number;
}

export interface AssetsTable {
  id: string;
  space_id: string;
  name: string;
  /** 'image' | 'video' | 'audio' */
  file_type: string;
  content_type: string;
  size_bytes: number;
  blob_key: string;
  created_at: number;
}

export interface TemplatesTable {
  id: string;
  space_id: string;
  name: string;
  /** '16:9' | '9:16' | '1:1' */
  aspect_ratio: string;
  /** The TemplateDocument as JSON text. */
  document: string;
  created_at: number;
  updated_at: number;
}

export interface VideoBatchesTable {
  id: string;
  space_id: string;
  title: string | null;
  callback_url: string | null;
  total_items: number;
  created_at: number;
  /** When batch.finished was recorded; null until every item is terminal. */
  finished_at: number | null;
}

export interface VideoBatchItemsTable {
  batch_id: string;
  item_index: number;
  /** Null when the item could not be created (error_* say why). */
  video_id: string | null;
  error_code: string | null;
  error_message: string | null;
  error_param: string | null;
}

export interface Database {
  spaces: SpacesTable;
  api_keys: ApiKeysTable;
  videos: VideosTable;
  jobs: JobsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  talking_photos: TalkingPhotosTable;
  assets: AssetsTable;
  templates: TemplatesTable;
  video_batches: VideoBatchesTable;
  video_batch_items: VideoBatchItemsTable;
  users: UsersTable;
  space_members: SpaceMembersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  server_secrets: ServerSecretsTable;
  photo_avatar_groups: PhotoAvatarGroupsTable;
  photo_avatar_looks: PhotoAvatarLooksTable;
  photo_avatar_generations: PhotoAvatarGenerationsTable;
  oauth_records: OAuthRecordsTable;
  video_translations: VideoTranslationsTable;
}

export type SqlDialectName = 'sqlite' | 'postgres';
