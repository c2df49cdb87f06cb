// The photo_avatar_generation job. photo/generate: illustrated presenters drawn from the attributes
// (no image model runs here); look/generate: the trained group's own photo framed anew for each pose
// and toned for the style. Every picture is checked like an upload, so each one animates, and stored
// under the generation; the generation and its webhook event commit with the job's completion.
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { JobHandler } from '../../domain/job-handler.js';
import type { PortraitOrientation, PortraitPose } from '../../domain/illustrated-portrait.js';
import type { GeneratedImage, PhotoAvatarGenerationRecord } from '../../domain/photo-avatar.js';
import type { PortraitTone } from '../ports.js';
import { illustrateAttributes, illustrationSize, POSES, STYLE_TONE, VARIANTS, type PhotoAttributes } from './illustrate-attributes.js';
import { recordGenerationFinished } from './photo-avatar-events.js';
import { copyBlobTo, finishJob, photoAvatarErrorOf, progressWriter } from './photo-avatar-job-support.js';
import { generationPrefix, LOOK_MAX_SIDE, type PhotoAvatarDeps } from './photo-avatar-deps.js';
import { checkPortrait } from './portrait-checks.js';

type Progress = (p: number) => Promise<void>;

/** Checks a picture like an upload (so it animates) and stores it; the inspection measured its size. */
async function storePicture(deps: PhotoAvatarDeps, g: PhotoAvatarGenerationRecord, file: string, index: number): Promise<GeneratedImage> {
  const inspection = await deps.engine.inspectPortrait(file);
  checkPortrait(inspection);
  const key = `${generationPrefix(g.spaceId, g.id)}${index}${path.extname(file)}`;
  await deps.blobs.putFile(key, file);
  return { key, width: inspection.width, height: inspection.height };
}

async function drawFromAttributes(deps: PhotoAvatarDeps, g: PhotoAvatarGenerationRecord, dir: string, progress: Progress): Promise<GeneratedImage[]> {
  const attributes = g.request as unknown as PhotoAttributes;
  const tone = STYLE_TONE[attributes.style] ?? 'natural';
  const images: GeneratedImage[] = [];
  for (const [i, portrait] of illustrateAttributes(attributes).entries()) {
    const drawn = path.join(dir, `drawn-${i}.png`);
    await deps.engine.drawIllustratedPortrait(portrait, drawn, illustrationSize(portrait.orientation));
    let file = drawn;
    if (tone !== 'natural') {
      file = path.join(dir, `toned-${i}.png`);
      await deps.engine.editPortrait(drawn, file, { maxSide: LOOK_MAX_SIDE, tone });
    }
    images.push(await storePicture(deps, g, file, i));
    await progress(10 + Math.round((80 * (i + 1)) / VARIANTS));
  }
  return images;
}

/** The group's first completed look: the photo new looks are made from. */
async function referencePicture(deps: PhotoAvatarDeps, g: PhotoAvatarGenerationRecord, dir: string): Promise<string> {
  const looks = g.groupId ? await deps.store.looks.list(g.spaceId, g.groupId) : [];
  const ref = looks.find((l) => l.status === 'completed' && l.imageKey && l.origin !== 'motion');
  const gone = () => new OratorError('photo_avatar_not_found', `Avatar group ${g.groupId ?? ''} has no completed look to make new looks from`);
  if (!ref?.imageKey) throw gone();
  return copyBlobTo(deps.blobs, ref.imageKey, dir, 'reference', gone);
}

async function reframeGroupPhoto(deps: PhotoAvatarDeps, g: PhotoAvatarGenerationRecord, dir: string, progress: Progress): Promise<GeneratedImage[]> {
  const req = g.request as { orientation?: PortraitOrientation; pose?: PortraitPose; style?: string };
  const reference = await referencePicture(deps, g, dir);
  const face = checkPortrait(await deps.engine.inspectPortrait(reference));
  const pose = req.pose ?? 'half_body';
  const tone: PortraitTone = STYLE_TONE[req.style ?? 'Realistic'] ?? 'natural';
  // The pose asked for first, then the other poses, then the first again in a second tone.
  const poses = [pose, ...POSES.filter((p) => p !== pose)];
  const variants = [...poses.map((p) => ({ pose: p, tone })), { pose, tone: tone === 'natural' ? ('warm' as const) : ('natural' as const) }].slice(0, VARIANTS);
  const images: GeneratedImage[] = [];
  for (const [i, v] of variants.entries()) {
    const file = path.join(dir, `look-${i}.jpg`);
    await deps.engine.editPortrait(reference, file, { maxSide: LOOK_MAX_SIDE, tone: v.tone, frame: { face: face.box, orientation: req.orientation ?? 'square', pose: v.pose } });
    images.push(await storePicture(deps, g, file, i));
    await progress(10 + Math.round((80 * (i + 1)) / variants.length));
  }
  return images;
}

export function createPhotoAvatarGenerationHandler(deps: PhotoAvatarDeps): JobHandler<'photo_avatar_generation'> {
  return {
    async run({ generationId }, ctx) {
      const g = await deps.store.generations.findById(generationId);
      if (!g || g.status === 'success' || g.status === 'failed') return;
      if (!(await deps.store.generations.markProcessing(generationId, deps.clock.now()))) return;
      const progress = progressWriter((p) => deps.store.generations.updateProgress(generationId, p, deps.clock.now()));
      const dir = await deps.scratch.create(`photo-generation-${generationId}`);
      try {
        await progress(5);
        const images = g.kind === 'photo' ? await drawFromAttributes(deps, g, dir, progress) : await reframeGroupPhoto(deps, g, dir, progress);
        await finishJob(deps.uow, ctx, async (tx) => {
          if (!(await tx.photoAvatars.generations.markSucceeded(generationId, images, deps.clock.now()))) return;
          const done = await tx.photoAvatars.generations.findById(generationId);
          if (done) await recordGenerationFinished(deps, tx, done);
        });
      } finally {
        await deps.scratch.remove(dir);
      }
    },

    async giveUp({ generationId }, error) {
      await deps.uow.transaction(async (tx) => {
        if (!(await tx.photoAvatars.generations.markFailed(generationId, photoAvatarErrorOf(error), deps.clock.now()))) return;
        const failed = await tx.photoAvatars.generations.findById(generationId);
        if (failed) await recordGenerationFinished(deps, tx, failed);
      });
    },
  };
}
