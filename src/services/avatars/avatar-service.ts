// The avatar resource as the routes call it: the stock catalogue (v1/v2 lists, v2 groups and details,
// v3 groups and looks), preview media, and this space's talking photos.
import type { Page } from '../catalogue-page.js';
import type { BlobStore } from '../ports.js';
import type { AvatarPreviewKind, MediaPreviews } from '../media-previews.js';
import { getAvatarGroup, getAvatarLook, listAvatarGroups, listAvatarLooks, listAvatars, type AvatarGroupView, type AvatarLookView } from './avatar-catalogue.js';
import { getAvatarDetailsV2, listAvatarGroupsV2, listGroupAvatarsV2, type AvatarGroupsV2Deps, type AvatarGroupV2, type GroupAvatarV2 } from './avatar-groups-v2.js';
import { deleteTalkingPhoto, listTalkingPhotos, uploadTalkingPhoto, type TalkingPhotoDeps, type TalkingPhotoView } from './talking-photos.js';

/** Preview links stay stable; they redirect to a freshly signed blob URL. */
const PREVIEW_URL_TTL_SEC = 3600;

export interface AvatarService {
  /** Stock avatars (GET /v2/avatars, /v1/avatar.list). */
  list(): ReturnType<typeof listAvatars>;
  /** v2 avatar groups: stock avatars as public groups, this space's uploaded photos as private ones. */
  listGroupsV2(spaceId: string, includePublic: boolean): Promise<{ total_count: number; avatar_group_list: AvatarGroupV2[] }>;
  groupAvatarsV2(spaceId: string, groupId: string): Promise<{ avatar_list: GroupAvatarV2[] }>;
  detailsV2(avatarId: string): ReturnType<typeof getAvatarDetailsV2>;
  listGroups(q: { ownership?: string; limit: number; token?: string }): Page<AvatarGroupView>;
  getGroup(groupId: string): AvatarGroupView;
  listLooks(q: { group_id?: string; avatar_type?: string; ownership?: string; limit: number; token?: string }): Page<AvatarLookView>;
  getLook(lookId: string): AvatarLookView;
  /** A freshly signed URL of the preview, rendered first when missing. */
  previewUrl(avatarId: string, kind: AvatarPreviewKind): Promise<string>;
  /** v1 talking photos: upload (raw image body), list, delete. */
  talkingPhotos: {
    upload(spaceId: string, body: Buffer): Promise<{ talking_photo_id: string; talking_photo_url: string }>;
    list(spaceId: string): Promise<TalkingPhotoView[]>;
    delete(spaceId: string, talkingPhotoId: string): Promise<void>;
  };
}

export interface AvatarServiceDeps {
  groups: AvatarGroupsV2Deps;
  talkingPhotos: TalkingPhotoDeps;
  previews: MediaPreviews;
  blobs: BlobStore;
}

export function createAvatarService(deps: AvatarServiceDeps): AvatarService {
  const catalogue = deps.groups.catalogue;
  return {
    list: () => listAvatars(catalogue),
    listGroupsV2: (spaceId, includePublic) => listAvatarGroupsV2(deps.groups, spaceId, includePublic),
    groupAvatarsV2: (spaceId, groupId) => listGroupAvatarsV2(deps.groups, spaceId, groupId),
    detailsV2: (avatarId) => getAvatarDetailsV2(deps.groups, avatarId),
    listGroups: (q) => listAvatarGroups(catalogue, q),
    getGroup: (id) => getAvatarGroup(catalogue, id),
    listLooks: (q) => listAvatarLooks(catalogue, q),
    getLook: (id) => getAvatarLook(catalogue, id),
    previewUrl: async (avatarId, kind) => deps.blobs.signedUrl(await deps.previews.avatarPreview(avatarId, kind), PREVIEW_URL_TTL_SEC),
    talkingPhotos: {
      upload: (spaceId, body) => uploadTalkingPhoto(deps.talkingPhotos, spaceId, body),
      list: (spaceId) => listTalkingPhotos(deps.talkingPhotos, spaceId),
      delete: (spaceId, id) => deleteTalkingPhoto(deps.talkingPhotos, spaceId, id),
    },
  };
}
