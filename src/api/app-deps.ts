// Everything the HTTP layer needs, as functions and ports: the API never touches SQL, disk or ffmpeg.
import type { GenerateVideoInput } from '../services/generate-video-input.js';
import type { listAvatars, listVoiceLocales, listVoices } from '../services/catalogue.js';
import type { AvatarGroupV2, getAvatarDetailsV2, GroupAvatarV2 } from '../services/avatar-groups-v2.js';
import type { getRemainingQuota, getUserInfo } from '../services/account.js';
import type { BlobStore, BlobUrlCheck, Principal, RateLimiter } from '../services/ports.js';
import type { AvatarPreviewKind } from '../services/media-previews.js';
import type { VideoListView, VideoStatusView } from '../services/video-queries.js';
import type { V3AppDeps } from './v3-app-deps.js';
import type { FastifyBaseLogger, RouteOptions } from 'fastify';
import type { MetricsDeps } from './plugins/metrics.js';
import type { IdempotencyStore } from '../services/idempotency-store.js';
import type { WebhookService } from '../services/webhooks/webhook-service.js';
import type { TalkingPhotoView } from '../services/talking-photos.js';
import type { AssetPage, AssetView } from '../services/assets.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface AppDeps {
  /** Synchronous when the answer is cached (every request asks). */
  authenticate(key: string | undefined): Principal | null | Promise<Principal | null>;
  createVideo(spaceId: string, input: GenerateVideoInput): Promise<{ video_id: string }>;
  getVideoStatus(spaceId: string, videoId: string): Promise<VideoStatusView>;
  listVideos(spaceId: string, limit: number, token?: string): Promise<VideoListView>;
  deleteVideo(spaceId: string, videoId: string): Promise<void>;
  listAvatars(): ReturnType<typeof listAvatars>;
  listVoices(): ReturnType<typeof listVoices>;
  listVoiceLocales(): ReturnType<typeof listVoiceLocales>;
  /** v2 avatar groups: stock avatars as public groups, this space's uploaded photos as private ones. */
  avatarGroups: {
    list(spaceId: string, includePublic: boolean): Promise<{ total_count: number; avatar_group_list: AvatarGroupV2[] }>;
    avatars(spaceId: string, groupId: string): Promise<{ avatar_list: GroupAvatarV2[] }>;
    details(avatarId: string): ReturnType<typeof getAvatarDetailsV2>;
  };
  avatarPreview(avatarId: string, kind: AvatarPreviewKind): Promise<string>;
  voicePreview(voiceId: string): Promise<string>;
  userInfo(spaceId: string): ReturnType<typeof getUserInfo>;
  remainingQuota(): ReturnType<typeof getRemainingQuota>;
  /** Blobs served by GET /files/* (local store) and linked to by previews. */
  blobs: BlobStore;
  /** Verifies a /files URL; absent when the store hands out its own URLs (S3). */
  verifyBlobUrl?: (key: string, expires: string | undefined, signature: string | undefined) => BlobUrlCheck;
  readiness: ReadinessCheck[];
  /** v3 resources (and the v3-style /v2/videos, /v1/audio routes). */
  v3: V3AppDeps;
  /** v3 Idempotency-Key storage; absent = the header is ignored. */
  idempotency?: IdempotencyStore;
  /** Per-key request limit; absent or null = unlimited. */
  rateLimiter?: RateLimiter | null;
  /** Sees every route as it is registered (the compat-table script lists them). */
  routeListener?: (route: RouteOptions) => void;
  /** Webhook endpoints, events and deliveries (v1 and v3 routes). */
  webhooks: WebhookService;
  bodyLimit?: number;
  logger?: boolean | object;
  /** The platform's pino logger: request lines and 5xx stacks go where every other log goes. */
  loggerInstance?: FastifyBaseLogger;
  /** Request metrics and GET /metrics (plugins/metrics.ts); absent = neither. */
  metrics?: MetricsDeps;
  /** v1 talking photos: upload (raw image body) and list. */
  talkingPhotos: {
    upload(spaceId: string, body: Buffer): Promise<{ talking_photo_id: string; talking_photo_url: string }>;
    list(spaceId: string): Promise<TalkingPhotoView[]>;
    delete(spaceId: string, talkingPhotoId: string): Promise<void>;
  };
  /** Uploaded images, videos and audio (v1 /v1/asset, v3 /v3/assets). */
  assets: {
    /** `contentType` is the uploader's claim; the bytes decide, and a contradiction is a 400. */
    upload(spaceId: string, body: Buffer, contentType: string | undefined, fileName?: string): Promise<AssetView>;
    list(spaceId: string, limit: number, token?: string): Promise<AssetPage>;
    get(spaceId: string, assetId: string): Promise<AssetView>;
    delete(spaceId: string, assetId: string): Promise<void>;
  };
}
