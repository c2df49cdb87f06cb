// Talking photos (v1): upload a portrait, list this space's photos (and the stock ones), and resolve
// an id for the video builders. The face is checked at upload so a bad photo fails there, not mid-render.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import { DEFAULT_PHOTO_VOICE_ID, type PhotoLookup } from './photo-lookup.js';
import type { UploadInspector } from '../assets/asset-ports.js';
import { checkUploadedImage } from '../assets/check-uploaded-media.js';
import { detectFormat } from '../assets/detect-asset-format.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace, StockPhotoInfo } from '../ports.js';
import type { TalkingPhotoRecord, TalkingPhotoStore } from './talking-photo-ports.js';

export interface TalkingPhotoDeps {
  store: TalkingPhotoStore;
  blobs: BlobStore;
  clock: Clock;
  scratch: ScratchSpace;
  /** Measures and decodes the image before the face is looked for. */
  inspector: UploadInspector;
  /** Throws OratorError('invalid_parameter') when the image has no detectable face. */
  checkFace(imagePath: string): Promise<void>;
  /** Where the stock portraits come from. */
  engine: Pick<RenderEngine, 'listStockPhotos'>;
}

export interface TalkingPhotoView {
  id: string;
  circle_image: string;
  image_url: string;
}

/** HeyGen accepts JPEG and PNG; WebP costs nothing extra here. */
const FORMATS: Record<string, { ext: string; contentType: string }> = {
  'image/jpeg': { ext: 'jpg', contentType: 'image/jpeg' },
  'image/png': { ext: 'png', contentType: 'image/png' },
  'image/webp': { ext: 'webp', contentType: 'image/webp' },
};
const URL_TTL_SEC = 7 * 24 * 3600;

export async function uploadTalkingPhoto(deps: TalkingPhotoDeps, spaceId: string, body: Buffer): Promise<{ talking_photo_id: string; talking_photo_url: string }> {
  if (body.length === 0) throw new OratorError('missing_params', 'The request body must be the image file (JPEG or PNG)', { param: 'body' });
  const detected = detectFormat(body);
  const format = detected ? FORMATS[detected.mimeType] : undefined;
  if (!detected || !format) throw new OratorError('invalid_parameter', `The request body is not a readable image (JPEG or PNG)${detected ? `: it is ${detected.mimeType}` : ''}`, { param: 'body' });
  // Decoded and measured as asset images are, so a damaged or oversized photo fails here, not mid-render.
  const size = await checkUploadedImage(deps.inspector, body, detected, 'body');
  const id = randomBytes(16).toString('hex');
  const dir = await deps.scratch.create(`talking-photo-${id}`);
  try {
    const file = path.join(dir, `photo.${format.ext}`);
    await writeFile(file, body);
    await deps.checkFace(file);
    const blobKey = `talking_photos/${spaceId}/${id}.${format.ext}`;
    await deps.blobs.putFile(blobKey, file);
    await deps.store.insert({ id, spaceId, blobKey, contentType: format.contentType, width: size.width, height: size.height, createdAt: deps.clock.now() });
    return { talking_photo_id: id, talking_photo_url: await deps.blobs.signedUrl(blobKey, URL_TTL_SEC) };
  } finally {
    await deps.scratch.remove(dir);
  }
}

/** Deletes an uploaded photo and its image; videos already queued with it fail with asset_not_found. */
export async function deleteTalkingPhoto(deps: TalkingPhotoDeps, spaceId: string, id: string): Promise<void> {
  if (deps.engine.listStockPhotos().some((p) => p.talking_photo_id === id)) {
    throw new OratorError('forbidden', `Talking photo ${id} is a stock photo and cannot be deleted`, { param: 'talking_photo_id' });
  }
  const photo = await deps.store.find(spaceId, id);
  if (!photo || !(await deps.store.delete(spaceId, id))) throw new OratorError('avatar_not_found', `Talking photo ${id} not found`, { param: 'talking_photo_id' });
  await deps.blobs.delete(photo.blobKey);
}

function stockPhotoKey(stock: StockPhotoInfo): string {
  return `stock/talking_photos/${stock.talking_photo_id}${path.extname(stock.path)}`;
}

// Stock portraits ship as files and are copied into the blob store so they get links like uploads;
// once per store and process, not on every listing (GET /v2/avatars lists them too).
const stockPhotosStored = new WeakMap<BlobStore, Promise<void>>();

function ensureStockPhotosStored(blobs: BlobStore, stockPhotos: readonly StockPhotoInfo[]): Promise<void> {
  let done = stockPhotosStored.get(blobs);
  if (!done) {
    done = (async () => {
      for (const stock of stockPhotos) {
        const key = stockPhotoKey(stock);
        if (!(await blobs.exists(key))) await blobs.putFile(key, stock.path);
      }
    })();
    // A failed copy (storage briefly down) is retried by the next listing.
    done.catch(() => stockPhotosStored.delete(blobs));
    stockPhotosStored.set(blobs, done);
  }
  return done;
}

/** Stock photos first, then this space's uploads, newest first. */
export async function listTalkingPhotos(deps: TalkingPhotoDeps, spaceId: string): Promise<TalkingPhotoView[]> {
  const out: TalkingPhotoView[] = [];
  await ensureStockPhotosStored(deps.blobs, deps.engine.listStockPhotos());
  for (const stock of deps.engine.listStockPhotos()) {
    const url = await deps.blobs.signedUrl(stockPhotoKey(stock), URL_TTL_SEC);
    out.push({ id: stock.talking_photo_id, circle_image: url, image_url: url });
  }
  for (const photo of await deps.store.list(spaceId)) {
    const url = await deps.blobs.signedUrl(photo.blobKey, URL_TTL_SEC);
    out.push({ id: photo.id, circle_image: url, image_url: url });
  }
  return out;
}

/** An uploaded photo as the v2 avatar-group routes show it (a private group of one look). */
export interface UploadedPhotoView {
  id: string;
  image_url: string;
  /** Unix seconds. */
  created_at: number;
}

async function uploadedView(deps: TalkingPhotoDeps, photo: TalkingPhotoRecord): Promise<UploadedPhotoView> {
  return { id: photo.id, image_url: await deps.blobs.signedUrl(photo.blobKey, URL_TTL_SEC), created_at: Math.floor(photo.createdAt / 1000) };
}

/** This space's uploads only, newest first (stock portraits are not the space's own). */
export async function listUploadedTalkingPhotos(deps: TalkingPhotoDeps, spaceId: string): Promise<UploadedPhotoView[]> {
  return Promise.all((await deps.store.list(spaceId)).map((p) => uploadedView(deps, p)));
}

export async function findUploadedTalkingPhoto(deps: TalkingPhotoDeps, spaceId: string, id: string): Promise<UploadedPhotoView | undefined> {
  const photo = await deps.store.find(spaceId, id);
  return photo ? uploadedView(deps, photo) : undefined;
}

export function talkingPhotoLookup(store: TalkingPhotoStore, engine: Pick<RenderEngine, 'listStockPhotos'>): PhotoLookup {
  return {
    async findPhoto(spaceId, id) {
      const stock = engine.listStockPhotos().find((p) => p.talking_photo_id === id);
      if (stock) return { image: { path: stock.path }, defaultVoiceId: stock.default_voice_id };
      const photo = await store.find(spaceId, id);
      // Labelled with the id the client sent: a failed render names it, not the render's copy.
      return photo ? { image: { blobKey: photo.blobKey, label: `talking photo ${id}` }, defaultVoiceId: DEFAULT_PHOTO_VOICE_ID } : undefined;
    },
  };
}
