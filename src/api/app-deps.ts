// Everything the HTTP layer needs, as service objects and ports: the API never touches SQL, disk or
// ffmpeg. Each resource's route plugin receives only its own service (videoRoutes(app, { videos }) …).
import type { FastifyBaseLogger, RouteOptions } from 'fastify';
import type { AccountService } from '../services/account/account-service.js';
import type { AssetService } from '../services/assets/asset-service.js';
import type { AvatarService } from '../services/avatars/avatar-service.js';
import type { BatchService } from '../services/batches/batch-service.js';
import type { IdempotencyStore } from '../services/idempotency-store.js';
import type { BlobStore, BlobUrlCheck, Principal, RateLimiter } from '../services/ports.js';
import type { TemplateService } from '../services/templates/template-service.js';
import type { TranslationService } from '../services/translations/translation-service.js';
import type { VideoService } from '../services/videos/video-service.js';
import type { VoiceService } from '../services/voices/voice-service.js';
import type { WebhookService } from '../services/webhooks/webhook-service.js';
import type { SpaceService } from '../services/spaces/space-service.js';
import type { UserService } from '../services/users/user-service.js';
import type { ReadinessCheck } from './health/index.js';
import type { MetricsDeps } from './plugins/metrics.js';
import type { WebSessionSettings } from './plugins/web-session.js';
import type { OAuthDeps } from './oauth/index.js';

export interface AppDeps {
  /** Synchronous when the answer is cached (every request asks). */
  authenticate(key: string | undefined): Principal | null | Promise<Principal | null>;
  videos: VideoService;
  /** Video batches (POST/GET /v3/videos/batches) and the statuses of videos and batches. */
  batches: BatchService;
  avatars: AvatarService;
  voices: VoiceService;
  /** Uploaded images, videos and audio (v1 /v1/asset, v3 /v3/assets). */
  assets: AssetService;
  account: AccountService;
  /** Templates: this space's own and the stock ones (v2 /v2/template*, v3 /v3/template*). */
  templates: TemplateService;
  /** Video translations (v1 /v1/video_translate, v2 /v2/video_translate, v3 /v3/video-translations). */
  translations: TranslationService;
  /** Webhook endpoints, events and deliveries (v1 and v3 routes). */
  webhooks: WebhookService;
  /** People: sign-in pages, sessions, the session half of authentication. */
  users: UserService;
  /** Space administration: members, invitations, API keys (/v3/spaces) and invitation pages. */
  spaces: SpaceService;
  /** The OAuth 2.0 authorization server (its endpoints, consent pages, Bearer checks) and the apps around it. */
  oauth: OAuthDeps;
  /** Session cookie and CSRF secrets (generated at first start) and whether cookies are Secure. */
  web: WebSessionSettings;
  /** Blobs served by GET /files/* (local store). */
  blobs: BlobStore;
  /** Verifies a /files URL; absent when the store hands out its own URLs (S3). */
  verifyBlobUrl?: (key: string, expires: string | undefined, signature: string | undefined) => BlobUrlCheck;
  readiness: ReadinessCheck[];
  /** v3 Idempotency-Key storage; absent = the header is ignored. */
  idempotency?: IdempotencyStore;
  /** Per-key request limit; absent or null = unlimited. */
  rateLimiter?: RateLimiter | null;
  /** Sees every route as it is registered (the compat-table script lists them). */
  routeListener?: (route: RouteOptions) => void;
  bodyLimit?: number;
  logger?: boolean | object;
  /** The platform's pino logger: request lines and 5xx stacks go where every other log goes. */
  loggerInstance?: FastifyBaseLogger;
  /** Request metrics and GET /metrics (plugins/metrics.ts); absent = neither. */
  metrics?: MetricsDeps;
}
