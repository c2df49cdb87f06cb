// GET /v3/avatars[/{group_id}] and /v3/avatars/looks[/{look_id}] over both kinds of avatar: this
// space's photo avatars (private, listed first, as HeyGen lists private before public) and the stock
// catalogue (public). `ownership` keeps one kind; paging runs over the merged list.
import { OratorError } from '../../domain/errors.js';
import { paginate, type CatalogueDeps, type Page } from '../catalogue-page.js';
import { allAvatarGroups, findAvatarLook, getAvatarGroup, listAvatarLooks, type AvatarGroupView, type AvatarLookView } from './avatar-catalogue.js';

/** The space's own avatars, as the photo-avatar service lists them. */
export interface PrivateAvatars {
  listGroupsV3(spaceId: string): Promise<AvatarGroupView[]>;
  findGroupV3(spaceId: string, groupId: string): Promise<AvatarGroupView | undefined>;
  listLooksV3(spaceId: string, groupId?: string): Promise<AvatarLookView[]>;
  findLookV3(spaceId: string, lookId: string): Promise<AvatarLookView | undefined>;
}

export interface AvatarListingDeps {
  catalogue: CatalogueDeps;
  privateAvatars: PrivateAvatars;
}

const wantsPrivate = (ownership: string | undefined) => ownership !== 'public';
const wantsPublic = (ownership: string | undefined) => ownership !== 'private';

export async function listAvatarGroupsV3(deps: AvatarListingDeps, spaceId: string, q: { ownership?: string; limit: number; token?: string }): Promise<Page<AvatarGroupView>> {
  const own = wantsPrivate(q.ownership) ? await deps.privateAvatars.listGroupsV3(spaceId) : [];
  const stock = wantsPublic(q.ownership) ? allAvatarGroups(deps.catalogue) : [];
  return paginate([...own, ...stock], q.limit, q.token);
}

export async function getAvatarGroupV3(deps: AvatarListingDeps, spaceId: string, groupId: string): Promise<AvatarGroupView> {
  const own = await deps.privateAvatars.findGroupV3(spaceId, groupId);
  return own ?? getAvatarGroup(deps.catalogue, groupId);
}

export async function listAvatarLooksV3(
  deps: AvatarListingDeps,
  spaceId: string,
  q: { group_id?: string; avatar_type?: string; ownership?: string; limit: number; token?: string },
): Promise<Page<AvatarLookView>> {
  const photoType = q.avatar_type === undefined || q.avatar_type === 'photo_avatar';
  const own = wantsPrivate(q.ownership) && photoType ? await deps.privateAvatars.listLooksV3(spaceId, q.group_id) : [];
  // The stock list pages itself; asked for everything here, it is paged with the private looks.
  const stock = wantsPublic(q.ownership) ? listAvatarLooks(deps.catalogue, { group_id: q.group_id, avatar_type: q.avatar_type, limit: Number.MAX_SAFE_INTEGER }).data : [];
  return paginate([...own, ...stock], q.limit, q.token);
}

export async function getAvatarLookV3(deps: AvatarListingDeps, spaceId: string, lookId: string): Promise<AvatarLookView> {
  const look = (await deps.privateAvatars.findLookV3(spaceId, lookId)) ?? findAvatarLook(deps.catalogue, lookId);
  if (!look) throw new OratorError('avatar_not_found', `Avatar look ${lookId} not found`, { param: 'look_id' });
  return look;
}
