// Storage port for uploaded talking photos (the row; the image itself is a blob).

export interface TalkingPhotoRecord {
  id: string;
  spaceId: string;
  blobKey: string;
  contentType: string;
  width: number;
  height: number;
  createdAt: number;
}

export interface TalkingPhotoStore {
  insert(photo: TalkingPhotoRecord): Promise<void>;
  find(spaceId: string, id: string): Promise<TalkingPhotoRecord | undefined>;
  /** Newest first. */
  list(spaceId: string): Promise<TalkingPhotoRecord[]>;
  /** Removes the row; false when there was none in this space. */
  delete(spaceId: string, id: string): Promise<boolean>;
}
