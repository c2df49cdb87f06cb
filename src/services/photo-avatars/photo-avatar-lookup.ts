// Photo avatar looks as the video builders see them: a look id (talking_photo_id, photo_avatar_id, a v3
// avatar_id or image.asset_id) resolves to the look's own picture, before the talking photos are asked.
// A look still being processed, or failed, is refused with a message saying so rather than "not found".
import { OratorError } from '../../domain/errors.js';
import type { PhotoLookup } from '../avatars/photo-lookup.js';
import type { PhotoAvatarStore } from './photo-avatar-ports.js';
import { defaultVoiceFor } from './photo-avatar-deps.js';

export function photoAvatarLookup(store: PhotoAvatarStore, fallback: PhotoLookup): PhotoLookup {
  return {
    async findPhoto(spaceId, id) {
      const look = await store.looks.find(spaceId, id);
      if (!look) return fallback.findPhoto(spaceId, id);
      if (look.status === 'failed') throw new OratorError('invalid_parameter', `Photo avatar ${id} failed (${look.error?.message ?? 'unknown error'}): create it again from another photo`);
      if (look.status !== 'completed' || !look.imageKey) {
        throw new OratorError('invalid_parameter', `Photo avatar ${id} is not ready yet (status ${look.status}, ${look.progress}%): wait until GET /v2/photo_avatar/${id} says completed`);
      }
      const group = await store.groups.findById(look.groupId);
      return { image: { blobKey: look.imageKey, label: `photo avatar ${id}` }, defaultVoiceId: defaultVoiceFor(group?.gender ?? null) };
    },
  };
}
