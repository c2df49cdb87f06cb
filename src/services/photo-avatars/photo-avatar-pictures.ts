// The picture a new look is made from, as the request named it: a URL (downloaded by the look's job),
// an uploaded image asset (`image_key` "image/<asset id>/original" or its id), a generated picture
// (`image_key` from a generation: ready at once), or base64 bytes (v3 `file`). Checked here, before
// anything is written, so a bad id or URL is answered at once.
import { OratorError } from '../../domain/errors.js';
import type { GeneratedImage, LookSource } from '../../domain/photo-avatar.js';
import { detectFormat } from '../assets/detect-asset-format.js';
import { assertHttpUrl } from '../videos/plan-parts.js';
import type { PhotoAvatarDeps } from './photo-avatar-deps.js';

export type PictureInput =
  | { type: 'url'; url: string; param: string }
  | { type: 'image_key'; key: string; param: string }
  | { type: 'base64'; data: string; mediaType: string; param: string };

export type ResolvedPicture =
  | { kind: 'source'; source: LookSource }
  /** A generation's picture: the look completes at once, showing it. */
  | { kind: 'ready'; image: GeneratedImage; gender: 'male' | 'female' | null }
  /** Bytes the request carried: stored under the group when the look is created. */
  | { kind: 'upload'; bytes: Buffer; ext: string };

/** v3's asset limit (HeyGen: 32 MB); base64 inflates by a third, so the body limit covers it. */
export const BASE64_MAX_BYTES = 32 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** "image/<id>/original" (HeyGen's upload answer) or the bare id. */
export function imageKeyId(key: string): string {
  return /^image\/([^/]+)\/original$/.exec(key)?.[1] ?? key;
}

const GENERATED = /^([0-9a-f]{32})_(\d{1,2})$/;

async function generatedPicture(deps: PhotoAvatarDeps, spaceId: string, id: string, param: string): Promise<ResolvedPicture | undefined> {
  const m = GENERATED.exec(id);
  if (!m) return undefined;
  const g = await deps.store.generations.find(spaceId, m[1]!);
  const image = g?.status === 'success' ? g.images[Number(m[2])] : undefined;
  if (!g || !image) throw new OratorError('photo_avatar_not_found', `${param} ${id} is not a picture of a finished generation of this space`, { param });
  const gender = g.request.gender === 'Woman' ? 'female' : g.request.gender === 'Man' ? 'male' : null;
  return { kind: 'ready', image, gender };
}

export async function resolvePicture(deps: PhotoAvatarDeps, spaceId: string, input: PictureInput): Promise<ResolvedPicture> {
  switch (input.type) {
    case 'url':
      assertHttpUrl(input.url, input.param, deps.refusedUrlHost);
      return { kind: 'source', source: { type: 'url', url: input.url } };
    case 'image_key': {
      const id = imageKeyId(input.key);
      const generated = await generatedPicture(deps, spaceId, id, input.param);
      if (generated) return generated;
      const asset = await deps.assets.findAsset(spaceId, id);
      if (!asset) throw new OratorError('asset_not_found', `${input.param} ${input.key} is not an uploaded image of this space: upload the photo with POST /v1/asset and pass its image_key`, { param: input.param });
      if (asset.fileType !== 'image') throw new OratorError('invalid_parameter', `${input.param} ${input.key} is a ${asset.fileType} asset, not an image`, { param: input.param });
      return { kind: 'source', source: { type: 'blob', blobKey: asset.blobKey, label: `asset ${asset.id}` } };
    }
    case 'base64': {
      const bytes = Buffer.from(input.data, 'base64');
      if (bytes.length === 0) throw new OratorError('invalid_parameter', `${input.param}.data is empty or not base64`, { param: `${input.param}.data` });
      if (bytes.length > BASE64_MAX_BYTES) throw new OratorError('payload_too_large', `${input.param} is larger than ${BASE64_MAX_BYTES / 1024 / 1024} MB`, { param: input.param });
      const format = detectFormat(bytes);
      if (!format || !IMAGE_TYPES.has(format.mimeType)) throw new OratorError('invalid_parameter', `${input.param} is not a JPEG, PNG or WebP image${format ? ` (it is ${format.mimeType})` : ''}`, { param: input.param });
      return { kind: 'upload', bytes, ext: format.ext };
    }
  }
}
