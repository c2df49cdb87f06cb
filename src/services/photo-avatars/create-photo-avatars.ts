// New photo avatar groups and looks (v1 photo_avatar.generate, v2 avatar_group/create and /add, v3
// POST /v3/avatars): rows and their jobs commit in one transaction, so no look is left without the job
// that finishes it. A look from a generated picture needs no job: it is usable at once.
import { Readable } from 'node:stream';
import { newVideoId } from '../../domain/ids.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import type { PhotoAvatarGender, PhotoAvatarGroupRecord, PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import type { TransactionScope } from '../ports.js';
import { lookImageKey, type PhotoAvatarDeps } from './photo-avatar-deps.js';
import type { ResolvedPicture } from './photo-avatar-pictures.js';

/** HeyGen's gender words (v1 takes "male"/"female", the generators "Man"/"Woman"). */
export function genderOf(value: string | null | undefined): PhotoAvatarGender | null {
  const v = value?.trim().toLowerCase();
  if (v === 'male' || v === 'man') return 'male';
  if (v === 'female' || v === 'woman') return 'female';
  return null;
}

export function newGroupRecord(spaceId: string, name: string, gender: PhotoAvatarGender | null, now: number): PhotoAvatarGroupRecord {
  return { id: newVideoId(), spaceId, name, gender, trainStatus: 'empty', trainProgress: 0, trainError: null, trainFlowId: null, trainedAt: null, consentStatus: null, createdAt: now, updatedAt: now };
}

async function lookRecord(deps: PhotoAvatarDeps, group: PhotoAvatarGroupRecord, id: string, name: string, picture: ResolvedPicture, now: number): Promise<PhotoAvatarLookRecord> {
  const base = { id, spaceId: group.spaceId, groupId: group.id, name, progress: 0, motionPreviewKey: null, upscaled: false, upscaleStatus: null, error: null, createdAt: now, updatedAt: now };
  switch (picture.kind) {
    case 'ready':
      return { ...base, origin: 'generated', source: { type: 'blob', blobKey: picture.image.key, label: 'a generated picture' }, status: 'completed', progress: 100, imageKey: picture.image.key, width: picture.image.width, height: picture.image.height };
    case 'source':
      return { ...base, origin: 'photo', source: picture.source, status: 'pending', imageKey: null, width: null, height: null };
    case 'upload': {
      // Kept under the group until the look's job has stored its own copy.
      const blobKey = lookImageKey(group.spaceId, group.id, `${id}-source`, picture.ext);
      await deps.blobs.putStream(blobKey, Readable.from([picture.bytes]));
      return { ...base, origin: 'photo', source: { type: 'blob', blobKey, label: 'the uploaded file' }, status: 'pending', imageKey: null, width: null, height: null };
    }
  }
}

export async function enqueueLookJob(tx: TransactionScope, look: PhotoAvatarLookRecord): Promise<void> {
  await tx.jobs.enqueue({ kind: 'photo_avatar_look', payload: { lookId: look.id }, spaceId: look.spaceId, maxAttempts: JOB_POLICY.photo_avatar_look.attempts });
}

/**
 * Writes the looks (and the group when it is new) with a job for each one still to process. The first
 * look of a new group takes the group's id, as HeyGen answers avatar_group/create with one id that both
 * trains the group and polls the look.
 */
export async function writeLooks(
  deps: PhotoAvatarDeps,
  group: PhotoAvatarGroupRecord,
  isNew: boolean,
  pictures: { picture: ResolvedPicture; name: string }[],
): Promise<PhotoAvatarLookRecord[]> {
  const now = deps.clock.now();
  const looks: PhotoAvatarLookRecord[] = [];
  for (const [i, p] of pictures.entries()) looks.push(await lookRecord(deps, group, isNew && i === 0 ? group.id : newVideoId(), p.name, p.picture, now));
  await deps.uow.transaction(async (tx) => {
    if (isNew) await tx.photoAvatars.groups.insert(group);
    for (const look of looks) {
      await tx.photoAvatars.looks.insert(look);
      if (look.status === 'pending') await enqueueLookJob(tx, look);
    }
  });
  return looks;
}
