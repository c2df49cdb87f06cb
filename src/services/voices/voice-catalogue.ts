// The stock voice catalogue: GET /v2/voices (and /v1/voice.list) items, /v2/voices/locales, and the v3
// voice views with filters and cursors.
import { OratorError } from '../../domain/errors.js';
import { paginate, type CatalogueDeps, type Page } from '../catalogue-page.js';
import type { VoiceSummary } from '../ports.js';

/**
 * HeyGen's voice engines as `engine=` filters. Every local voice is served the way HeyGen serves its
 * in-house "starfish" TTS (plain text, word timings, no engine settings), so only starfish lists them.
 */
const VOICE_ENGINE_FILTER: Record<string, (v: VoiceSummary) => boolean> = {
  starfish: () => true,
  elevenlabs: () => false,
  fish: () => false,
};

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

function voiceOf(deps: CatalogueDeps, v: VoiceSummary) {
  return {
    voice_id: v.voice_id,
    name: v.name,
    language: v.language,
    gender: v.gender as string,
    preview_audio_url: `${deps.publicUrl}/previews/voices/${encodeURIComponent(v.voice_id)}/audio` as string | null,
    support_pause: v.support_pause,
    // One voice speaks one locale here; there is no per-request accent switch.
    support_locale: false,
    type: 'public' as const,
  };
}

export type VoiceView = ReturnType<typeof voiceOf>;

function languageMatches(v: VoiceSummary, language: string): boolean {
  const want = language.toLowerCase();
  const locale = (v.locale ?? '').toLowerCase();
  return v.language.toLowerCase() === want || locale === want || locale.split('-')[0] === want;
}

export function listVoicesV3(deps: CatalogueDeps, q: { type?: string; engine?: string; language?: string; gender?: string; limit: number; token?: string }): Page<VoiceView> {
  if (q.engine !== undefined && !Object.hasOwn(VOICE_ENGINE_FILTER, q.engine) && !deps.engine.listVoices().some((v) => v.engine === q.engine)) {
    throw new OratorError('invalid_query_param', `engine must be one of: ${Object.keys(VOICE_ENGINE_FILTER).join(', ')}`, { param: 'engine' });
  }
  const byEngine = (v: VoiceSummary) => q.engine === undefined || (Object.hasOwn(VOICE_ENGINE_FILTER, q.engine) ? VOICE_ENGINE_FILTER[q.engine]!(v) : v.engine === q.engine);
  const all = deps.engine
    .listVoices()
    .filter((v) => q.type !== 'private' && byEngine(v) && (q.language === undefined || languageMatches(v, q.language)) && (q.gender === undefined || v.gender === q.gender.toLowerCase()))
    .map((v) => voiceOf(deps, v));
  return paginate(all, q.limit, q.token);
}

export function getVoiceV3(deps: CatalogueDeps, voiceId: string) {
  const v = deps.engine.findVoice(voiceId);
  if (!v) throw new OratorError('voice_not_found', `Voice ${voiceId} not found`, { param: 'voice_id' });
  const view = voiceOf(deps, v);
  return {
    voice_id: view.voice_id,
    name: view.name as string | null,
    language: view.language as string | null,
    gender: view.gender as string | null,
    preview_audio_url: view.preview_audio_url,
    support_pause: view.support_pause,
    support_interactive_avatar: false,
    status: 'complete' as const,
    created_at: null as number | null,
    failure_message: null as string | null,
  };
}
