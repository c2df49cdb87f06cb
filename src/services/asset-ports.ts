// Storage port for uploaded assets (HeyGen's /v1/asset and /v3/assets): the row; the file is a blob.
import type { PageCursor } from './page-token.js';

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
