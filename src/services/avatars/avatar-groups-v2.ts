// GET /v2/avatar_group.list, /v2/avatar_group/{group_id}/avatars and /v2/avatar/{avatar_id}/details:
// HeyGen's v2 views of the groups and looks the v3 catalogue already models (catalogue-v3.ts), plus
// this space's photo avatar groups and uploaded talking photos (private groups of one look each).
import { OratorError } from '../../domain/errors.js';
import { allAvatarGroups, findAvatarLook, getAvatarGroup, looksOfGroup, type AvatarGroupView, type AvatarLookView } from './avatar-catalogue.js';
import type { CatalogueDeps } from '../catalogue-page.js';
import { DEFAULT_PHOTO_VOICE_ID } from './photo-lookup.js';
import type { UploadedPhotoView } from './talking-photos.js';

export interface AvatarGroupsV2Deps {
  catalogue: CatalogueDeps;
  /** This space's uploaded talking photos, newest first. */
  listUploadedPhotos(spaceId: string): Promise<UploadedPhotoView[]>;
  findUploadedPhoto(spaceId: string, id: string): Promise<UploadedPhotoView | undefined>;
  /** This space's photo avatar groups (v2 photo_avatar endpoints) and their looks. */
  photoAvatars: {
    listGroupsV2(spaceId: string): Promise<AvatarGroupV2[]>;
    groupLooksV2(spaceId: string, groupId: string): Promise<GroupAvatarV2[] | undefined>;
  };
}

/** Nothing here is trained: stock rigs are drawn and a photo is animated as uploaded, so all are usable at once. */
const READY = 'ready';
/** What every look here shares: ready, still (no motion), not upscaled, no sound effect. */
const PLAIN_LOOK = {
  status: 'completed',
  is_motion: false,
  motion_preview_url: null,
  upscale_availability: { available: false, reason: 'Upscaling is not offered by this server' },
  upscaled: false,
  background_sound_effect: null,
} as const;

export interface AvatarGroupV2 {
  id: string;
  name: string;
  created_at: number;
  num_looks: number;
  preview_image_url: string | null;
  group_type: 'PUBLIC_PHOTO' | 'PRIVATE';
  train_status: string;
}

export interface GroupAvatarV2 {
  id: string;
  image_url: string | null;
  created_at: number;
  name: string;
  status: string;
  group_id: string;
  is_motion: boolean;
  motion_preview_url: string | null;
  business_type: string;
  upscale_availability: { available: boolean; reason: string | null };
  upscaled: boolean;
  background_sound_effect: string | null;
  default_voice_id: string | null;
}

const stockGroup = (g: AvatarGroupView): AvatarGroupV2 => ({
  id: g.id,
  name: g.name,
  created_at: g.created_at,
  num_looks: g.looks_count,
  preview_image_url: g.preview_image_url,
  group_type: 'PUBLIC_PHOTO',
  train_status: READY,
});

// A talking photo has no name of its own; /v2/avatars names it by its id too.
const photoGroup = (p: UploadedPhotoView): AvatarGroupV2 => ({
  id: p.id,
  name: p.id,
  created_at: p.created_at,
  num_looks: 1,
  preview_image_url: p.image_url,
  group_type: 'PRIVATE',
  train_status: READY,
});

const lookItem = (groupId: string, createdAt: number, l: AvatarLookView): GroupAvatarV2 => ({
  ...PLAIN_LOOK,
  id: l.id,
  image_url: l.preview_image_url,
  created_at: createdAt,
  name: l.name,
  group_id: groupId,
  business_type: l.avatar_type,
  default_voice_id: l.default_voice_id,
});

// The look id is the talking photo id, which POST /v2/video/generate takes as talking_photo_id.
const photoItem = (p: UploadedPhotoView): GroupAvatarV2 => ({
  ...PLAIN_LOOK,
  id: p.id,
  image_url: p.image_url,
  created_at: p.created_at,
  name: p.id,
  group_id: p.id,
  business_type: 'photo_avatar',
  default_voice_id: DEFAULT_PHOTO_VOICE_ID,
});

/** The space's own groups first, then (with include_public) the stock ones, as HeyGen lists private before public. */
export async function listAvatarGroupsV2(deps: AvatarGroupsV2Deps, spaceId: string, includePublic: boolean): Promise<{ total_count: number; avatar_group_list: AvatarGroupV2[] }> {
  const groups = [...(await deps.photoAvatars.listGroupsV2(spaceId)), ...(await deps.listUploadedPhotos(spaceId)).map(photoGroup)];
  if (includePublic) groups.push(...allAvatarGroups(deps.catalogue).map(stockGroup));
  return { total_count: groups.length, avatar_group_list: groups };
}

export async function listGroupAvatarsV2(deps: AvatarGroupsV2Deps, spaceId: string, groupId: string): Promise<{ avatar_list: GroupAvatarV2[] }> {
  const looks = looksOfGroup(deps.catalogue, groupId);
  if (looks) {
    const group = getAvatarGroup(deps.catalogue, groupId);
    return { avatar_list: looks.map((l) => lookItem(groupId, group.created_at, l)) };
  }
  const photoAvatarLooks = await deps.photoAvatars.groupLooksV2(spaceId, groupId);
  if (photoAvatarLooks) return { avatar_list: photoAvatarLooks };
  const photo = await deps.findUploadedPhoto(spaceId, groupId);
  if (photo) return { avatar_list: [photoItem(photo)] };
  throw new OratorError('avatar_not_found', `Avatar group ${groupId} not found`, { param: 'group_id' });
}

/** Stock avatars only: HeyGen answers this route for avatars, not talking photos. */
export function getAvatarDetailsV2(deps: AvatarGroupsV2Deps, avatarId: string) {
  const look = findAvatarLook(deps.catalogue, avatarId);
  if (!look) throw new OratorError('avatar_not_found', `Avatar ${avatarId} not found`, { param: 'avatar_id' });
  return {
    type: 'avatar' as const,
    id: look.id,
    name: look.name,
    gender: look.gender ?? 'unknown',
    preview_image_url: look.preview_image_url,
    preview_video_url: look.preview_video_url,
    premium: false,
    is_public: true,
    default_voice_id: look.default_voice_id,
    tags: look.tags,
  };
}
