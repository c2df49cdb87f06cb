// v3 catalogue views of the stock avatars and voices: avatar groups (one per stock avatar), looks (one
// per group, id = the avatar id that POST /v3/videos takes), and voices with filters and cursors.
import { OratorError } from '../domain/errors.js';
import { SUPPORTED_API_ENGINES } from './avatar-engines.js';
import type { CatalogueDeps } from './catalogue.js';
import type { AvatarInfo, VoiceSummary } from './ports.js';

/** Stock entries have no creation time; a fixed one keeps responses stable. 2025-01-01T00:00:00Z. */
const CATALOGUE_CREATED_AT = 1735689600;

/**
 * HeyGen's voice engines as `engine=` filters. Every local voice is served the way HeyGen serves its
 * in-house "starfish" TTS (plain text, word timings, no engine settings), so only starfish lists them.
 */
const VOICE_ENGINE_FILTER: Record<string, (v: VoiceSummary) => boolean> = {
  starfish: () => true,
  elevenlabs: () => false,
  fish: () => false,
};

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

export function paginate<T>(items: T[], limit: number, token: string | undefined): Page<T> {
  let offset = 0;
  if (token) {
    try {
      const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      if (Number.isInteger(o.o) && o.o >= 0) offset = o.o;
      else throw new Error('bad');
    } catch {
      throw new OratorError('invalid_query_param', 'token is not a valid pagination token', { param: 'token' });
    }
  }
  const data = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { data, has_more: more, next_token: more ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : null };
}

const previews = (deps: CatalogueDeps, id: string) => ({
  preview_image_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(id)}/image`,
  preview_video_url: `${deps.publicUrl}/previews/avatars/${encodeURIComponent(id)}/video`,
});

function groupOf(deps: CatalogueDeps, a: AvatarInfo) {
  return {
    id: a.avatar_id,
    name: a.avatar_name,
    ...previews(deps, a.avatar_id),
    gender: a.gender as string | null,
    created_at: CATALOGUE_CREATED_AT,
    looks_count: 1,
    default_voice_id: a.default_voice_id as string | null,
    consent_status: null as string | null,
    status: 'completed' as const,
    error: null,
  };
}

function lookOf(deps: CatalogueDeps, a: AvatarInfo) {
  return {
    id: a.avatar_id,
    name: a.avatar_name,
    // Stock rigs are studio avatars: a drawn presenter, not a trained photo or video twin.
    avatar_type: 'studio_avatar' as const,
    group_id: a.avatar_id as string | null,
    ...previews(deps, a.avatar_id),
    gender: a.gender as string | null,
    tags: a.tags,
    default_voice_id: a.default_voice_id as string | null,
    supported_api_engines: [...SUPPORTED_API_ENGINES] as string[],
    image_width: null as number | null,
    image_height: null as number | null,
    preferred_orientation: null as string | null,
    status: 'completed' as const,
    error: null,
  };
}

export type AvatarGroupView = ReturnType<typeof groupOf>;
export type AvatarLookView = ReturnType<typeof lookOf>;

/** Stock avatars are public; nobody owns a private one yet. */
const visible = (ownership: string | undefined) => ownership !== 'private';

/** Every stock avatar group, unpaged (GET /v2/avatar_group.list lists them all at once). */
export function allAvatarGroups(deps: CatalogueDeps): AvatarGroupView[] {
  return deps.engine.listAvatars().map((a) => groupOf(deps, a));
}

export function listAvatarGroups(deps: CatalogueDeps, q: { ownership?: string; limit: number; token?: string }): Page<AvatarGroupView> {
  return paginate(visible(q.ownership) ? allAvatarGroups(deps) : [], q.limit, q.token);
}

export function getAvatarGroup(deps: CatalogueDeps, groupId: string): AvatarGroupView {
  const a = deps.engine.findAvatar(groupId);
  if (!a) throw new OratorError('avatar_not_found', `Avatar group ${groupId} not found`, { param: 'group_id' });
  return groupOf(deps, a);
}

export function listAvatarLooks(deps: CatalogueDeps, q: { group_id?: string; avatar_type?: string; ownership?: string; limit: number; token?: string }): Page<AvatarLookView> {
  const all = deps.engine
    .listAvatars()
    .filter((a) => visible(q.ownership) && (q.group_id === undefined || a.avatar_id === q.group_id) && (q.avatar_type === undefined || q.avatar_type === 'studio_avatar'))
    .map((a) => lookOf(deps, a));
  return paginate(all, q.limit, q.token);
}

/** A stock look by id (the avatar id), or undefined. */
export function findAvatarLook(deps: CatalogueDeps, lookId: string): AvatarLookView | undefined {
  const a = deps.engine.findAvatar(lookId);
  return a ? lookOf(deps, a) : undefined;
}

/** The looks of one stock group; undefined when there is no such group. */
export function looksOfGroup(deps: CatalogueDeps, groupId: string): AvatarLookView[] | undefined {
  const look = findAvatarLook(deps, groupId);
  return look ? [look] : undefined;
}

export function getAvatarLook(deps: CatalogueDeps, lookId: string): AvatarLookView {
  const look = findAvatarLook(deps, lookId);
  if (!look) throw new OratorError('avatar_not_found', `Avatar look ${lookId} not found`, { param: 'look_id' });
  return look;
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
