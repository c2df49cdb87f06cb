// Photo avatars (HeyGen's /v1/photo_avatar.*, /v2/photo_avatar/*, POST /v3/avatars with type "photo"):
// a group is one person, each look one picture of them that the photo rig animates, and a generation a
// set of pictures made from attributes or a prompt. Records as the store keeps them; times are epoch ms.

/** pending → processing → completed | failed; v1/v2 show processing as pending, v3 both as processing. */
export type LookStatus = 'pending' | 'processing' | 'completed' | 'failed';
/** HeyGen's generation states. */
export type GenerationStatus = 'pending' | 'processing' | 'success' | 'failed';
/** 'empty' until the first POST /v2/photo_avatar/train; HeyGen's train/status values after. */
export type TrainStatus = 'empty' | 'pending' | 'training' | 'ready' | 'failed';
export type UpscaleStatus = 'pending' | 'processing' | 'completed' | 'failed';

/**
 * Where a look's picture comes from, until its job has stored the look's own copy: a URL to download,
 * a blob already in the store (an uploaded asset, a base64 body, a generated picture), or, for a motion
 * look, the look it moves.
 */
export type LookSource =
  | { type: 'url'; url: string }
  | { type: 'blob'; blobKey: string; label: string }
  | { type: 'look'; lookId: string };

/** 'generated': drawn or derived by a generation; 'motion': made by add_motion. */
export type LookOrigin = 'photo' | 'generated' | 'motion';

export type PhotoAvatarGender = 'male' | 'female';

/** A failure as the record keeps it: HeyGen's numeric code (ERROR_TABLE) and the message shown. */
export interface PhotoAvatarError {
  code: number;
  message: string;
}

export interface PhotoAvatarGroupRecord {
  id: string;
  spaceId: string;
  name: string;
  gender: PhotoAvatarGender | null;
  trainStatus: TrainStatus;
  trainProgress: number;
  trainError: PhotoAvatarError | null;
  /** The id POST /v2/photo_avatar/train answered (HeyGen's flow_id); null before the first training. */
  trainFlowId: string | null;
  trainedAt: number | null;
  /** Null: none asked for; 'approved' once POST /v3/avatars/{group_id}/consent recorded it. */
  consentStatus: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PhotoAvatarLookRecord {
  id: string;
  spaceId: string;
  groupId: string;
  name: string;
  origin: LookOrigin;
  source: LookSource;
  status: LookStatus;
  progress: number;
  /** The look's own picture (upright, at most 2048 px), set when it completes. */
  imageKey: string | null;
  /** add_motion looks: a short rendered clip of the look moving. */
  motionPreviewKey: string | null;
  width: number | null;
  height: number | null;
  upscaled: boolean;
  upscaleStatus: UpscaleStatus | null;
  error: PhotoAvatarError | null;
  createdAt: number;
  updatedAt: number;
}

export type GenerationKind = 'photo' | 'look';

/** One picture a generation made: a blob and its size. */
export interface GeneratedImage {
  key: string;
  width: number;
  height: number;
}

export interface PhotoAvatarGenerationRecord {
  id: string;
  spaceId: string;
  /** 'photo': POST /v2/photo_avatar/photo/generate; 'look': POST /v2/photo_avatar/look/generate. */
  kind: GenerationKind;
  groupId: string | null;
  /** The request's fields as sent (attributes, or prompt/orientation/pose/style). */
  request: Record<string, unknown>;
  status: GenerationStatus;
  progress: number;
  /** The pictures made, in order; empty until it succeeds. */
  images: GeneratedImage[];
  error: PhotoAvatarError | null;
  createdAt: number;
  updatedAt: number;
}
