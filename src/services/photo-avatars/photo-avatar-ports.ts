// Storage ports for photo avatars: groups, looks and generations (rows; pictures are blobs). Every
// read a request makes is scoped to the space; the *ById reads are for workers. State changes are
// compare-and-set on the current status, so a retried or duplicated job cannot finish a row twice.
import type {
  GeneratedImage,
  GenerationStatus,
  LookStatus,
  PhotoAvatarError,
  PhotoAvatarGenerationRecord,
  PhotoAvatarGroupRecord,
  PhotoAvatarLookRecord,
  TrainStatus,
  UpscaleStatus,
} from '../../domain/photo-avatar.js';

export interface PhotoAvatarGroupStore {
  insert(group: PhotoAvatarGroupRecord): Promise<void>;
  find(spaceId: string, id: string): Promise<PhotoAvatarGroupRecord | undefined>;
  findById(id: string): Promise<PhotoAvatarGroupRecord | undefined>;
  /** Newest first. */
  list(spaceId: string): Promise<PhotoAvatarGroupRecord[]>;
  /** CAS: the train state moves only from one of `from`. */
  setTrainState(
    id: string,
    from: readonly TrainStatus[],
    next: { status: TrainStatus; progress: number; error: PhotoAvatarError | null; flowId?: string; trainedAt?: number | null },
    now: number,
  ): Promise<boolean>;
  updateTrainProgress(id: string, progress: number, now: number): Promise<void>;
  setConsent(spaceId: string, id: string, status: string, now: number): Promise<boolean>;
  /** Removes the row; false when there was none in this space (its looks are the caller's to remove first). */
  delete(spaceId: string, id: string): Promise<boolean>;
}

export interface CompletedLook {
  imageKey: string;
  width: number;
  height: number;
  motionPreviewKey?: string | null;
}

export interface PhotoAvatarLookStore {
  insert(look: PhotoAvatarLookRecord): Promise<void>;
  find(spaceId: string, id: string): Promise<PhotoAvatarLookRecord | undefined>;
  findById(id: string): Promise<PhotoAvatarLookRecord | undefined>;
  /** Oldest first within a group; every look of the space when `groupId` is absent. */
  list(spaceId: string, groupId?: string): Promise<PhotoAvatarLookRecord[]>;
  /** CAS pending → processing (also processing, for a retried attempt). */
  markProcessing(id: string, now: number): Promise<boolean>;
  updateProgress(id: string, progress: number, now: number): Promise<void>;
  /** CAS processing → completed (pending too: a look whose picture is already stored completes at once). */
  markCompleted(id: string, done: CompletedLook, now: number): Promise<boolean>;
  /** CAS pending|processing → failed. */
  markFailed(id: string, error: PhotoAvatarError, now: number): Promise<boolean>;
  rename(spaceId: string, id: string, name: string, now: number): Promise<boolean>;
  /** CAS on the upscale state; `done` swaps the picture for the enlarged one. */
  setUpscale(id: string, from: readonly (UpscaleStatus | null)[], to: UpscaleStatus, done: CompletedLook | null, now: number): Promise<boolean>;
  delete(spaceId: string, id: string): Promise<boolean>;
}

export interface PhotoAvatarGenerationStore {
  insert(generation: PhotoAvatarGenerationRecord): Promise<void>;
  find(spaceId: string, id: string): Promise<PhotoAvatarGenerationRecord | undefined>;
  findById(id: string): Promise<PhotoAvatarGenerationRecord | undefined>;
  /** CAS pending → processing (also processing, for a retried attempt). */
  markProcessing(id: string, now: number): Promise<boolean>;
  updateProgress(id: string, progress: number, now: number): Promise<void>;
  /** CAS processing → success. */
  markSucceeded(id: string, images: GeneratedImage[], now: number): Promise<boolean>;
  /** CAS pending|processing → failed. */
  markFailed(id: string, error: PhotoAvatarError, now: number): Promise<boolean>;
}

export interface PhotoAvatarStore {
  groups: PhotoAvatarGroupStore;
  looks: PhotoAvatarLookStore;
  generations: PhotoAvatarGenerationStore;
}

export type { GenerationStatus, LookStatus };
