// Storage port for uploaded assets (HeyGen's /v1/asset and /v3/assets): the row; the file is a blob.
import type { PageCursor } from '../page-token.js';

export type AssetFileType = 'image' | 'video' | 'audio';

export interface AssetRecord {
  id: string;
  spaceId: string;
  /** The uploader's file name, or one made from the id and type when none was given. */
  name: string;
  fileType: AssetFileType;
  contentType: string;
  sizeBytes: number;
  blobKey: string;
  createdAt: number;
}

export interface AssetStore {
  insert(asset: AssetRecord): Promise<void>;
  find(spaceId: string, id: string): Promise<AssetRecord | undefined>;
  /** Newest first, after the cursor when given. */
  list(spaceId: string, limit: number, after?: PageCursor): Promise<AssetRecord[]>;
  /** Removes the row; false when there was none in this space. */
  delete(spaceId: string, id: string): Promise<boolean>;
}

/** What video creation needs: an asset of this space by id, to render from its blob. */
export interface AssetLookup {
  findAsset(spaceId: string, id: string): Promise<Pick<AssetRecord, 'id' | 'fileType' | 'blobKey'> | undefined>;
}

/** What probing found in a video or audio upload. */
export interface ProbedMedia {
  /** Seconds; 0 when the container does not say. */
  durationSec: number;
  /** The first picture stream's size; null when there is none. */
  video: { width: number; height: number } | null;
  hasAudio: boolean;
  /** The demuxer ran out of data before the streams' end: a cut-off file. */
  truncated: boolean;
}

/**
 * Reads an upload before it is stored, so a file that cannot be rendered fails at upload rather than
 * mid-render. Images are measured from their header first: a header claiming 100000×100000 px is
 * refused before anything tries to decode it.
 */
export interface UploadInspector {
  /** Width and height from the image header, without decoding; undefined when no header can be read. */
  imageSize(bytes: Buffer): Promise<{ width: number; height: number } | undefined>;
  /** Whether the whole image decodes (false for truncated or damaged data). */
  imageDecodes(bytes: Buffer): Promise<boolean>;
  /** The streams of a video or audio file on disk; undefined when it cannot be read at all. */
  probeMedia(file: string): Promise<ProbedMedia | undefined>;
}
