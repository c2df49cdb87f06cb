// The HeyGen render engines (`engine.type` on POST /v3/videos, `supported_api_engines` on a look) this
// server can honour. Stock rigs animate like HeyGen's default Avatar IV; the others need models we lack.
export type ApiEngine = 'avatar_iv' | 'avatar_v' | 'avatar_iii';

const SUPPORT: Record<ApiEngine, boolean> = { avatar_iv: true, avatar_v: false, avatar_iii: false };

export const SUPPORTED_API_ENGINES: readonly ApiEngine[] = (Object.keys(SUPPORT) as ApiEngine[]).filter((e) => SUPPORT[e]);

export function isSupportedApiEngine(value: string): value is ApiEngine {
  return Object.hasOwn(SUPPORT, value) && SUPPORT[value as ApiEngine];
}
