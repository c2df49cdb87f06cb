// The stock avatar catalogue: GET /v2/avatars (and /v1/avatar.list) items, and the v3 views: avatar
// groups (one per stock avatar) and looks (one per group, id = the avatar id that POST /v3/videos takes).
import { OratorError } from '../../domain/errors.js';
import { SUPPORTED_API_ENGINES } from './avatar-engines.js';
import { paginate, type CatalogueDeps, type Page } from '../catalogue-page.js';
import type { AvatarInfo } from '../ports.js';

/** Stock entries have no creation time; a fixed one keeps responses stable. 2025-01-01T00:00:00Z. */
const CATALOGUE_CREATED_AT = 1735689600;

export function listAvatars(deps: CatalogueDeps) {
  return {
    avatars: deps.engine.listAvatars().map((a) => ({
      avatar_id: a.avatar_id,
      avatar_name: a.avatar_name,
      gender: a.gender,
      preview_image_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(a.avatar_id)}/image`,
      preview_video_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(a.avatar_id)}/video`,
      premium: false,
      default_voice_id: a.default_voice_id,
      tags: a.tags,
    })),
  };
}

const previews = (deps: CatalogueDeps, id: string) => ({
  preview_image_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(id)}/image`,
  preview_video_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(id)}/video`,
});

export type AvatarItemStatus = 'processing' | 'pending_consent' | 'failed' | 'completed';
export type AvatarItemError = { code: string; message: string } | null;

/** A v3 avatar group: one stock avatar, or one of this space's photo avatars. */
export interface AvatarGroupView {
  id: string;
  name: string;
  preview_image_url: string | null;
  preview_video_url: string | null;
  gender: string | null;
  created_at: number;
  looks_count: number;
  default_voice_id: string | null;
  consent_status: string | null;
  status: AvatarItemStatus;
  error: AvatarItemError;
}

/** A v3 look; its id is the avatar_id POST /v3/videos takes. */
export interface AvatarLookView {
  id: string;
  name: string;
  avatar_type: 'studio_avatar' | 'digital_twin' | 'photo_avatar';
  group_id: string | null;
  preview_image_url: string | null;
  preview_video_url: string | null;
  gender: string | null;
  tags: string[];
  default_voice_id: string | null;
  supported_api_engines: string[];
  image_width: number | null;
  image_height: number | null;
  preferred_orientation: 'portrait' | 'landscape' | 'square' | null;
  status: AvatarItemStatus;
  error: AvatarItemError;
}

function groupOf(deps: CatalogueDeps, a: AvatarInfo): AvatarGroupView {
  return {
    id: a.avatar_id,
    name: a.avatar_name,
    ...previews(deps, a.avatar_id),
    gender: a.gender,
    created_at: CATALOGUE_CREATED_AT,
    looks_count: 1,
    default_voice_id: a.default_voice_id,
    consent_status: null,
    status: 'completed',
    error: null,
  };
}

function lookOf(deps: CatalogueDeps, a: AvatarInfo): AvatarLookView {
  return {
    id: a.avatar_id,
    name: a.avatar_name,
    // Stock rigs are studio avatars: a drawn presenter, not a trained photo or video twin.
    avatar_type: 'studio_avatar',
    group_id: a.avatar_id,
    ...previews(deps, a.avatar_id),
    gender: a.gender,
    tags: a.tags,
    default_voice_id: a.default_voice_id,
    supported_api_engines: [...SUPPORTED_API_ENGINES],
    image_width: null,
    image_height: null,
    preferred_orientation: null,
    status: 'completed',
    error: null,
  };
}

/** Stock avatars are public; nobody owns a private one yet. */
const visible = (ownership: string | undefined) => ownership !== 'private';

/** Every stock avatar group, unpaged (GET /v2/avatar_group.list lists them all at once). */
export function allAvatarGroups(deps: CatalogueDeps): AvatarGroupView[] {
  return deps.engine.listAvatars().map((a) => groupOf(deps, a));
}

export function listAvatarGroups(deps: CatalogueDeps, q: { ownership?: string; limit: number; token?: string }): Page<AvatarGroupView> {
  return paginate(visible(q.ownership) ? allAvatarGroups(deps) : [], q.limit, q.token);
}

export function getAvatarGroup(deps: CatalogueDeps, groupId: string): AvatarGroupView {
  const a = deps.engine.findAvatar(groupId);
  if (!a) throw new OratorError('avatar_not_found', `Avatar group ${groupId} not found`, { param: 'group_id' });
  return groupOf(deps, a);
}

export function listAvatarLooks(deps: CatalogueDeps, q: { group_id?: string; avatar_type?: string; ownership?: string; limit: number; token?: string }): Page<AvatarLookView> {
  const all = deps.engine
    .listAvatars()
    .filter((a) => visible(q.ownership) && (q.group_id === undefined || a.avatar_id === q.group_id) && (q.avatar_type === undefined || q.avatar_type === 'studio_avatar'))
    .map((a) => lookOf(deps, a));
  return paginate(all, q.limit, q.token);
}

/** A stock look by id (the avatar id), or undefined. */
export function findAvatarLook(deps: CatalogueDeps, lookId: string): AvatarLookView | undefined {
  const a = deps.engine.findAvatar(lookId);
  return a ? lookOf(deps, a) : undefined;
}

/** The looks of one stock group; undefined when there is no such group. */
export function looksOfGroup(deps: CatalogueDeps, groupId: string): AvatarLookView[] | undefined {
  const look = findAvatarLook(deps, groupId);
  return look ? [look] : undefined;
}

export function getAvatarLook(deps: CatalogueDeps, lookId: string): AvatarLookView {
  const look = findAvatarLook(deps, lookId);
  if (!look) throw new OratorError('avatar_not_found', `Avatar look ${lookId} not found`, { param: 'look_id' });
  return look;
}
