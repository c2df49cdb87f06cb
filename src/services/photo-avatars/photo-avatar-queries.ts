// Reads of this space's photo avatars: one look, group or generation by id (another space's answer
// "not found", like an unknown id), and the lists the v2 and v3 avatar routes merge with stock avatars.
import { OratorError } from '../../domain/errors.js';
import type { PhotoAvatarGenerationRecord, PhotoAvatarGroupRecord, PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import type { AvatarGroupView, AvatarLookView } from '../avatars/avatar-catalogue.js';
import type { PhotoAvatarDeps } from './photo-avatar-deps.js';
import { groupPreview, v2GroupView, v2LookView, v3GroupView, v3LookView, type V2LookView } from './photo-avatar-views.js';

export async function findLookOrThrow(deps: PhotoAvatarDeps, spaceId: string, id: string, param = 'id'): Promise<PhotoAvatarLookRecord> {
  const look = await deps.store.looks.find(spaceId, id);
  if (!look) throw new OratorError('photo_avatar_not_found', `Photo avatar ${id} not found`, { param });
  return look;
}

export async function findGroupOrThrow(deps: PhotoAvatarDeps, spaceId: string, id: string, param = 'group_id'): Promise<PhotoAvatarGroupRecord> {
  const group = await deps.store.groups.find(spaceId, id);
  if (!group) throw new OratorError('avatar_not_found', `Avatar group ${id} not found`, { param });
  return group;
}

export async function findGenerationOrThrow(deps: PhotoAvatarDeps, spaceId: string, id: string): Promise<PhotoAvatarGenerationRecord> {
  const g = await deps.store.generations.find(spaceId, id);
  if (!g) throw new OratorError('photo_avatar_not_found', `Photo avatar generation ${id} not found`, { param: 'generation_id' });
  return g;
}

export async function lookViewV2(deps: PhotoAvatarDeps, look: PhotoAvatarLookRecord): Promise<V2LookView> {
  return v2LookView(deps.blobs, look, await deps.store.groups.findById(look.groupId));
}

/** Every group of the space with its looks, newest group first, looks oldest first. */
async function groupsWithLooks(deps: PhotoAvatarDeps, spaceId: string): Promise<{ group: PhotoAvatarGroupRecord; looks: PhotoAvatarLookRecord[] }[]> {
  const [groups, looks] = await Promise.all([deps.store.groups.list(spaceId), deps.store.looks.list(spaceId)]);
  return groups.map((group) => ({ group, looks: looks.filter((l) => l.groupId === group.id) }));
}

export async function listGroupsV2(deps: PhotoAvatarDeps, spaceId: string) {
  return Promise.all((await groupsWithLooks(deps, spaceId)).map(async ({ group, looks }) => v2GroupView(group, looks, await groupPreview(deps.blobs, looks))));
}

/** The looks of one group of this space, or undefined when the space has no such group. */
export async function groupLooksV2(deps: PhotoAvatarDeps, spaceId: string, groupId: string): Promise<V2LookView[] | undefined> {
  const group = await deps.store.groups.find(spaceId, groupId);
  if (!group) return undefined;
  const looks = await deps.store.looks.list(spaceId, groupId);
  return Promise.all(looks.map((l) => v2LookView(deps.blobs, l, group)));
}

export async function listGroupsV3(deps: PhotoAvatarDeps, spaceId: string): Promise<AvatarGroupView[]> {
  return Promise.all((await groupsWithLooks(deps, spaceId)).map(async ({ group, looks }) => v3GroupView(group, looks, await groupPreview(deps.blobs, looks))));
}

export async function findGroupV3(deps: PhotoAvatarDeps, spaceId: string, groupId: string): Promise<AvatarGroupView | undefined> {
  const group = await deps.store.groups.find(spaceId, groupId);
  if (!group) return undefined;
  const looks = await deps.store.looks.list(spaceId, groupId);
  return v3GroupView(group, looks, await groupPreview(deps.blobs, looks));
}

/** Newest group first, each group's looks oldest first; `groupId` keeps one group's. */
export async function listLooksV3(deps: PhotoAvatarDeps, spaceId: string, groupId?: string): Promise<AvatarLookView[]> {
  const all = await groupsWithLooks(deps, spaceId);
  const picked = groupId === undefined ? all : all.filter((g) => g.group.id === groupId);
  return Promise.all(picked.flatMap(({ group, looks }) => looks.map((l) => v3LookView(deps.blobs, l, group))));
}

export async function findLookV3(deps: PhotoAvatarDeps, spaceId: string, lookId: string): Promise<AvatarLookView | undefined> {
  const look = await deps.store.looks.find(spaceId, lookId);
  return look ? v3LookView(deps.blobs, look, await deps.store.groups.findById(look.groupId)) : undefined;
}
