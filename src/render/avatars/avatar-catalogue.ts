// The stock avatar catalogue (what the API lists) and the entry point for building a rig. Rendering
// lives in build-avatar-rig.ts and loads its native modules only when a rig is first built.
import type { AvatarStyle } from '../../domain/render-plan.js';
import type { Viseme } from '../visemes/viseme.js';
import { STOCK_AVATARS } from './stock-avatars.js';

export interface StockAvatar {
  avatar_id: string;
  avatar_name: string;
  gender: 'male' | 'female';
  /** A voice id from render/speech/voice-catalogue.ts. */
  default_voice_id: string;
  tags: string[];
}

export interface PixelBox { x: number; y: number; width: number; height: number }

/** Precomputed layers for one avatar, style and size: one RGBA PNG per mouth shape and eye state. */
export interface AvatarRig {
  avatarId: string;
  style: AvatarStyle;
  width: number;
  height: number;
  stills: Record<Viseme, { eyesOpen: string; eyesClosed: string }>;
  /** Where the mouth is inside a still (quality figures crop this). */
  mouthBox: PixelBox;
  headBox: PixelBox;
  /**
   * Photo rigs: the inner-lip gap (fraction of the eye distance) the face tracker reads on each mouth
   * shape's still, measured once when the rig is built; the quality stage tells which still each output
   * frame shows from its pixels and reads the opening from here.
   */
  trackedOpenings?: Record<Viseme, number>;
  /** Photo rigs: each shape's mouth box as 8-bit limited-range luma, one after another in VISEMES order (what the quality stage matches frames to). */
  mouthLumaPath?: string;
}

export function listStockAvatars(): StockAvatar[] {
  return STOCK_AVATARS.map((a) => ({
    avatar_id: a.avatar_id,
    avatar_name: a.avatar_name,
    gender: a.gender,
    default_voice_id: a.default_voice_id,
    tags: [...a.tags],
  }));
}

export function findStockAvatar(avatarId: string): StockAvatar | undefined {
  return listStockAvatars().find((a) => a.avatar_id === avatarId);
}
