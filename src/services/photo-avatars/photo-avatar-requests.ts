// The long photo-avatar steps a request starts: picture generation (from attributes or a trained group),
// training, motion and upscaling. Each writes its state and its job in one transaction and answers at
// once; the job finishes it (never lost: a worker that dies leaves the job to the lease watchdog).
import { OratorError } from '../../domain/errors.js';
import { newVideoId } from '../../domain/ids.js';
import { JOB_POLICY } from '../../domain/job-policy.js';
import type { GenerationKind, PhotoAvatarGenerationRecord, PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import { enqueueLookJob } from './create-photo-avatars.js';
import type { PhotoAttributes } from './illustrate-attributes.js';
import type { PhotoAvatarDeps } from './photo-avatar-deps.js';
import { findGroupOrThrow, findLookOrThrow } from './photo-avatar-queries.js';
import { GENERATION_NOTES, upscaleAvailability } from './photo-avatar-views.js';

async function startGeneration(deps: PhotoAvatarDeps, spaceId: string, kind: GenerationKind, groupId: string | null, request: Record<string, unknown>): Promise<string> {
  const now = deps.clock.now();
  const g: PhotoAvatarGenerationRecord = { id: newVideoId(), spaceId, kind, groupId, request, status: 'pending', progress: 0, images: [], error: null, createdAt: now, updatedAt: now };
  await deps.uow.transaction(async (tx) => {
    await tx.photoAvatars.generations.insert(g);
    await tx.jobs.enqueue({ kind: 'photo_avatar_generation', payload: { generationId: g.id }, spaceId, maxAttempts: JOB_POLICY.photo_avatar_generation.attempts });
  });
  return g.id;
}

/** POST /v2/photo_avatar/photo/generate: illustrated presenters (see illustrate-attributes.ts). */
export async function generatePhotos(deps: PhotoAvatarDeps, spaceId: string, attributes: PhotoAttributes) {
  const id = await startGeneration(deps, spaceId, 'photo', null, { ...attributes });
  return { generation_id: id, illustrated: true, note: GENERATION_NOTES.photo };
}

/** POST /v2/photo_avatar/look/generate: new framings of a trained group's photo. */
export async function generateLooks(deps: PhotoAvatarDeps, spaceId: string, req: { group_id: string; prompt: string; orientation?: string; pose?: string; style?: string }) {
  const group = await findGroupOrThrow(deps, spaceId, req.group_id);
  if (group.trainStatus !== 'ready') {
    throw new OratorError('invalid_parameter', `Avatar group ${group.id} is not trained (train_status ${group.trainStatus}): POST /v2/photo_avatar/train and wait for GET /v2/photo_avatar/train/status/${group.id} to say ready`, { param: 'group_id' });
  }
  const id = await startGeneration(deps, spaceId, 'look', group.id, { prompt: req.prompt, orientation: req.orientation ?? 'square', pose: req.pose ?? 'half_body', style: req.style ?? 'Realistic' });
  return { generation_id: id, note: GENERATION_NOTES.look };
}

/** POST /v2/photo_avatar/train: answers HeyGen's flow_id; the group's train_status goes pending → training → ready. */
export async function trainGroup(deps: PhotoAvatarDeps, spaceId: string, groupId: string): Promise<{ flow_id: string }> {
  const group = await findGroupOrThrow(deps, spaceId, groupId);
  const looks = await deps.store.looks.list(spaceId, groupId);
  if (looks.some((l) => l.status === 'pending' || l.status === 'processing')) {
    throw new OratorError('invalid_parameter', `Avatar group ${groupId} still has looks being processed: wait until GET /v2/avatar_group/${groupId}/avatars shows them completed`, { param: 'group_id' });
  }
  if (!looks.some((l) => l.status === 'completed')) throw new OratorError('invalid_parameter', `Avatar group ${groupId} has no completed look to train on`, { param: 'group_id' });
  if (group.trainStatus === 'pending' || group.trainStatus === 'training') return { flow_id: group.trainFlowId ?? group.id };
  const flowId = newVideoId();
  const now = deps.clock.now();
  await deps.uow.transaction(async (tx) => {
    if (!(await tx.photoAvatars.groups.setTrainState(groupId, ['empty', 'ready', 'failed'], { status: 'pending', progress: 0, error: null, flowId }, now))) {
      throw new OratorError('request_in_progress', `Avatar group ${groupId} is already being trained`, { param: 'group_id' });
    }
    await tx.jobs.enqueue({ kind: 'photo_avatar_train', payload: { groupId }, spaceId, maxAttempts: JOB_POLICY.photo_avatar_train.attempts });
  });
  return { flow_id: flowId };
}

/** POST /v2/photo_avatar/add_motion: a new look (is_motion) of the same picture with a rendered motion clip. */
export async function addMotion(deps: PhotoAvatarDeps, spaceId: string, lookId: string): Promise<{ id: string }> {
  const look = await findLookOrThrow(deps, spaceId, lookId);
  if (look.status !== 'completed') throw new OratorError('invalid_parameter', `Photo avatar ${lookId} is not completed yet (status ${look.status})`, { param: 'id' });
  if (look.origin === 'motion') throw new OratorError('invalid_parameter', `Photo avatar ${lookId} already has motion`, { param: 'id' });
  const now = deps.clock.now();
  const motion: PhotoAvatarLookRecord = {
    ...look,
    id: newVideoId(),
    name: `${look.name} (motion)`,
    origin: 'motion',
    source: { type: 'look', lookId: look.id },
    status: 'pending',
    progress: 0,
    imageKey: null,
    motionPreviewKey: null,
    width: null,
    height: null,
    upscaled: false,
    upscaleStatus: null,
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.uow.transaction(async (tx) => {
    await tx.photoAvatars.looks.insert(motion);
    await enqueueLookJob(tx, motion);
  });
  return { id: motion.id };
}

/** POST /v2/photo_avatar/upscale: the look's picture enlarged in place (Lanczos, no super-resolution model). */
export async function upscaleLook(deps: PhotoAvatarDeps, spaceId: string, lookId: string): Promise<{ id: string }> {
  const look = await findLookOrThrow(deps, spaceId, lookId);
  const availability = upscaleAvailability(look);
  if (!availability.available) throw new OratorError('invalid_parameter', `Photo avatar ${lookId} cannot be upscaled: ${availability.reason}`, { param: 'id' });
  await deps.uow.transaction(async (tx) => {
    if (!(await tx.photoAvatars.looks.setUpscale(lookId, [null, 'failed'], 'pending', null, deps.clock.now()))) {
      throw new OratorError('request_in_progress', `Photo avatar ${lookId} is already being upscaled`, { param: 'id' });
    }
    await tx.jobs.enqueue({ kind: 'photo_avatar_upscale', payload: { lookId }, spaceId, maxAttempts: JOB_POLICY.photo_avatar_upscale.attempts });
  });
  return { id: lookId };
}
