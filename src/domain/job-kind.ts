// Every kind of background job and its payload. Handler tables are keyed by `JobKind`, so adding a
// kind here without a handler fails to compile (see jobs/job-handlers.ts).

export interface JobPayloads {
  render_video: { videoId: string };
  /** One HTTP attempt of a webhook delivery; the delivery row holds the state, so a retry is a new job. */
  deliver_webhook: { deliveryId: string };
  /** A photo avatar look: fetch its picture, check the face, store it (or render its motion preview). */
  photo_avatar_look: { lookId: string };
  /** Pictures drawn from attributes (photo/generate) or made from a trained group's photo (look/generate). */
  photo_avatar_generation: { generationId: string };
  /** "Training" a group: every look's face checked again and the group marked ready. */
  photo_avatar_train: { groupId: string };
  /** A look's picture enlarged (Lanczos) in place. */
  photo_avatar_upscale: { lookId: string };
  /** A video translation's whole pipeline: words, translation, new speech, re-render or speech replaced. */
  translate_video: { translationId: string };
}

export type JobKind = keyof JobPayloads;

export const JOB_KINDS: readonly JobKind[] = [
  'render_video',
  'deliver_webhook',
  'photo_avatar_look',
  'photo_avatar_generation',
  'photo_avatar_train',
  'photo_avatar_upscale',
  'translate_video',
] satisfies readonly JobKind[];

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface NewJob<K extends JobKind = JobKind> {
  kind: K;
  payload: JobPayloads[K];
  spaceId: string | null;
  maxAttempts?: number;
  /** Epoch ms; defaults to now. */
  runAt?: number;
}

export interface JobRecord<K extends JobKind = JobKind> {
  id: string;
  kind: K;
  payload: JobPayloads[K];
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
  spaceId: string | null;
  createdAt: number;
  updatedAt: number;
}
