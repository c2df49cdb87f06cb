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

export interface VoiceLocaleView {
  value: string;
  label: string;
  language: string;
  tag: string | null;
  locale: string;
  language_code: string;
}

// Full ICU ships with Node 20, so "en-GB" reads "English (United Kingdom)" without a table of our own.
const localeNames = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });

function localeName(locale: string): string {
  try {
    return localeNames.of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/**
 * GET /v2/voices/locales: the distinct locales the voice catalogue speaks, sorted. Each voice speaks
 * one locale here, so this is exactly the set a `locale` in a voice setting can usefully name.
 */
export function listVoiceLocales(deps: CatalogueDeps): { locales: VoiceLocaleView[] } {
  const byLocale = new Map<string, VoiceLocaleView>();
  for (const v of deps.engine.listVoices()) {
    // A voice without a locale (none in the shipped catalogue) cannot contribute one.
    if (!v.locale || byLocale.has(v.locale)) continue;
    const name = localeName(v.locale);
    byLocale.set(v.locale, { value: name, label: name, language: v.language, tag: null, locale: v.locale, language_code: v.locale });
  }
  return { locales: [...byLocale.values()].sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0)) };
}
