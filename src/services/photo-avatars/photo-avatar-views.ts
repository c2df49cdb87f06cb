// How photo avatars read in each API version: v1 photo_avatar.get, v2 looks/groups/generations/training,
// v3 avatar groups and looks (the shapes services/avatars/avatar-catalogue.ts gives stock ones). Links
// are signed on every read.
import type { LookStatus, PhotoAvatarGenerationRecord, PhotoAvatarGroupRecord, PhotoAvatarLookRecord } from '../../domain/photo-avatar.js';
import type { AvatarGroupView, AvatarLookView } from '../avatars/avatar-catalogue.js';
import { SUPPORTED_API_ENGINES } from '../avatars/avatar-engines.js';
import type { BlobStore } from '../ports.js';
import { failureCodeOf } from '../videos/video-detail.js';
import { defaultVoiceFor, UPSCALE_MAX_SIDE, URL_TTL_SEC } from './photo-avatar-deps.js';

/** v1/v2 know pending and completed (and failed); a look being worked on is still pending there. */
const legacyStatus = (s: LookStatus): 'pending' | 'completed' | 'failed' => (s === 'processing' ? 'pending' : s);
/** v3 says processing for both. */
const v3Status = (s: LookStatus): 'processing' | 'completed' | 'failed' => (s === 'pending' ? 'processing' : s);
const seconds = (ms: number) => Math.floor(ms / 1000);

async function sign(blobs: BlobStore, key: string | null): Promise<string | null> {
  return key ? blobs.signedUrl(key, URL_TTL_SEC) : null;
}

/** HeyGen's generated-picture key, in the `image/<id>/original` form its uploads use. */
export const generatedImageKey = (generationId: string, index: number) => `image/${generationId}_${index}/original`;

export function upscaleAvailability(look: PhotoAvatarLookRecord): { available: boolean; reason: string | null } {
  if (look.status !== 'completed') return { available: false, reason: 'The look is not completed yet' };
  if (look.upscaleStatus === 'pending' || look.upscaleStatus === 'processing') return { available: false, reason: 'The look is being upscaled' };
  if (look.upscaled) return { available: false, reason: 'The look is already upscaled' };
  if (Math.max(look.width ?? 0, look.height ?? 0) * 2 > UPSCALE_MAX_SIDE) return { available: false, reason: `The look is already at least ${UPSCALE_MAX_SIDE / 2} px on its long side` };
  return { available: true, reason: null };
}

export async function v2LookView(blobs: BlobStore, look: PhotoAvatarLookRecord, group: PhotoAvatarGroupRecord | undefined) {
  return {
    id: look.id,
    image_url: await sign(blobs, look.imageKey),
    created_at: seconds(look.createdAt),
    name: look.name,
    status: legacyStatus(look.status),
    group_id: look.groupId,
    is_motion: look.origin === 'motion',
    motion_preview_url: await sign(blobs, look.motionPreviewKey),
    business_type: 'photo_avatar',
    upscale_availability: upscaleAvailability(look),
    upscaled: look.upscaled,
    background_sound_effect: null,
    default_voice_id: defaultVoiceFor(group?.gender ?? null),
    /** Orator: how far the look's job has got (0–100), and why it failed. */
    progress: look.progress,
    error: look.error,
  };
}

export type V2LookView = Awaited<ReturnType<typeof v2LookView>>;

/** GET /v1/photo_avatar.get: the seed flow's view of a look. */
export async function v1PhotoAvatarView(blobs: BlobStore, look: PhotoAvatarLookRecord, group: PhotoAvatarGroupRecord | undefined) {
  const image = await sign(blobs, look.imageKey);
  return {
    photo_avatar_id: look.id,
    group_id: look.groupId,
    name: look.name,
    gender: group?.gender ?? null,
    status: legacyStatus(look.status),
    progress: look.progress,
    preview_url: image,
    image_url: image,
    created_at: seconds(look.createdAt),
    error: look.error,
  };
}

export function v2GroupView(group: PhotoAvatarGroupRecord, looks: PhotoAvatarLookRecord[], preview: string | null) {
  return {
    id: group.id,
    name: group.name,
    created_at: seconds(group.createdAt),
    num_looks: looks.length,
    preview_image_url: preview,
    group_type: 'PRIVATE' as const,
    train_status: group.trainStatus,
  };
}

/** The picture a group is shown by: its first completed look's. */
export async function groupPreview(blobs: BlobStore, looks: PhotoAvatarLookRecord[]): Promise<string | null> {
  return sign(blobs, looks.find((l) => l.status === 'completed')?.imageKey ?? null);
}

export function trainStatusView(group: PhotoAvatarGroupRecord) {
  return {
    status: group.trainStatus,
    progress: group.trainProgress,
    error_msg: group.trainError?.message ?? null,
    created_at: seconds(group.createdAt),
    updated_at: group.trainedAt === null ? null : seconds(group.trainedAt),
  };
}

/** What a generation's pictures are, in the response's own words (no image model runs here). */
export const GENERATION_NOTES = {
  photo: 'Illustrated presenters drawn from the attributes with Orator’s stock avatar artwork (skin tone, hair, outfit, age cues and backdrop); no image model runs on this server, so these are drawings, not photographs.',
  look: 'New framings of the group’s own photo (cropped for the orientation and pose, toned for the style); no image model runs on this server, so the prompt does not change clothes or setting.',
} as const;

export async function generationView(blobs: BlobStore, g: PhotoAvatarGenerationRecord) {
  const done = g.status === 'success';
  return {
    id: g.id,
    status: g.status,
    progress: g.progress,
    msg: g.error?.message ?? null,
    image_url_list: done ? await Promise.all(g.images.map((i) => blobs.signedUrl(i.key, URL_TTL_SEC))) : [],
    image_key_list: done ? g.images.map((_, i) => generatedImageKey(g.id, i)) : [],
    illustrated: g.kind === 'photo',
    note: GENERATION_NOTES[g.kind],
  };
}

/** A v3 avatar group (same fields as a stock one). */
export function v3GroupView(group: PhotoAvatarGroupRecord, looks: PhotoAvatarLookRecord[], preview: string | null): AvatarGroupView {
  const failed = looks.length > 0 && looks.every((l) => l.status === 'failed');
  const busy = looks.some((l) => l.status === 'pending' || l.status === 'processing');
  const firstError = looks.find((l) => l.error)?.error;
  return {
    id: group.id,
    name: group.name,
    preview_image_url: preview,
    preview_video_url: null,
    gender: group.gender,
    created_at: seconds(group.createdAt),
    looks_count: looks.length,
    default_voice_id: defaultVoiceFor(group.gender),
    consent_status: group.consentStatus,
    status: failed ? 'failed' : busy ? 'processing' : 'completed',
    error: failed && firstError ? { code: failureCodeOf(firstError.code), message: firstError.message } : null,
  };
}

export async function v3LookView(blobs: BlobStore, look: PhotoAvatarLookRecord, group: PhotoAvatarGroupRecord | undefined): Promise<AvatarLookView> {
  const w = look.width;
  const h = look.height;
  return {
    id: look.id,
    name: look.name,
    avatar_type: 'photo_avatar',
    group_id: look.groupId,
    preview_image_url: await sign(blobs, look.imageKey),
    preview_video_url: await sign(blobs, look.motionPreviewKey),
    gender: group?.gender ?? null,
    tags: look.origin === 'motion' ? ['photo', 'motion'] : ['photo'],
    default_voice_id: defaultVoiceFor(group?.gender ?? null),
    supported_api_engines: [...SUPPORTED_API_ENGINES],
    image_width: w,
    image_height: h,
    preferred_orientation: w === null || h === null ? null : w === h ? 'square' : w > h ? 'landscape' : 'portrait',
    status: v3Status(look.status),
    error: look.error ? { code: failureCodeOf(look.error.code), message: look.error.message } : null,
  };
}
