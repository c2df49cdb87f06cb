// Composition root: builds adapters from config (SQLite or Postgres, local disk or S3, the SQL or
// BullMQ queue, the render engine) and wires them into services, the HTTP app and the worker pool.
// Each area is built in src/compose/; this file only orders them.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { AppDeps } from './api/app-deps.js';
import { buildApp } from './api/build-app.js';
import { buildHealthApp } from './api/build-health-app.js';
import type { DatabaseHandle } from './db/create-database.js';
import type { JobHandlerMap } from './domain/job-handler.js';
import type { JobQueueAdapter } from './jobs/create-job-queue.js';
import { readQueueStats } from './jobs/read-queue-stats.js';
import { GuardedFetcher } from './net/guarded-fetcher.js';
import { createPrometheusMetrics, type PrometheusMetrics } from './observability/prometheus-metrics.js';
import { systemClock, type ApiKeyRepository, type BlobStore, type RenderEngine, type UnitOfWork, type VideoRepository } from './services/ports.js';
import type { SpaceService } from './services/spaces/space-service.js';
import type { UserService } from './services/users/user-service.js';
import type { SpeechSynthesizer } from './services/voices/generate-speech.js';
import type { WebhookService } from './services/webhooks/webhook-service.js';
import type { WebhookStore } from './services/webhooks/webhook-ports.js';
import type { BlobUrlSigner } from './storage/blob-url-signer.js';
import { createBlobStorage } from './storage/create-blob-store.js';
import { LocalScratchSpace } from './storage/local-scratch-space.js';
import { buildAccounts } from './compose/build-accounts.js';
import { buildOAuth } from './compose/build-oauth.js';
import { buildAppDeps } from './compose/build-app-deps.js';
import { buildDataLayer } from './compose/build-database.js';
import { buildJobHandlers } from './compose/build-job-handlers.js';
import { createRenderEngine, createSpeechSynthesizer } from './compose/build-render-engine.js';
import { buildResourceServices } from './compose/build-services.js';
import { buildTranslationEngines, oratorFileResolver } from './compose/build-translations.js';
import { buildWebhooks, type WebhookOptions } from './compose/build-webhooks.js';
import { buildWorkers, type WorkerOptions, type Workers } from './compose/build-workers.js';

export interface PlatformOptions extends WorkerOptions {
  /** Substitute render engine (tests). */
  engine?: RenderEngine;
  /** Substitute text-to-speech for /v3/voices/speech (tests). */
  speech?: SpeechSynthesizer;
  logger?: Logger;
  /** Run migrations while composing (`all`, tests). */
  migrate?: boolean;
  /** Webhook delivery knobs (tests shorten the retry schedule and the timeout). */
  webhooks?: WebhookOptions;
}

export interface Platform extends Workers {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  queue: JobQueueAdapter;
  videos: VideoRepository;
  keys: ApiKeyRepository;
  /** People and their sessions (`orator users`, the sign-in pages). */
  users: UserService;
  spaces: SpaceService;
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
  close(): Promise<void>;
}

export async function composePlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const data = await buildDataLayer(config, logger, options.migrate ?? false);
  const storage = await createBlobStorage(config);
  const { blobs, signer } = storage;
  const scratch = new LocalScratchSpace(path.join(config.dataDir, 'tmp'));
  const fetcher = new GuardedFetcher({ allowPrivate: config.allowPrivateUrls });
  const engine = options.engine ?? createRenderEngine({ fetcher, cacheDir: path.join(config.dataDir, 'cache') });
  const clock = systemClock;
  const webhooks = buildWebhooks({ config, logger, database: data.database, uow: data.uow, clock, options: options.webhooks });
  // Queue depth is read from the jobs table on each scrape: other processes enqueue and claim too.
  const metrics = createPrometheusMetrics({ queueStats: () => readQueueStats(data.database.db, Date.now()) });
  const translationEngines = buildTranslationEngines(config, fetcher);
  const handlers = buildJobHandlers({ config, logger, data, blobs, engine, scratch, clock, metrics, webhooks, fetcher, translationEngines });
  const speech = options.speech ?? createSpeechSynthesizer();
  const accounts = await buildAccounts({ config, data, clock, log: (msg, extra) => logger.warn(extra ?? {}, msg) });
  const translations = { engines: translationEngines, resolveFile: oratorFileResolver(config.publicUrl, signer) };
  const services = buildResourceServices({ config, data, blobs, scratch, engine, speech, clock, users: accounts.users, fetcher, translations });
  const oauth = buildOAuth({ config, data, clock, users: accounts.users });
  const appDeps = buildAppDeps({ config, logger, data, storage, services, webhooks, metrics, accounts, oauth });
  const { database, queue, videos, keys, uow } = data;
  return {
    config,
    logger,
    database,
    queue,
    videos,
    keys,
    users: accounts.users,
    spaces: accounts.spaces,
    uow,
    blobs,
    signer,
    engine,
    appDeps,
    handlers,
    webhooks: { store: webhooks.store, service: webhooks.service },
    buildHttpApp: () => buildApp(appDeps),
    buildHealthApp: () => buildHealthApp(appDeps),
    metrics,
    ...buildWorkers({ config, logger, options, queue, handlers, metrics, scratch }),
    close: async () => {
      await webhooks.close();
      await storage.close();
      await queue.close();
      await data.rateLimiter?.close();
      await accounts.close();
      await database.close();
    },
  };
}
