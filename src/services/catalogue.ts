// GET /v2/avatars and /v2/voices: the stock catalogues with preview links that render on first use.
import type { RenderEngine } from './ports.js';

export interface CatalogueDeps {
  engine: RenderEngine;
  publicUrl: string;
}

export function listAvatars(deps: CatalogueDeps) {
  return {
    avatars: deps.engine.listAvatars().map((a) => ({
      avatar_id: a.avatar_id,
      avatar_name: a.avatar_name,
      gender: a.gender,
      preview_image_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(a.avatar_id)}/image`,
      preview_video_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(a.avatar_id)}/video`,
      premium: false,
      default_voice_id: a.default_voice_id,
      tags: a.tags,
    })),
  };
}

export function listVoices(deps: CatalogueDeps) {
  return {
    voices: deps.engine.listVoices().map((v) => ({
      voice_id: v.voice_id,
      language: v.language,
      gender: v.gender,
      name: v.name,
      preview_audio: `${deps.publicUrl}/previews/voices/${encodeURIComponent(v.voice_id)}/audio`,
      support_pause: v.support_pause,
      emotion_support: v.emotion_support,
      support_interactive_avatar: false,
    })),
  };
}
