// Composition root: builds adapters from config (SQLite or Postgres, local disk, the SQL queue, the
// render engine) and wires them into services, the HTTP app and the worker pool.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { AppDeps } from './api/app-deps.js';
import { buildApp } from './api/build-app.js';
import { buildHealthApp } from './api/build-health-app.js';
import { ApiKeyAuthenticator } from './auth/api-keys.js';
import { createDatabase, type DatabaseHandle } from './db/create-database.js';
import { migrateDatabase } from './db/migrate-database.js';
import { pingDatabase } from './db/migrations.js';
import { SqlApiKeyRepository } from './db/sql-api-key-repository.js';
import { SqlIdempotencyStore } from './db/sql-idempotency-store.js';
import { SqlUnitOfWork } from './db/sql-unit-of-work.js';
import { SqlVideoRepository } from './db/sql-video-repository.js';
import type { JobHandlerMap } from './domain/job-handler.js';
import { JOB_POLICY } from './domain/job-policy.js';
import { LeaseWatchdog } from './jobs/lease-watchdog.js';
import { createJobQueue, type JobQueueAdapter } from './jobs/create-job-queue.js';
import { WorkerPool } from './jobs/worker-pool.js';
import { GuardedFetcher } from './net/guarded-fetcher.js';
import { refusedUrlHost } from './net/public-address.js';
import { findStockAvatar, listStockAvatars } from './render/avatars/avatar-catalogue.js';
import type { MediaFetcher } from './domain/render-plan.js';
import { renderVideo, validateRenderPlan } from './render/render-video.js';
import { extractAudioTrack } from './render/media/extract-audio-track.js';
import { STOCK_PHOTOS } from './render/avatars/photo/stock-photos.js';
import { uploadInspector } from './render/media/inspect-upload.js';
import { findVoice, listVoices } from './render/speech/voice-catalogue.js';
import { createAccountService } from './services/account/account-service.js';
import type { AvatarGroupsV2Deps } from './services/avatars/avatar-groups-v2.js';
import { createAvatarService } from './services/avatars/avatar-service.js';
import { createVoiceService } from './services/voices/voice-service.js';
import { createVideoService } from './services/videos/video-service.js';
import { findUploadedTalkingPhoto, listUploadedTalkingPhotos, talkingPhotoLookup, type TalkingPhotoDeps } from './services/avatars/talking-photos.js';
import { SqlTalkingPhotoStore } from './db/sql-talking-photo-store.js';
import { assetLookup, createAssetService, type AssetDeps } from './services/assets/asset-service.js';
import { SqlAssetStore } from './db/sql-asset-store.js';
import { type SpeechSynthesizer } from './services/voices/generate-speech.js';
import { synthesizeSpeech } from './render/speech/synthesize-speech.js';
import { MediaPreviews } from './services/media-previews.js';
import { systemClock, type ApiKeyRepository, type BlobStore, type RenderEngine, type UnitOfWork, type VideoRepository } from './services/ports.js';
import { createRenderVideoHandler } from './services/videos/render-video-job.js';
import { createDeliverWebhookHandler } from './services/webhooks/deliver-webhook-job.js';
import { createWebhookService, type WebhookService } from './services/webhooks/webhook-service.js';
import { recordVideoFinished } from './services/webhooks/webhook-outbox.js';
import type { WebhookStore } from './services/webhooks/webhook-ports.js';
import { SqlWebhookStore } from './db/sql-webhook-store.js';
import { createWebhookUrlCheck } from './webhooks/check-webhook-url.js';
import { HttpWebhookSender } from './webhooks/http-webhook-sender.js';
import { BlobUrlSigner } from './storage/blob-url-signer.js';
import { createBlobStorage } from './storage/create-blob-store.js';
import { LocalScratchSpace } from './storage/local-scratch-space.js';
import { createRateLimiter } from './ratelimit/create-rate-limiter.js';
import { createPrometheusMetrics, type PrometheusMetrics } from './observability/prometheus-metrics.js';
import { readQueueStats } from './jobs/read-queue-stats.js';

/** src/render behind the RenderEngine port. */
export function createRenderEngine(options: { fetcher: MediaFetcher; cacheDir: string }): RenderEngine {
  return {
    validate: (plan) => validateRenderPlan(plan),
    render: (plan, outDir, o) =>
      renderVideo(plan, outDir, { fetcher: options.fetcher, cacheDir: options.cacheDir, workDir: o.workDir, onProgress: o.onProgress, signal: o.signal }),
    listAvatars: () => listStockAvatars(),
    findAvatar: (id) => findStockAvatar(id),
    listVoices: () => listVoices(),
    findVoice: (id) => findVoice(id),
    extractAudio: (videoPath, outPath) => extractAudioTrack(videoPath, outPath),
    listStockPhotos: () => STOCK_PHOTOS,
  };
}

export interface PlatformOptions {
  /** Substitute render engine (tests). */
  engine?: RenderEngine;
  /** Substitute text-to-speech for /v3/voices/speech (tests). */
  speech?: SpeechSynthesizer;
  logger?: Logger;
  /** Run migrations while composing (`all`, tests). */
  migrate?: boolean;
  /** Worker pool knobs (tests shorten them). */
  leaseMs?: number;
  pollMs?: number;
  watchdogMs?: number;
  retryDelayMs?: (attempt: number) => number;
  /** Webhook delivery knobs (tests shorten the retry schedule and the timeout). */
  webhooks?: { retryDelaySec?: (attemptsMade: number, retryAfterSec: number | null) => number | null; timeoutMs?: number };
}

export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  queue: JobQueueAdapter;
  videos: VideoRepository;
  keys: ApiKeyRepository;
  uow: UnitOfWork;
  blobs: BlobStore;
  signer: BlobUrlSigner;
  engine: RenderEngine;
  appDeps: AppDeps;
  handlers: JobHandlerMap;
  webhooks: { store: WebhookStore; service: WebhookService };
  buildHttpApp(): Promise<FastifyInstance>;
  buildHealthApp(): Promise<FastifyInstance>;
  /** This process's metrics (GET /metrics renders them). */
  metrics: PrometheusMetrics;
  createWorkerPool(): WorkerPool;
  createWatchdog(): LeaseWatchdog;
  /** Removes scratch dirs of renders that died with their process (idle longer than a lease). */
  sweepScratch(): Promise<string[]>;
  close(): Promise<void>;
}

export async function composePlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? pino({ level: config.logLevel });

  const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (msg, extra) => logger.warn(extra ?? {}, msg) });
  if (options.migrate) await migrateDatabase(database);
  const { db } = database;

  const queue = await createJobQueue({ database, databaseUrl: config.databaseUrl, queueUrl: config.queueUrl, log: (msg, extra) => logger.warn(extra ?? {}, msg) });
  const rateLimiter = await createRateLimiter({ perMinute: config.rateLimitPerMinute, queueUrl: config.queueUrl, log: (msg, extra) => logger.warn(extra ?? {}, msg) });
  const videos = new SqlVideoRepository(db, database.reader);
  const keys = new SqlApiKeyRepository(db);
  const uow = new SqlUnitOfWork(db, () => queue.notifyEnqueued());

  const storage = await createBlobStorage(config);
  const { blobs, signer } = storage;
  const scratch = new LocalScratchSpace(path.join(config.dataDir, 'tmp'));
  const fetcher = new GuardedFetcher({ allowPrivate: config.allowPrivateUrls });
  const engine = options.engine ?? createRenderEngine({ fetcher, cacheDir: path.join(config.dataDir, 'cache') });
  const clock = systemClock;
  const webhookStore = new SqlWebhookStore(db);
  const webhookSender = new HttpWebhookSender({ allowPrivate: config.allowPrivateUrls });
  const webhookTimeoutMs = options.webhooks?.timeoutMs ?? 10_000;
  const webhookService = createWebhookService({
    store: webhookStore,
    uow,
    sender: webhookSender,
    clock,
    checkUrl: createWebhookUrlCheck({ allowPrivate: config.allowPrivateUrls }),
    timeoutMs: webhookTimeoutMs,
  });
  const authenticator = new ApiKeyAuthenticator(keys);
  const previews = new MediaPreviews({ engine, blobs, scratch });
  const queryDeps = { videos, blobs, clock };
  // Queue depth is read from the jobs table on each scrape: other processes enqueue and claim too.
  const metrics = createPrometheusMetrics({ queueStats: () => readQueueStats(db, Date.now()) });

  const handlers: JobHandlerMap = {
    render_video: createRenderVideoHandler({
      uow,
      videos,
      blobs,
      engine,
      scratch,
      clock,
      log: (msg, extra) => logger.info(extra ?? {}, msg),
      onFinished: (tx, videoId) => recordVideoFinished({ blobs, clock, publicUrl: config.publicUrl }, tx, videoId),
      metrics,
    }),
    deliver_webhook: createDeliverWebhookHandler({
      store: webhookStore,
      uow,
      sender: webhookSender,
      clock,
      timeoutMs: webhookTimeoutMs,
      disableAfterMs: config.webhookDisableAfterMs,
      retryDelaySec: options.webhooks?.retryDelaySec,
      log: (level, msg, extra) => logger[level](extra ?? {}, msg),
      metrics,
    }),
  };

  const catalogueDeps = { engine, publicUrl: config.publicUrl };
  const talkingPhotoStore = new SqlTalkingPhotoStore(db);
  const photos = talkingPhotoLookup(talkingPhotoStore, engine);
  const talkingPhotoDeps: TalkingPhotoDeps = {
    store: talkingPhotoStore,
    blobs,
    clock,
    scratch,
    inspector: uploadInspector,
    engine,
    // The face model loads on the first upload only.
    checkFace: async (imagePath) => {
      await (await import('./render/avatars/photo/detect-face-landmarks.js')).detectFaceLandmarks(imagePath, { param: 'body' });
    },
  };
  const avatarGroupDeps: AvatarGroupsV2Deps = {
    catalogue: catalogueDeps,
    listUploadedPhotos: (spaceId) => listUploadedTalkingPhotos(talkingPhotoDeps, spaceId),
    findUploadedPhoto: (spaceId, id) => findUploadedTalkingPhoto(talkingPhotoDeps, spaceId, id),
  };
  const assetStore = new SqlAssetStore(db);
  const assetDeps: AssetDeps = {
    store: assetStore,
    blobs,
    clock,
    scratch,
    inspector: uploadInspector,
    ownerOf: async (spaceId) => (await keys.findSpace(spaceId))?.name ?? spaceId,
  };
  const assets = assetLookup(assetStore);
  // Every video-creating route (v2, v3, the flat v2 body) stores, looks up and validates alike.
  const createDeps = {
    uow,
    engine,
    clock,
    renderMaxAttempts: JOB_POLICY.render_video.attempts,
    photos,
    assets,
    refusedUrlHost: config.allowPrivateUrls ? () => null : refusedUrlHost,
  };
  const speech: SpeechSynthesizer = options.speech ?? {
    synthesize: ({ text, voiceId, speed, outPath }) => synthesizeSpeech({ text, voiceId, speed, outPath }),
  };

  const appDeps: AppDeps = {
    authenticate: (key) => authenticator.authenticate(key),
    videos: createVideoService({ create: createDeps, queries: queryDeps }),
    avatars: createAvatarService({ groups: avatarGroupDeps, talkingPhotos: talkingPhotoDeps, previews, blobs }),
    voices: createVoiceService({ catalogue: catalogueDeps, previews, speech: { speech, engine, blobs, scratch } }),
    assets: createAssetService(assetDeps),
    account: createAccountService({ keys }),
    blobs,
    verifyBlobUrl: (key, expires, signature) => signer.verify(key, expires, signature),
    idempotency: new SqlIdempotencyStore(db),
    rateLimiter,
    readiness: [
      { name: 'database', check: () => pingDatabase(db) },
      { name: 'queue', check: () => queue.ping() },
      { name: 'storage', check: () => blobs.ping() },
    ],
    loggerInstance: logger,
    metrics: { http: metrics, exposition: metrics, token: config.metricsToken },
    webhooks: webhookService,
  };

  const log = (level: 'info' | 'warn' | 'error', msg: string, extra?: object) => logger[level](extra ?? {}, msg);

  return {
    config,
    logger,
    database,
    queue,
    videos,
    keys,
    uow,
    blobs,
    signer,
    engine,
    appDeps,
    handlers,
    webhooks: { store: webhookStore, service: webhookService },
    buildHttpApp: () => buildApp(appDeps),
    buildHealthApp: () => buildHealthApp(appDeps),
    metrics,
    createWorkerPool: () =>
      new WorkerPool({
        queue,
        handlers,
        concurrency: Math.max(1, config.renderConcurrency),
        spaceCap: config.spaceConcurrency,
        leaseMs: options.leaseMs ?? config.jobLeaseMs,
        pollMs: options.pollMs,
        retryDelayMs: options.retryDelayMs,
        log,
        metrics,
      }),
    createWatchdog: () => new LeaseWatchdog(queue, options.watchdogMs ?? Math.min(5000, Math.max(250, Math.floor(config.jobLeaseMs / 4))), (msg, extra) => logger.warn(extra ?? {}, msg)),
    sweepScratch: () => scratch.sweepStale(options.leaseMs ?? config.jobLeaseMs),
    close: async () => {
      await webhookSender.close();
      await storage.close();
      await queue.close();
      await rateLimiter?.close();
      await database.close();
    },
  };
}
