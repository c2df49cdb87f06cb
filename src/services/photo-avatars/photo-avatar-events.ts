// HeyGen's photo-avatar webhook events, written by the transaction that finishes the job (the outbox):
// photo_avatar_generation.* for a look made from a picture and for a generation, photo_avatar_add_motion.*
// for a motion look, photo_avatar_train.* for a training. HeyGen documents no payloads for these; each
// carries the ids a client polls with, the links, and `msg` on failure.
import type { PhotoAvatarGenerationRecord, PhotoAvatarGroupRecord, PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import type { WebhookEventType } from '../../domain/webhook-events.js';
import type { BlobStore, Clock, TransactionScope } from '../ports.js';
import { recordEvent } from '../webhooks/webhook-outbox.js';
import { generatedImageKey } from './photo-avatar-views.js';
import { URL_TTL_SEC } from './photo-avatar-deps.js';

export interface PhotoAvatarEventDeps {
  blobs: BlobStore;
  clock: Clock;
}

const sign = (blobs: BlobStore, key: string | null) => (key ? blobs.signedUrl(key, URL_TTL_SEC) : Promise.resolve(null));

async function record(deps: PhotoAvatarEventDeps, tx: TransactionScope, spaceId: string, type: WebhookEventType, entityId: string, data: Record<string, unknown>): Promise<void> {
  await recordEvent(deps, tx, { spaceId, eventType: type, eventData: data, entityId }, null);
}

export async function recordLookFinished(deps: PhotoAvatarEventDeps, tx: TransactionScope, look: PhotoAvatarLookRecord): Promise<void> {
  const ok = look.status === 'completed';
  const motion = look.origin === 'motion';
  const type: WebhookEventType = motion ? (ok ? 'photo_avatar_add_motion.success' : 'photo_avatar_add_motion.fail') : ok ? 'photo_avatar_generation.success' : 'photo_avatar_generation.fail';
  const data: Record<string, unknown> = { id: look.id, photo_avatar_id: look.id, group_id: look.groupId, status: look.status };
  if (ok) {
    data.image_url = await sign(deps.blobs, look.imageKey);
    if (motion) data.motion_preview_url = await sign(deps.blobs, look.motionPreviewKey);
  } else {
    data.msg = look.error?.message ?? 'Photo avatar failed';
    data.error_code = look.error?.code ?? null;
  }
  await record(deps, tx, look.spaceId, type, look.id, data);
}

export async function recordGenerationFinished(deps: PhotoAvatarEventDeps, tx: TransactionScope, g: PhotoAvatarGenerationRecord): Promise<void> {
  const ok = g.status === 'success';
  const data: Record<string, unknown> = { generation_id: g.id, group_id: g.groupId, status: g.status };
  if (ok) {
    data.image_url_list = await Promise.all(g.images.map((i) => deps.blobs.signedUrl(i.key, URL_TTL_SEC)));
    data.image_key_list = g.images.map((_, i) => generatedImageKey(g.id, i));
  } else {
    data.msg = g.error?.message ?? 'Photo generation failed';
    data.error_code = g.error?.code ?? null;
  }
  await record(deps, tx, g.spaceId, ok ? 'photo_avatar_generation.success' : 'photo_avatar_generation.fail', g.id, data);
}

export async function recordTrainFinished(deps: PhotoAvatarEventDeps, tx: TransactionScope, group: PhotoAvatarGroupRecord): Promise<void> {
  const ok = group.trainStatus === 'ready';
  const data: Record<string, unknown> = { group_id: group.id, flow_id: group.trainFlowId, status: group.trainStatus };
  if (!ok) {
    data.msg = group.trainError?.message ?? 'Training failed';
    data.error_code = group.trainError?.code ?? null;
  }
  await record(deps, tx, group.spaceId, ok ? 'photo_avatar_train.success' : 'photo_avatar_train.fail', group.id, data);
}
