// The avatar resource as the routes call it: the stock catalogue (v1/v2 lists, v2 groups and details,
// v3 groups and looks, merged with this space's photo avatars), preview media, this space's talking
// photos, and the photo avatar endpoints themselves (services/photo-avatars).
import type { Page } from '../catalogue-page.js';
import type { BlobStore } from '../ports.js';
import type { AvatarPreviewKind, MediaPreviews } from '../media-previews.js';
import type { PhotoAvatarService } from '../photo-avatars/photo-avatar-service.js';
import { listAvatars, type AvatarGroupView, type AvatarLookView } from './avatar-catalogue.js';
import { getAvatarGroupV3, getAvatarLookV3, listAvatarGroupsV3, listAvatarLooksV3 } from './avatar-listings-v3.js';
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
  /** v3: this space's photo avatars (private) and the stock ones (public). */
  listGroups(spaceId: string, q: { ownership?: string; limit: number; token?: string }): Promise<Page<AvatarGroupView>>;
  getGroup(spaceId: string, groupId: string): Promise<AvatarGroupView>;
  listLooks(spaceId: string, q: { group_id?: string; avatar_type?: string; ownership?: string; limit: number; token?: string }): Promise<Page<AvatarLookView>>;
  getLook(spaceId: string, lookId: string): Promise<AvatarLookView>;
  /** A freshly signed URL of the preview, rendered first when missing. */
  previewUrl(avatarId: string, kind: AvatarPreviewKind): Promise<string>;
  /** v1 talking photos: upload (raw image body), list, delete. */
  talkingPhotos: {
    upload(spaceId: string, body: Buffer): Promise<{ talking_photo_id: string; talking_photo_url: string }>;
    list(spaceId: string): Promise<TalkingPhotoView[]>;
    delete(spaceId: string, talkingPhotoId: string): Promise<void>;
  };
  /** HeyGen's photo avatar endpoints (v1 seed flow, v2 photo_avatar/*, v3 POST /v3/avatars type photo). */
  photoAvatars: PhotoAvatarService;
}

export interface AvatarServiceDeps {
  groups: AvatarGroupsV2Deps;
  talkingPhotos: TalkingPhotoDeps;
  previews: MediaPreviews;
  blobs: BlobStore;
  photoAvatars: PhotoAvatarService;
}

export function createAvatarService(deps: AvatarServiceDeps): AvatarService {
  const catalogue = deps.groups.catalogue;
  const listing = { catalogue, privateAvatars: deps.photoAvatars };
  return {
    list: () => listAvatars(catalogue),
    listGroupsV2: (spaceId, includePublic) => listAvatarGroupsV2(deps.groups, spaceId, includePublic),
    groupAvatarsV2: (spaceId, groupId) => listGroupAvatarsV2(deps.groups, spaceId, groupId),
    detailsV2: (avatarId) => getAvatarDetailsV2(deps.groups, avatarId),
    listGroups: (spaceId, q) => listAvatarGroupsV3(listing, spaceId, q),
    getGroup: (spaceId, id) => getAvatarGroupV3(listing, spaceId, id),
    listLooks: (spaceId, q) => listAvatarLooksV3(listing, spaceId, q),
    getLook: (spaceId, id) => getAvatarLookV3(listing, spaceId, id),
    previewUrl: async (avatarId, kind) => deps.blobs.signedUrl(await deps.previews.avatarPreview(avatarId, kind), PREVIEW_URL_TTL_SEC),
    talkingPhotos: {
      upload: (spaceId, body) => uploadTalkingPhoto(deps.talkingPhotos, spaceId, body),
      list: (spaceId) => listTalkingPhotos(deps.talkingPhotos, spaceId),
      delete: (spaceId, id) => deleteTalkingPhoto(deps.talkingPhotos, spaceId, id),
    },
    photoAvatars: deps.photoAvatars,
  };
}
