// The photo_avatar_look job: the look's picture fetched (URL, stored blob, or the look a motion look
// moves), its face checked (one face, large, sharp, facing the camera), stored upright at most 2048 px;
// a motion look also gets a short rendered clip of it moving. The look and its webhook event commit
// with the job's completion.
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { JobHandler } from '../../domain/job-handler.js';
import type { PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import type { RenderPlan } from '../../domain/render-plan.js';
import { recordLookFinished } from './photo-avatar-events.js';
import { copyBlobTo, finishJob, photoAvatarErrorOf, progressWriter } from './photo-avatar-job-support.js';
import { LOOK_MAX_SIDE, lookImageKey, ownedByGroup, type PhotoAvatarDeps } from './photo-avatar-deps.js';
import { checkPortrait } from './portrait-checks.js';

/** The motion preview: a few seconds of the look idling (blinks, sway), small enough to render quickly. */
const MOTION_PREVIEW = { size: 360, seconds: 3 };

async function fetchPicture(deps: PhotoAvatarDeps, look: PhotoAvatarLookRecord, dir: string): Promise<string> {
  const s = look.source;
  if (s.type === 'url') {
    const file = path.join(dir, 'source');
    await deps.fetcher.fetchToFile(s.url, file);
    return file;
  }
  if (s.type === 'blob') return copyBlobTo(deps.blobs, s.blobKey, dir, 'source', () => new OratorError('asset_not_found', `The picture of photo avatar ${look.id} (${s.label}) was deleted before it was processed`));
  const moved = await deps.store.looks.findById(s.lookId);
  if (!moved?.imageKey || moved.status !== 'completed') throw new OratorError('photo_avatar_not_found', `Photo avatar ${s.lookId} (the look to add motion to) is gone`);
  return copyBlobTo(deps.blobs, moved.imageKey, dir, 'source', () => new OratorError('photo_avatar_not_found', `Photo avatar ${s.lookId} (the look to add motion to) is gone`));
}

function motionPlan(look: PhotoAvatarLookRecord, image: string): RenderPlan {
  return {
    width: MOTION_PREVIEW.size,
    height: MOTION_PREVIEW.size,
    fps: 25,
    seed: Number.parseInt(look.id.slice(0, 8), 16) || 1,
    format: 'mp4',
    burnCaptions: false,
    scenes: [
      {
        character: { type: 'photo', image: { path: image, label: `photo avatar ${look.id}` }, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
        voice: { type: 'silence', durationSec: MOTION_PREVIEW.seconds },
        background: { type: 'color', color: '#000000' },
      },
    ],
  };
}

async function renderMotionPreview(deps: PhotoAvatarDeps, look: PhotoAvatarLookRecord, image: string, dir: string, signal: AbortSignal): Promise<string> {
  const plan = motionPlan(look, image);
  deps.engine.validate(plan);
  const result = await deps.engine.render(plan, path.join(dir, 'out'), { workDir: path.join(dir, 'work'), signal });
  const key = lookImageKey(look.spaceId, look.groupId, `${look.id}-motion`, 'mp4');
  await deps.blobs.putFile(key, result.video);
  return key;
}

export function createPhotoAvatarLookHandler(deps: PhotoAvatarDeps): JobHandler<'photo_avatar_look'> {
  return {
    async run({ lookId }, ctx) {
      const look = await deps.store.looks.findById(lookId);
      if (!look || look.status === 'completed' || look.status === 'failed') return;
      if (!(await deps.store.looks.markProcessing(lookId, deps.clock.now()))) return;
      const progress = progressWriter((p) => deps.store.looks.updateProgress(lookId, p, deps.clock.now()));
      const dir = await deps.scratch.create(`photo-avatar-${lookId}`);
      try {
        await progress(10);
        const source = await fetchPicture(deps, look, dir);
        await progress(40);
        // A motion look moves a look already checked; a new picture is checked before anything is stored.
        if (look.origin !== 'motion') checkPortrait(await deps.engine.inspectPortrait(source));
        await progress(60);
        const ext = look.origin === 'generated' ? 'png' : 'jpg';
        const own = path.join(dir, `look.${ext}`);
        const size = await deps.engine.editPortrait(source, own, { maxSide: LOOK_MAX_SIDE });
        const imageKey = lookImageKey(look.spaceId, look.groupId, look.id, ext);
        await deps.blobs.putFile(imageKey, own);
        const motionPreviewKey = look.origin === 'motion' ? await renderMotionPreview(deps, look, own, dir, ctx.signal) : null;
        await progress(95);
        await finishJob(deps.uow, ctx, async (tx) => {
          if (await tx.photoAvatars.looks.markCompleted(lookId, { imageKey, width: size.width, height: size.height, motionPreviewKey }, deps.clock.now())) {
            const done = await tx.photoAvatars.looks.findById(lookId);
            if (done) await recordLookFinished(deps, tx, done);
          }
        });
        // Deleted while it was processed: drop what was just stored.
        if (!(await deps.store.looks.findById(lookId))) await Promise.all([imageKey, motionPreviewKey].filter((k): k is string => k !== null).map((k) => deps.blobs.delete(k)));
        // A base64 body was kept under the group only until the look had its own copy.
        if (look.source.type === 'blob' && ownedByGroup(look.source.blobKey, look.spaceId, look.groupId) && look.source.blobKey !== imageKey) await deps.blobs.delete(look.source.blobKey);
      } finally {
        await deps.scratch.remove(dir);
      }
    },

    async giveUp({ lookId }, error) {
      await deps.uow.transaction(async (tx) => {
        if (!(await tx.photoAvatars.looks.markFailed(lookId, photoAvatarErrorOf(error), deps.clock.now()))) return;
        const failed = await tx.photoAvatars.looks.findById(lookId);
        if (failed) await recordLookFinished(deps, tx, failed);
      });
    },
  };
}
