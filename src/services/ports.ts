// Ports the use cases depend on. Adapters (db/, jobs/, storage/, net/, the render engine) implement
// them and are wired in compose.ts; tests substitute fakes.
import type { Readable } from 'node:stream';
import type { JobKind, NewJob } from '../domain/job-kind.js';
import type { VideoCompletion, VideoError, VideoRecord, VideoSummary } from '../domain/video.js';
import type { MediaFetcher, RenderPlan, RenderProgress, RenderResult } from '../domain/render-plan.js';
import type { WebhookStore } from './webhooks/webhook-ports.js';
import type { BatchLedger } from './batches/batch-ports.js';
import type { PageCursor } from './page-token.js';
import type { TranslationStore } from './translations/translation-ports.js';
import type { IllustratedPortrait, PortraitOrientation, PortraitPose } from '../domain/illustrated-portrait.js';
import type { PhotoAvatarStore } from './photo-avatars/photo-avatar-ports.js';

export type NewVideo = Omit<VideoRecord, 'progress' | 'blobs' | 'durationSec' | 'quality' | 'renderTimings' | 'error' | 'completedAt' | 'deletedAt' | 'status'>;

export interface VideoRepository {
  insert(video: NewVideo): Promise<void>;
  /** A live (not deleted) video of this space. */
  findInSpace(spaceId: string, id: string): Promise<VideoSummary | undefined>;
  /** Any video, deleted or not (workers only). */
  findById(id: string): Promise<VideoRecord | undefined>;
  /** Newest first; `after` continues a previous page. */
  listInSpace(spaceId: string, limit: number, after?: PageCursor): Promise<VideoSummary[]>;
  /** CAS pending → processing (also accepts processing, for a retried attempt). */
  markProcessing(id: string): Promise<boolean>;
  updateProgress(id: string, progress: number): Promise<void>;
  /** CAS processing → completed. False when someone else finished it first. */
  markCompleted(id: string, completion: VideoCompletion, now: number): Promise<boolean>;
  /** CAS pending|processing → failed. */
  markFailed(id: string, error: VideoError, now: number): Promise<boolean>;
  /** Soft-deletes; returns the record as it was, or undefined when absent. */
  softDelete(spaceId: string, id: string, now: number): Promise<VideoSummary | undefined>;
  countInSpace(spaceId: string): Promise<number>;
}

/** The part of the job queue a use case touches inside its transaction. */
export interface JobWriter {
  enqueue<K extends JobKind>(job: NewJob<K>): Promise<string>;
  /** CAS running → done for the lease holder; false when the lease was lost. */
  complete(jobId: string, owner: string): Promise<boolean>;
}

export interface TransactionScope {
  videos: VideoRepository;
  jobs: JobWriter;
  /** Webhook outbox: events and deliveries commit with the state change they report. */
  webhooks: WebhookStore;
  /** Video batches: a batch finishes in the transaction that settles its last item (batch.finished). */
  batches: BatchLedger;
  /** Photo avatar groups, looks and generations: a look completes with its webhook event. */
  photoAvatars: PhotoAvatarStore;
  /** Video translations: a translation completes or fails with its webhook event. */
  translations: TranslationStore;
}

/** Runs `fn` atomically: the video row and its job commit together or not at all. */
export interface UnitOfWork {
  transaction<T>(fn: (tx: TransactionScope) => Promise<T>): Promise<T>;
  /** Called after a commit that enqueued jobs (wakes in-process workers). */
  afterCommit?: () => void;
}

export interface Space {
  id: string;
  name: string;
}

export interface ApiKeyInfo {
  id: string;
  spaceId: string;
  prefix: string;
  name: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface ApiKeyRepository {
  findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined>;
  insert(key: { id: string; spaceId: string; hash: string; prefix: string; name: string | null; createdAt: number }): Promise<void>;
  list(): Promise<ApiKeyInfo[]>;
  /** True when a key was revoked (matched by id or display prefix). */
  revoke(idOrPrefix: string, now: number): Promise<boolean>;
  countActive(): Promise<number>;
  ensureSpace(space: Space, now: number): Promise<void>;
  findSpace(id: string): Promise<Space | undefined>;
}

export interface BlobStat {
  size: number;
  contentType: string;
}

export interface BlobStore {
  putFile(key: string, filePath: string): Promise<void>;
  putStream(key: string, stream: Readable): Promise<void>;
  stat(key: string): Promise<BlobStat | undefined>;
  /** Inclusive byte range, like HTTP Range. */
  getStream(key: string, range?: { start: number; end: number }): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  deletePrefix(prefix: string): Promise<void>;
  /** A URL a client can fetch for `expiresInSec` (HeyGen: 7 days). Minted on every read. */
  signedUrl(key: string, expiresInSec?: number): Promise<string>;
  /** Reachability probe for /readyz. */
  ping(): Promise<void>;
}

export interface AvatarInfo {
  avatar_id: string;
  avatar_name: string;
  gender: 'male' | 'female';
  default_voice_id: string;
  tags: string[];
}

export interface VoiceSummary {
  voice_id: string;
  name: string;
  language: string;
  gender: 'male' | 'female';
  support_pause: boolean;
  emotion_support: boolean;
  /** BCP-47 locale, e.g. "en-US" (v3 language filters match it). */
  locale?: string;
  /** The TTS program behind the voice (espeak-ng, flite, festival). */
  engine?: string;
}

export interface RenderRunOptions {
  workDir: string;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal;
}

/** The render engine as the services see it (src/render behind an adapter). */
export interface RenderEngine {
  validate(plan: RenderPlan): void;
  render(plan: RenderPlan, outDir: string, options: RenderRunOptions): Promise<RenderResult>;
  listAvatars(): AvatarInfo[];
  findAvatar(id: string): AvatarInfo | undefined;
  listVoices(): VoiceSummary[];
  findVoice(id: string): VoiceSummary | undefined;
  /** Extracts the audio track of a rendered file (voice previews). */
  extractAudio(videoPath: string, outPath: string): Promise<void>;
  /** The portraits that ship with the engine, listed as talking photos and usable by id. */
  listStockPhotos(): readonly StockPhotoInfo[];
  /** The faces in a picture, measured for the photo-avatar checks (services/photo-avatars judge them). */
  inspectPortrait(imagePath: string): Promise<PortraitInspection>;
  /** Writes `outPath` (JPEG or PNG by its extension) from a picture: upright, edited, scaled with Lanczos. */
  editPortrait(imagePath: string, outPath: string, edit: PortraitEdit): Promise<{ width: number; height: number }>;
  /** Draws an illustrated presenter with the stock avatars' artwork into a PNG. */
  drawIllustratedPortrait(portrait: IllustratedPortrait, outPath: string, size: { width: number; height: number }): Promise<void>;
}

export interface PortraitBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PortraitFace {
  /** In the upright picture's pixels. */
  box: PortraitBox;
  score: number;
  /** How far the head is turned left or right: 0 facing the camera, about 0.5 at 45°, 1 in profile. */
  turn: number;
  /** Fine detail in the face (Laplacian spread over contrast at a fixed size): low means blurred. */
  sharpness: number;
}

export interface PortraitInspection {
  /** The upright (EXIF-rotated) picture's size. */
  width: number;
  height: number;
  /** Every face found, the largest (the subject) first; empty when there is none. */
  faces: PortraitFace[];
}

export type PortraitTone = 'natural' | 'warm' | 'cool' | 'mono' | 'vintage' | 'vivid';

export interface PortraitEdit {
  /** Longest side of the result; larger pictures are scaled down. */
  maxSide: number;
  /** Enlarge by this factor first (Lanczos 3), capped by maxSide. */
  upscale?: number;
  /** Crop around this face to the orientation's shape, framed for the pose. */
  frame?: { face: PortraitBox; orientation: PortraitOrientation; pose: PortraitPose };
  tone?: PortraitTone;
}

export interface StockPhotoInfo {
  talking_photo_id: string;
  talking_photo_name: string;
  gender: 'male' | 'female' | 'unknown';
  default_voice_id: string;
  /** Absolute path of the portrait on this machine. */
  path: string;
}

/** Scratch directories for renders, removed afterwards. */
export interface ScratchSpace {
  create(label: string): Promise<string>;
  remove(dir: string): Promise<void>;
}

export type { MediaFetcher };

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Who is calling: the key (or token) that authenticated the request, and the space it acts on. */
export interface Principal {
  keyId: string;
  spaceId: string;
  /** Set when a person calls (a session cookie; an OAuth access token later): whose account acts. */
  userId?: string;
}

/** Why a signed blob URL is refused (the file route answers 403 or 404 from it). */
export type BlobUrlCheck = { ok: true } | { ok: false; reason: 'expired' | 'bad_signature' | 'missing' };

/** "May this key make a request now": 0, or the seconds until it may (token bucket per key). */
export interface RateLimiter {
  take(id: string): number | Promise<number>;
  close(): Promise<void>;
}
