// Photo avatar table shapes as Kysely sees them (joined into `Database` in database.ts). Timestamps are
// epoch ms; `source`, `request` and `image_keys` are JSON text; `upscaled` is 0/1 so SQLite and Postgres agree.

export interface PhotoAvatarGroupsTable {
  id: string;
  space_id: string;
  name: string;
  gender: string | null;
  train_status: string;
  train_progress: number;
  train_error_code: number | null;
  train_error_message: string | null;
  train_flow_id: string | null;
  trained_at: number | null;
  consent_status: string | null;
  created_at: number;
  updated_at: number;
}

export interface PhotoAvatarLooksTable {
  id: string;
  space_id: string;
  group_id: string;
  name: string;
  origin: string;
  source: string;
  status: string;
  progress: number;
  image_key: string | null;
  motion_preview_key: string | null;
  width: number | null;
  height: number | null;
  upscaled: number;
  upscale_status: string | null;
  error_code: number | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
}

export interface PhotoAvatarGenerationsTable {
  id: string;
  space_id: string;
  kind: string;
  group_id: string | null;
  request: string;
  status: string;
  progress: number;
  image_keys: string;
  error_code: number | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
}
