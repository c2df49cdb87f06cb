// The job handlers the worker pool runs: render_video (the render engine), deliver_webhook and the
// photo-avatar jobs (build-photo-avatars.ts) and translate_video (build-translations.ts).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { JobHandlerMap } from '../domain/job-handler.js';
import type { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace } from '../services/ports.js';
import { finishBatchesOfVideo } from '../services/batches/finish-batches.js';
import { createRenderVideoHandler } from '../services/videos/render-video-job.js';
import { recordVideoFinished } from '../services/webhooks/webhook-outbox.js';
import type { MediaFetcher } from '../domain/render-plan.js';
import type { DataLayer } from './build-database.js';
import { buildPhotoAvatarDeps, buildPhotoAvatarHandlers } from './build-photo-avatars.js';
import type { Webhooks } from './build-webhooks.js';
import { buildTranslateVideoHandler } from './build-translations.js';
import type { TranslationEngineSet } from '../services/translations/translation-ports.js';

export interface JobHandlerDeps {
  config: Config;
  logger: Logger;
  data: DataLayer;
  blobs: BlobStore;
  engine: RenderEngine;
  scratch: ScratchSpace;
  clock: Clock;
  metrics: PrometheusMetrics;
  webhooks: Webhooks;
  /** Photo avatar pictures given by URL are downloaded by their jobs. */
  fetcher: MediaFetcher;
  translationEngines: TranslationEngineSet;
}

export function buildJobHandlers(deps: JobHandlerDeps): JobHandlerMap {
  const { config, logger, data, blobs, engine, scratch, clock, metrics } = deps;
  return {
    render_video: createRenderVideoHandler({
      uow: data.uow,
      videos: data.videos,
      blobs,
      engine,
      scratch,
      clock,
      log: (msg, extra) => logger.info(extra ?? {}, msg),
      onFinished: async (tx, videoId) => {
        await recordVideoFinished({ blobs, clock, publicUrl: config.publicUrl }, tx, videoId);
        // The video may have been the last unsettled item of a batch (batch.finished).
        await finishBatchesOfVideo({ clock }, tx, videoId);
      },
      metrics,
    }),
    deliver_webhook: deps.webhooks.deliveryHandler(metrics),
    ...buildPhotoAvatarHandlers(buildPhotoAvatarDeps({ config, data, blobs, engine, scratch, clock, fetcher: deps.fetcher, log: (msg, extra) => logger.info(extra ?? {}, msg) })),
    translate_video: buildTranslateVideoHandler({ config, data, blobs, engine, scratch, clock, engines: deps.translationEngines, log: (msg, extra) => logger.info(extra ?? {}, msg) }),
  };
}
