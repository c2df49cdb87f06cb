// Uploaded assets (HeyGen's /v1/asset and /v3/assets): images, videos and audio for later videos.
// The type comes from the file's bytes, not the client's word; the row keeps the blob key and every
// URL handed out is signed afresh.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OratorError } from '../domain/errors.js';
import type { AssetFileType, AssetLookup, AssetRecord, AssetStore } from './asset-ports.js';
import { decodePageToken, pageOf } from './page-token.js';
import type { BlobStore, Clock, ScratchSpace } from './ports.js';

export interface AssetDeps {
  store: AssetStore;
  blobs: BlobStore;
  clock: Clock;
  scratch: ScratchSpace;
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

export interface DetectedFormat {
  fileType: AssetFileType;
  mimeType: string;
  ext: string;
}

const URL_TTL_SEC = 7 * 24 * 3600;
const NAME_MAX = 255;
export const SUPPORTED_FORMATS = 'JPEG, PNG, WebP images; MP4, MOV, WebM videos; MP3, WAV, M4A, OGG audio';

const ascii = (b: Buffer, start: number, end: number) => b.toString('latin1', start, end);

/**
 * The format by magic number, or undefined. `declaredKind` settles containers that hold either audio
 * or video (an MP4 with a generic brand, WebM): the uploader's word for audio is taken, video otherwise.
 */
export function detectFormat(b: Buffer, declaredKind?: AssetFileType): DetectedFormat | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { fileType: 'image', mimeType: 'image/jpeg', ext: 'jpg' };
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { fileType: 'image', mimeType: 'image/png', ext: 'png' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 12);
    if (form === 'WEBP') return { fileType: 'image', mimeType: 'image/webp', ext: 'webp' };
    if (form === 'WAVE') return { fileType: 'audio', mimeType: 'audio/wav', ext: 'wav' };
    return undefined;
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand.startsWith('M4A') || brand === 'M4B ' || brand === 'M4P ') return { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' };
    // HEIF/AVIF stills share the ISO container; they are images this platform cannot use.
    if (['heic', 'heix', 'hevc', 'mif1', 'msf1', 'avif', 'avis'].includes(brand)) return undefined;
    if (declaredKind === 'audio') return { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' };
    if (brand === 'qt  ') return { fileType: 'video', mimeType: 'video/quicktime', ext: 'mov' };
    return { fileType: 'video', mimeType: 'video/mp4', ext: 'mp4' };
  }
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) {
    if (declaredKind === 'audio') return { fileType: 'audio', mimeType: 'audio/webm', ext: 'webm' };
    // The EBML header names its DocType near the start: "webm" or "matroska".
    const head = ascii(b, 0, Math.min(b.length, 64));
    if (head.includes('matroska')) return { fileType: 'video', mimeType: 'video/x-matroska', ext: 'mkv' };
    return { fileType: 'video', mimeType: 'video/webm', ext: 'webm' };
  }
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return { fileType: 'audio', mimeType: 'audio/ogg', ext: 'ogg' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return { fileType: 'audio', mimeType: 'audio/mpeg', ext: 'mp3' };
  // An MPEG audio frame: 11 sync bits, a version that is not reserved and a layer that is not 00 (ADTS AAC).
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x18) !== 0x08 && (b[1]! & 0x06) !== 0) {
    return { fileType: 'audio', mimeType: 'audio/mpeg', ext: 'mp3' };
  }
  return undefined;
}

/** image/…, video/… or audio/… of a Content-Type; undefined for anything else (octet-stream, PDF…). */
export function kindOfContentType(contentType: string | undefined): AssetFileType | undefined {
  const major = contentType?.split(';')[0]!.trim().toLowerCase().split('/')[0];
  return major === 'image' || major === 'video' || major === 'audio' ? major : undefined;
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

export async function uploadAsset(deps: AssetDeps, spaceId: string, body: Buffer, declaredType?: string, fileName?: string): Promise<AssetView> {
  if (body.length === 0) throw new OratorError('missing_params', 'The request body is empty: it must be the file to upload (image, video or audio)', { param: 'body' });
  const declaredKind = kindOfContentType(declaredType);
  const format = detectFormat(body, declaredKind);
  if (!format) throw new OratorError('invalid_parameter', `The file is not a supported format: use ${SUPPORTED_FORMATS}`, { param: 'file' });
  if (declaredKind && declaredKind !== format.fileType) {
    throw new OratorError('invalid_parameter', `Content-Type ${declaredType} says ${declaredKind}, but the file is ${format.fileType} (${format.mimeType})`, { param: 'Content-Type' });
  }
  const id = randomBytes(16).toString('hex');
  const blobKey = `assets/${spaceId}/${id}.${format.ext}`;
  const dir = await deps.scratch.create(`asset-${id}`);
  try {
    const file = path.join(dir, `upload.${format.ext}`);
    await writeFile(file, body);
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
