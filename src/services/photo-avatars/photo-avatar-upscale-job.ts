// The photo_avatar_upscale job: the look's picture enlarged 2x with sharp's Lanczos 3 kernel (no
// super-resolution model runs here), swapped in place; the look stays usable throughout. HeyGen sends
// no webhook for upscaling, and neither does this.
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { JobHandler } from '../../domain/job-handler.js';
import { copyBlobTo, finishJob } from './photo-avatar-job-support.js';
import { lookImageKey, ownedByGroup, UPSCALE_MAX_SIDE, type PhotoAvatarDeps } from './photo-avatar-deps.js';

export const UPSCALE_FACTOR = 2;

export function createPhotoAvatarUpscaleHandler(deps: PhotoAvatarDeps): JobHandler<'photo_avatar_upscale'> {
  return {
    async run({ lookId }, ctx) {
      const look = await deps.store.looks.findById(lookId);
      if (!look?.imageKey || (look.upscaleStatus !== 'pending' && look.upscaleStatus !== 'processing')) return;
      if (!(await deps.store.looks.setUpscale(lookId, ['pending', 'processing'], 'processing', null, deps.clock.now()))) return;
      const dir = await deps.scratch.create(`photo-upscale-${lookId}`);
      try {
        const source = await copyBlobTo(deps.blobs, look.imageKey, dir, 'source', () => new OratorError('photo_avatar_not_found', `Photo avatar ${lookId} was deleted before it was upscaled`));
        const ext = path.extname(look.imageKey).slice(1) || 'jpg';
        const out = path.join(dir, `upscaled.${ext}`);
        const size = await deps.engine.editPortrait(source, out, { maxSide: UPSCALE_MAX_SIDE, upscale: UPSCALE_FACTOR });
        const imageKey = lookImageKey(look.spaceId, look.groupId, `${look.id}-x${UPSCALE_FACTOR}`, ext);
        await deps.blobs.putFile(imageKey, out);
        let swapped = false;
        await finishJob(deps.uow, ctx, async (tx) => {
          swapped = await tx.photoAvatars.looks.setUpscale(lookId, ['processing'], 'completed', { imageKey, width: size.width, height: size.height }, deps.clock.now());
        });
        // The smaller picture is no longer shown (a generation's picture is the generation's to keep).
        if (swapped && ownedByGroup(look.imageKey, look.spaceId, look.groupId) && look.imageKey !== imageKey) await deps.blobs.delete(look.imageKey);
        if (!swapped) await deps.blobs.delete(imageKey);
      } finally {
        await deps.scratch.remove(dir);
      }
    },

    async giveUp({ lookId }) {
      await deps.store.looks.setUpscale(lookId, ['pending', 'processing'], 'failed', null, deps.clock.now());
    },
  };
}
