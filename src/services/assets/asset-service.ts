// Uploaded assets (HeyGen's /v1/asset and /v3/assets): images, videos and audio for later videos.
// The type comes from the file's bytes, not the client's word, and the file is decoded or probed before
// it is kept; the row keeps the blob key and every URL handed out is signed afresh.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { AssetFileType, AssetLookup, AssetRecord, AssetStore, UploadInspector } from './asset-ports.js';
import { checkUploadedImage, checkUploadedMedia } from './check-uploaded-media.js';
import { contradictsFormat, detectFormat, kindOfContentType, mediaTypeOf, SUPPORTED_FORMATS } from './detect-asset-format.js';
import { decodePageToken, pageOf } from '../page-token.js';
import type { BlobStore, Clock, ScratchSpace } from '../ports.js';

export interface AssetDeps {
  store: AssetStore;
  blobs: BlobStore;
  clock: Clock;
  scratch: ScratchSpace;
  /** Decodes images and probes video and audio before anything is stored. */
  inspector: UploadInspector;
  /** The space's user name: HeyGen's `owner` of an asset. */
  ownerOf(spaceId: string): Promise<string>;
}

/** What both API versions answer about an asset; the routes pick their fields. */
export interface AssetView {
  id: string;
  spaceId: string;
  owner: string;
  name: string;
  fileType: AssetFileType;
  mimeType: string;
  sizeBytes: number;
  /** Epoch milliseconds. */
  createdAt: number;
  url: string;
}

export interface AssetPage {
  assets: AssetView[];
  nextToken: string | null;
}

const URL_TTL_SEC = 7 * 24 * 3600;
const NAME_MAX = 255;

/** Format errors in the kind the uploader claimed: HeyGen answers audio problems with INVALID_AUDIO_FORMAT. */
function formatErrorKind(declaredKind: AssetFileType | undefined): 'invalid_audio_format' | 'video_format_not_supported' | 'invalid_parameter' {
  if (declaredKind === 'audio') return 'invalid_audio_format';
  if (declaredKind === 'video') return 'video_format_not_supported';
  return 'invalid_parameter';
}

/** The uploader's file name without any directories, or one made from the id and extension. */
function assetName(fileName: string | undefined, id: string, ext: string): string {
  const base = fileName ? path.posix.basename(fileName.replaceAll('\\', '/')).trim() : '';
  return base ? base.slice(0, NAME_MAX) : `${id}.${ext}`;
}

async function toView(deps: AssetDeps, a: AssetRecord, owner: string): Promise<AssetView> {
  return {
    id: a.id,
    spaceId: a.spaceId,
    owner,
    name: a.name,
    fileType: a.fileType,
    mimeType: a.contentType,
    sizeBytes: a.sizeBytes,
    createdAt: a.createdAt,
    url: await deps.blobs.signedUrl(a.blobKey, URL_TTL_SEC),
  };
}

/**
 * Stores an upload after checking it is what it says and that it renders: the magic number decides
 * the type, a contradicting Content-Type is refused, and the inspector decodes images and probes
 * video and audio (size and duration limits in check-uploaded-media.ts). Nothing is stored on refusal.
 */
export async function uploadAsset(deps: AssetDeps, spaceId: string, body: Buffer, declaredType?: string, fileName?: string): Promise<AssetView> {
  if (body.length === 0) throw new OratorError('missing_params', 'The request body is empty: it must be the file to upload (image, video or audio)', { param: 'body' });
  const declaredKind = kindOfContentType(declaredType);
  let format = detectFormat(body, declaredKind);
  if (!format) throw new OratorError(formatErrorKind(declaredKind), `The file is not a supported format: use ${SUPPORTED_FORMATS}`, { param: 'file' });
  if (contradictsFormat(declaredType, format)) {
    throw new OratorError(formatErrorKind(declaredKind), `Content-Type ${mediaTypeOf(declaredType)} does not match the file, which is ${format.mimeType}`, { param: 'Content-Type' });
  }
  if (format.fileType === 'image') await checkUploadedImage(deps.inspector, body, format, 'file');
  const id = randomBytes(16).toString('hex');
  const dir = await deps.scratch.create(`asset-${id}`);
  let blobKey: string;
  try {
    const file = path.join(dir, `upload.${format.ext}`);
    await writeFile(file, body);
    if (format.fileType !== 'image') format = await checkUploadedMedia(deps.inspector, file, format, declaredKind, 'file');
    blobKey = `assets/${spaceId}/${id}.${format.ext}`;
    await deps.blobs.putFile(blobKey, file);
  } finally {
    await deps.scratch.remove(dir);
  }
  const record: AssetRecord = {
    id,
    spaceId,
    name: assetName(fileName, id, format.ext),
    fileType: format.fileType,
    contentType: format.mimeType,
    sizeBytes: body.length,
    blobKey,
    createdAt: deps.clock.now(),
  };
  try {
    await deps.store.insert(record);
  } catch (error) {
    // No row, no way to reach the blob: do not leave it behind.
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
  return toView(deps, record, await deps.ownerOf(spaceId));
}

/** Newest first; `token` is the previous page's nextToken. */
export async function listAssets(deps: AssetDeps, spaceId: string, limit: number, token?: string): Promise<AssetPage> {
  const after = token ? decodePageToken(token) : undefined;
  const page = pageOf(await deps.store.list(spaceId, limit + 1, after), limit, (a) => a);
  const owner = await deps.ownerOf(spaceId);
  return { assets: await Promise.all(page.items.map((a) => toView(deps, a, owner))), nextToken: page.nextToken };
}

export async function getAsset(deps: AssetDeps, spaceId: string, id: string): Promise<AssetView> {
  const asset = await deps.store.find(spaceId, id);
  if (!asset) throw new OratorError('asset_not_found', `Asset ${id} not found`, { param: 'asset_id' });
  return toView(deps, asset, await deps.ownerOf(spaceId));
}

/** Removes the row, then the file; another space's asset is not found. */
export async function deleteAsset(deps: AssetDeps, spaceId: string, id: string): Promise<void> {
  const asset = await deps.store.find(spaceId, id);
  if (!asset || !(await deps.store.delete(spaceId, id))) throw new OratorError('asset_not_found', `Asset ${id} not found`, { param: 'asset_id' });
  await deps.blobs.delete(asset.blobKey);
}

/** What video creation needs to render from an uploaded asset. */
export function assetLookup(store: AssetStore): AssetLookup {
  return {
    async findAsset(spaceId, id) {
      const asset = await store.find(spaceId, id);
      return asset ? { id: asset.id, fileType: asset.fileType, blobKey: asset.blobKey } : undefined;
    },
  };
}

/** What the asset routes (v1 /v1/asset, v3 /v3/assets) call. */
export interface AssetService {
  /** `contentType` is the uploader's claim; the bytes decide, and a contradiction is a 400. */
  upload(spaceId: string, body: Buffer, contentType: string | undefined, fileName?: string): Promise<AssetView>;
  list(spaceId: string, limit: number, token?: string): Promise<AssetPage>;
  get(spaceId: string, assetId: string): Promise<AssetView>;
  delete(spaceId: string, assetId: string): Promise<void>;
}

export function createAssetService(deps: AssetDeps): AssetService {
  return {
    upload: (spaceId, body, contentType, fileName) => uploadAsset(deps, spaceId, body, contentType, fileName),
    list: (spaceId, limit, token) => listAssets(deps, spaceId, limit, token),
    get: (spaceId, id) => getAsset(deps, spaceId, id),
    delete: (spaceId, id) => deleteAsset(deps, spaceId, id),
  };
}
