// The photo_avatar_train job. No model is trained here (the photo rig animates a look as it is): a
// "training" checks every completed look of the group again, as HeyGen's training would refuse a bad
// one, and marks the group ready; photo_avatar_train.success or .fail commits with it.
import type { JobHandler } from '../../domain/job-handler.js';
import { OratorError } from '../../domain/errors.js';
import { recordTrainFinished } from './photo-avatar-events.js';
import { copyBlobTo, finishJob, photoAvatarErrorOf } from './photo-avatar-job-support.js';
import type { PhotoAvatarDeps } from './photo-avatar-deps.js';
import { checkPortrait } from './portrait-checks.js';

export function createPhotoAvatarTrainHandler(deps: PhotoAvatarDeps): JobHandler<'photo_avatar_train'> {
  return {
    async run({ groupId }, ctx) {
      const group = await deps.store.groups.findById(groupId);
      if (!group || (group.trainStatus !== 'pending' && group.trainStatus !== 'training')) return;
      if (!(await deps.store.groups.setTrainState(groupId, ['pending', 'training'], { status: 'training', progress: 0, error: null }, deps.clock.now()))) return;
      const looks = (await deps.store.looks.list(group.spaceId, groupId)).filter((l) => l.status === 'completed' && l.imageKey && l.origin !== 'motion');
      if (looks.length === 0) throw new OratorError('invalid_parameter', `Avatar group ${groupId} has no completed look to train on`, { param: 'group_id' });
      const dir = await deps.scratch.create(`photo-train-${groupId}`);
      try {
        for (const [i, look] of looks.entries()) {
          const file = await copyBlobTo(deps.blobs, look.imageKey!, dir, `look-${i}`, () => new OratorError('photo_avatar_not_found', `Photo avatar ${look.id} was deleted during training`));
          try {
            checkPortrait(await deps.engine.inspectPortrait(file));
          } catch (err) {
            throw err instanceof OratorError ? new OratorError(err.kind, `Photo avatar ${look.id}: ${err.message}`, { param: 'group_id' }) : err;
          }
          await deps.store.groups.updateTrainProgress(groupId, Math.round((95 * (i + 1)) / looks.length), deps.clock.now()).catch(() => undefined);
        }
        await finishJob(deps.uow, ctx, async (tx) => {
          const now = deps.clock.now();
          if (!(await tx.photoAvatars.groups.setTrainState(groupId, ['training'], { status: 'ready', progress: 100, error: null, trainedAt: now }, now))) return;
          const ready = await tx.photoAvatars.groups.findById(groupId);
          if (ready) await recordTrainFinished(deps, tx, ready);
        });
      } finally {
        await deps.scratch.remove(dir);
      }
    },

    async giveUp({ groupId }, error) {
      await deps.uow.transaction(async (tx) => {
        const now = deps.clock.now();
        if (!(await tx.photoAvatars.groups.setTrainState(groupId, ['pending', 'training'], { status: 'failed', progress: 0, error: photoAvatarErrorOf(error) }, now))) return;
        const failed = await tx.photoAvatars.groups.findById(groupId);
        if (failed) await recordTrainFinished(deps, tx, failed);
      });
    },
  };
}
