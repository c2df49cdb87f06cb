// The video translation table as Kysely sees it (joined into `Database` in database.ts). Timestamps are
// epoch ms; `source`, `options`, `script` and `engines` are JSON text so SQLite and Postgres agree.

export interface VideoTranslationsTable {
  id: string;
  space_id: string;
  /** translation | proofread | lipsync (migration 0013). */
  kind: string;
  status: string;
  stage: string;
  progress: number;
  title: string | null;
  source: string;
  source_label: string;
  input_language: string;
  output_language: string;
  voice_id: string;
  options: string;
  callback_id: string | null;
  callback_url: string | null;
  folder_id: string | null;
  video_key: string | null;
  audio_key: string | null;
  srt_key: string | null;
  vtt_key: string | null;
  duration: number | null;
  script: string | null;
  engines: string | null;
  error_code: number | null;
  error_message: string | null;
  error_detail: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  deleted_at: number | null;
}
