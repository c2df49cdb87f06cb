// Talking photos as the video builders see them: an id (stock or uploaded in this space) resolved to
// the image the renderer animates. Kept as a port so the plan builders stay free of storage.
import type { MediaSource, StoredMedia } from '../../domain/render-plan.js';

export interface ResolvedPhoto {
  image: MediaSource | StoredMedia;
  /** The voice used when a request names none. */
  defaultVoiceId: string;
}

export interface PhotoLookup {
  findPhoto(spaceId: string, talkingPhotoId: string): Promise<ResolvedPhoto | undefined>;
}

/** Voice for a photo whose speaker is unknown (HeyGen picks by gender; unknown gets this one). */
export const DEFAULT_PHOTO_VOICE_ID = 'festival_slt_hts';
