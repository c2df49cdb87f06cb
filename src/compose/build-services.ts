// The resource services the routes call: videos, avatars (with talking photos), voices, assets,
// templates, video batches and account, each built from the adapters it needs.
import type { Config } from '../config.js';
import { SqlAssetStore } from '../db/sql-asset-store.js';
import { SqlBatchStore } from '../db/sql-batch-store.js';
import { SqlTalkingPhotoStore } from '../db/sql-talking-photo-store.js';
import { SqlTemplateStore } from '../db/sql-template-store.js';
import { refusedUrlHost } from '../net/public-address.js';
import { uploadInspector } from '../render/media/inspect-upload.js';
import { JOB_POLICY } from '../domain/job-policy.js';
import { createAccountService } from '../services/account/account-service.js';
import { assetLookup, createAssetService } from '../services/assets/asset-service.js';
import type { AssetLookup } from '../services/assets/asset-ports.js';
import { createAvatarService } from '../services/avatars/avatar-service.js';
import { createBatchService } from '../services/batches/batch-service.js';
import type { PhotoLookup } from '../services/avatars/photo-lookup.js';
import { findUploadedTalkingPhoto, listUploadedTalkingPhotos, talkingPhotoLookup, type TalkingPhotoDeps } from '../services/avatars/talking-photos.js';
import { MediaPreviews } from '../services/media-previews.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace } from '../services/ports.js';
import { stockMediaBase } from '../services/templates/stock-media.js';
import { createTemplateService } from '../services/templates/template-service.js';
import { TemplateThumbnails } from '../services/templates/template-thumbnails.js';
import { createVideoService, type VideoService } from '../services/videos/video-service.js';
import type { UserService } from '../services/users/user-service.js';
import type { SpeechSynthesizer } from '../services/voices/generate-speech.js';
import { createVoiceService } from '../services/voices/voice-service.js';
import type { MediaFetcher } from '../domain/render-plan.js';
import { photoAvatarLookup } from '../services/photo-avatars/photo-avatar-lookup.js';
import { createPhotoAvatarService } from '../services/photo-avatars/photo-avatar-service.js';
import type { DataLayer } from './build-database.js';
import { buildTranslationService } from './build-translations.js';
import type { OratorFileResolver, TranslationEngineSet } from '../services/translations/translation-ports.js';
import { buildPhotoAvatarDeps } from './build-photo-avatars.js';
import type { AppDeps } from '../api/app-deps.js';

/** The resource services the HTTP layer receives (one field of AppDeps each). */
export type ResourceServices = Pick<AppDeps, 'videos' | 'avatars' | 'voices' | 'assets' | 'account' | 'templates' | 'batches' | 'translations'>;

export interface ServiceDeps {
  config: Config;
  data: DataLayer;
  blobs: BlobStore;
  scratch: ScratchSpace;
  engine: RenderEngine;
  speech: SpeechSynthesizer;
  clock: Clock;
  /** People, for the account routes' "who is calling". */
  users: UserService;
  /** Photo avatar pictures given by URL (their jobs download them; the service only checks the URL). */
  fetcher: MediaFetcher;
  /** Video translation's engines and how links this server handed out are recognised. */
  translations: { engines: TranslationEngineSet; resolveFile: OratorFileResolver };
}

function talkingPhotoDeps(deps: ServiceDeps, store: SqlTalkingPhotoStore): TalkingPhotoDeps {
  const { blobs, clock, scratch, engine } = deps;
  return {
    store,
    blobs,
    clock,
    scratch,
    inspector: uploadInspector,
    engine,
    // The face model loads on the first upload only.
    checkFace: async (imagePath) => {
      await (await import('../render/avatars/photo/detect-face-landmarks.js')).detectFaceLandmarks(imagePath, { param: 'body' });
    },
  };
}

/** Request-time URL checks refuse what the SSRF guard would refuse at fetch time, unless private URLs are allowed. */
const refusedUrlHostFor = (config: Config) => (config.allowPrivateUrls ? () => null : refusedUrlHost);

/** Every video-creating route (v2, v3, the flat v2 body) stores, looks up and validates alike. */
function videoCreateDeps(deps: ServiceDeps, photos: PhotoLookup, assets: AssetLookup) {
  const { config, data, engine, clock } = deps;
  return {
    uow: data.uow,
    engine,
    clock,
    renderMaxAttempts: JOB_POLICY.render_video.attempts,
    photos,
    assets,
    refusedUrlHost: refusedUrlHostFor(config),
  };
}

function videoService(deps: ServiceDeps, photos: PhotoLookup, assets: AssetLookup): VideoService {
  const { data, clock, blobs } = deps;
  return createVideoService({
    create: videoCreateDeps(deps, photos, assets),
    queries: { videos: data.videos, blobs, clock },
  });
}

export function buildResourceServices(deps: ServiceDeps): ResourceServices {
  const { config, data, blobs, scratch, engine, clock } = deps;
  const db = data.database.db;
  const photoStore = new SqlTalkingPhotoStore(db);
  const photoDeps = talkingPhotoDeps(deps, photoStore);
  const assetStore = new SqlAssetStore(db);
  const previews = new MediaPreviews({ engine, blobs, scratch });
  const catalogue = { engine, publicUrl: config.publicUrl };
  const photoAvatarDeps = buildPhotoAvatarDeps({ config, data, blobs, engine, scratch, clock, fetcher: deps.fetcher });
  const photoAvatars = createPhotoAvatarService(photoAvatarDeps);
  // A photo avatar look's id works wherever a talking photo id does (and as a v3 avatar_id).
  const photos = photoAvatarLookup(photoAvatarDeps.store, talkingPhotoLookup(photoStore, engine));
  const videos = videoService(deps, photos, assetLookup(assetStore));
  const thumbnails = new TemplateThumbnails({
    engine, blobs, scratch, now: () => clock.now(), assets: assetLookup(assetStore), refusedUrlHost: refusedUrlHostFor(config), stockMediaBase: stockMediaBase(config.publicUrl),
  });
  const templates = createTemplateService({ store: new SqlTemplateStore(db), clock, publicUrl: config.publicUrl, videos: videoCreateDeps(deps, photos, assetLookup(assetStore)), thumbnails });
  return {
    videos,
    avatars: createAvatarService({
      groups: {
        catalogue,
        listUploadedPhotos: (spaceId) => listUploadedTalkingPhotos(photoDeps, spaceId),
        findUploadedPhoto: (spaceId, id) => findUploadedTalkingPhoto(photoDeps, spaceId, id),
        photoAvatars,
      },
      photoAvatars,
      talkingPhotos: photoDeps,
      previews,
      blobs,
    }),
    voices: createVoiceService({ catalogue, previews, speech: { speech: deps.speech, engine, blobs, scratch } }),
    assets: createAssetService({
      store: assetStore,
      blobs,
      clock,
      scratch,
      inspector: uploadInspector,
      ownerOf: async (spaceId) => (await data.keys.findSpace(spaceId))?.name ?? spaceId,
    }),
    account: createAccountService({ keys: data.keys, users: deps.users }),
    templates,
    // Items are made by the video and template services, exactly as their own routes make them.
    batches: createBatchService({ store: new SqlBatchStore(db), uow: data.uow, clock, videos, templates, refusedUrlHost: refusedUrlHostFor(config) }),
    translations: buildTranslationService({ config, data, blobs, clock, ...deps.translations }),
  };
}
