// Deleting, renaming and consenting: DELETE /v2/photo_avatar/{id} and /v3/avatars/looks/{id}, DELETE
// /v2/photo_avatar_group/{id} and /v3/avatars/{id}, PATCH /v3/avatars/looks/{id}, POST
// /v3/avatars/{id}/consent. Videos already queued with a deleted look fail at render (its picture is gone).
import { OratorError } from '../../domain/errors.js';
import type { PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import type { AvatarGroupView, AvatarLookView } from '../avatars/avatar-catalogue.js';
import { groupPrefix, ownedByGroup, type PhotoAvatarDeps } from './photo-avatar-deps.js';
import { findGroupOrThrow, findGroupV3, findLookOrThrow, findLookV3 } from './photo-avatar-queries.js';

async function deleteLookBlobs(deps: PhotoAvatarDeps, look: PhotoAvatarLookRecord): Promise<void> {
  const keys = [look.imageKey, look.motionPreviewKey, look.source.type === 'blob' ? look.source.blobKey : null];
  // A generated picture the look shows belongs to its generation, not to the look.
  await Promise.all(keys.filter((k): k is string => ownedByGroup(k, look.spaceId, look.groupId)).map((k) => deps.blobs.delete(k)));
}

export async function deleteLook(deps: PhotoAvatarDeps, spaceId: string, lookId: string, param = 'id'): Promise<{ id: string }> {
  const look = await findLookOrThrow(deps, spaceId, lookId, param);
  if (!(await deps.store.looks.delete(spaceId, lookId))) throw new OratorError('photo_avatar_not_found', `Photo avatar ${lookId} not found`, { param });
  await deleteLookBlobs(deps, look);
  return { id: lookId };
}

/** The group, every look of it and every picture under it. */
export async function deleteGroup(deps: PhotoAvatarDeps, spaceId: string, groupId: string, param = 'group_id'): Promise<{ id: string }> {
  await findGroupOrThrow(deps, spaceId, groupId, param);
  const looks = await deps.store.looks.list(spaceId, groupId);
  const deleted = await deps.uow.transaction(async (tx) => {
    for (const look of looks) await tx.photoAvatars.looks.delete(spaceId, look.id);
    return tx.photoAvatars.groups.delete(spaceId, groupId);
  });
  if (!deleted) throw new OratorError('avatar_not_found', `Avatar group ${groupId} not found`, { param });
  await deps.blobs.deletePrefix(groupPrefix(spaceId, groupId));
  return { id: groupId };
}

export async function renameLook(deps: PhotoAvatarDeps, spaceId: string, lookId: string, name: string | null | undefined): Promise<AvatarLookView> {
  await findLookOrThrow(deps, spaceId, lookId, 'look_id');
  if (name !== undefined && name !== null) {
    const trimmed = name.trim();
    if (!trimmed) throw new OratorError('invalid_parameter', 'name must not be empty', { param: 'name' });
    await deps.store.looks.rename(spaceId, lookId, trimmed, deps.clock.now());
  }
  const view = await findLookV3(deps, spaceId, lookId);
  if (!view) throw new OratorError('photo_avatar_not_found', `Avatar look ${lookId} not found`, { param: 'look_id' });
  return view;
}

/**
 * There is no consent page or reviewer on this server: the API caller's consent is recorded as given
 * (consent_status "approved"), and `url` links the group's own resource, which shows it, rather than a
 * page for the person in the photo.
 */
export async function recordConsent(deps: PhotoAvatarDeps, spaceId: string, groupId: string, consentText: string | null | undefined): Promise<{ avatar_group: AvatarGroupView; url: string }> {
  if (consentText && /[<>]/.test(consentText)) throw new OratorError('invalid_parameter', 'consent_text must be plain text: the characters < and > are not allowed', { param: 'consent_text' });
  await findGroupOrThrow(deps, spaceId, groupId);
  await deps.store.groups.setConsent(spaceId, groupId, 'approved', deps.clock.now());
  const view = await findGroupV3(deps, spaceId, groupId);
  if (!view) throw new OratorError('avatar_not_found', `Avatar group ${groupId} not found`, { param: 'group_id' });
  return { avatar_group: view, url: `${deps.publicUrl}/v3/avatars/${encodeURIComponent(groupId)}` };
}
