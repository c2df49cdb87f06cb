// What the photo-avatar use cases and jobs are built from, and the blob keys they write: every picture
// of a group lives under the group's prefix, so deleting the group deletes them all; generated
// pictures live under the generation's (a look made from one points at it and never deletes it).
import type { MediaFetcher } from '../../domain/render-plan.js';
import type { AssetLookup } from '../assets/asset-ports.js';
import type { BlobStore, Clock, RenderEngine, ScratchSpace, UnitOfWork } from '../ports.js';
import type { RefusedUrlHost } from '../videos/plan-parts.js';
import type { PhotoAvatarStore } from './photo-avatar-ports.js';

export interface PhotoAvatarDeps {
  uow: UnitOfWork;
  /** Reads outside a transaction (routes, the start of a job). */
  store: PhotoAvatarStore;
  blobs: BlobStore;
  engine: RenderEngine;
  scratch: ScratchSpace;
  clock: Clock;
  /** Downloads image_url / file.url pictures (the SSRF guard and size caps apply). */
  fetcher: MediaFetcher;
  /** Uploaded image assets named by image_key or asset_id. */
  assets: AssetLookup;
  refusedUrlHost: RefusedUrlHost;
  /** Base of the links handed out (the consent answer links the group's resource). */
  publicUrl: string;
  log?: (msg: string, extra?: object) => void;
}

/** Signed links live as long as HeyGen's (7 days); minted on every read. */
export const URL_TTL_SEC = 7 * 24 * 3600;
/** A look's own picture is kept at most this large; upscale may enlarge it to UPSCALE_MAX_SIDE. */
export const LOOK_MAX_SIDE = 2048;
export const UPSCALE_MAX_SIDE = 4096;

export const groupPrefix = (spaceId: string, groupId: string) => `photo_avatars/${spaceId}/${groupId}/`;
export const lookImageKey = (spaceId: string, groupId: string, lookId: string, ext: string) => `${groupPrefix(spaceId, groupId)}${lookId}.${ext}`;
export const generationPrefix = (spaceId: string, generationId: string) => `photo_avatars/${spaceId}/generations/${generationId}/`;

/** Whether a blob is the group's own (deleted with its look) rather than a generation's picture it shows. */
export function ownedByGroup(key: string | null, spaceId: string, groupId: string): key is string {
  return key !== null && key.startsWith(groupPrefix(spaceId, groupId));
}

/** Voice for a group's videos when a request names none (by the gender the group was given). */
export function defaultVoiceFor(gender: 'male' | 'female' | null): string {
  return gender === 'male' ? 'flite_rms' : 'festival_slt_hts';
}
