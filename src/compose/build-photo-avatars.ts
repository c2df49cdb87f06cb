// Photo avatars wired: the deps their use cases and jobs share (the SQL stores, the engine's portrait
// methods, the guarded fetcher for image URLs), the service the routes get and the four job handlers.
import type { Config } from '../config.js';
import type { JobHandlerMap } from '../domain/job-handler.js';
import type { MediaFetcher } from '../domain/render-plan.js';
import { SqlAssetStore } from '../db/sql-asset-store.js';
import { sqlPhotoAvatarStore } from '../db/sql-photo-avatar-store.js';
import { refusedUrlHost } from '../net/public-address.js';
import { assetLookup } from '../services/assets/asset-service.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace } from '../services/ports.js';
import type { PhotoAvatarDeps } from '../services/photo-avatars/photo-avatar-deps.js';
import { createPhotoAvatarGenerationHandler } from '../services/photo-avatars/photo-avatar-generation-job.js';
import { createPhotoAvatarLookHandler } from '../services/photo-avatars/photo-avatar-look-job.js';
import { createPhotoAvatarTrainHandler } from '../services/photo-avatars/photo-avatar-train-job.js';
import { createPhotoAvatarUpscaleHandler } from '../services/photo-avatars/photo-avatar-upscale-job.js';
import type { DataLayer } from './build-database.js';

export interface PhotoAvatarParts {
  config: Config;
  data: DataLayer;
  blobs: BlobStore;
  engine: RenderEngine;
  scratch: ScratchSpace;
  clock: Clock;
  fetcher: MediaFetcher;
  log?: (msg: string, extra?: object) => void;
}

export function buildPhotoAvatarDeps(parts: PhotoAvatarParts): PhotoAvatarDeps {
  const db = parts.data.database.db;
  return {
    uow: parts.data.uow,
    store: sqlPhotoAvatarStore(db),
    blobs: parts.blobs,
    engine: parts.engine,
    scratch: parts.scratch,
    clock: parts.clock,
    fetcher: parts.fetcher,
    assets: assetLookup(new SqlAssetStore(db)),
    refusedUrlHost: parts.config.allowPrivateUrls ? () => null : refusedUrlHost,
    publicUrl: parts.config.publicUrl,
    ...(parts.log ? { log: parts.log } : {}),
  };
}

export type PhotoAvatarJobKind = 'photo_avatar_look' | 'photo_avatar_generation' | 'photo_avatar_train' | 'photo_avatar_upscale';

export function buildPhotoAvatarHandlers(deps: PhotoAvatarDeps): Pick<JobHandlerMap, PhotoAvatarJobKind> {
  return {
    photo_avatar_look: createPhotoAvatarLookHandler(deps),
    photo_avatar_generation: createPhotoAvatarGenerationHandler(deps),
    photo_avatar_train: createPhotoAvatarTrainHandler(deps),
    photo_avatar_upscale: createPhotoAvatarUpscaleHandler(deps),
  };
}
