// POST /v2/videos: HeyGen's flat "unified video creation" body (superseded by v3 but still documented
// and used by older clients). It exists only as a translation onto createVideoV3, so both paths render
// the same plan and share every other rule; only the subject and voice_id checks differ from v3.
import { OratorError } from '../../domain/errors.js';
import { createVideoV3, type AspectRatio, type CreateVideoV3Input, type Resolution } from './create-video-v3.js';

/** The flat body after schema validation (nullable fields arrive as null from HeyGen's SDKs). */
export interface CreateVideoV2FlatInput {
  avatar_id?: string | null;
  image_url?: string | null;
  image_asset_id?: string | null;
  script?: string | null;
  voice_id?: string | null;
  audio_url?: string | null;
  audio_asset_id?: string | null;
  title?: string | null;
  resolution?: Resolution | null;
  aspect_ratio?: AspectRatio | null;
  /** Accepted and ignored: the photo animation has no body motion to steer. */
  motion_prompt?: string | null;
  /** Accepted and ignored: the lips/jaw warp has one expressiveness. */
  expressiveness?: string | null;
  remove_background?: boolean | null;
  background?: CreateVideoV3Input['background'];
  voice_settings?: CreateVideoV3Input['voice_settings'];
  callback_url?: string | null;
  callback_id?: string | null;
}

export interface CreatedVideoV2Flat {
  video_id: string;
  status: 'pending';
}

const SUBJECT_MESSAGE = 'Exactly one visual source required: avatar_id, image_url, or image_asset_id.';

/** Pure: the flat body as a v3 body, or the HeyGen-style 400 when the subject or voice is ambiguous. */
export function toCreateVideoV3Input(input: CreateVideoV2FlatInput): CreateVideoV3Input {
  const subjects = [input.avatar_id, input.image_url, input.image_asset_id].filter(Boolean).length;
  if (subjects !== 1) throw new OratorError('invalid_parameter', SUBJECT_MESSAGE, { param: 'avatar_id' });
  // Unlike v3, the flat body has no "avatar's default voice" fallback: HeyGen requires voice_id with script.
  if (input.script !== undefined && input.script !== null && !input.voice_id) {
    throw new OratorError('missing_params', 'voice_id is required when script is provided', { param: 'voice_id' });
  }
  const subject: Pick<CreateVideoV3Input, 'type' | 'avatar_id' | 'image'> = input.avatar_id
    ? { type: 'avatar', avatar_id: input.avatar_id }
    : input.image_url
      ? { type: 'image', image: { type: 'url', url: input.image_url } }
      : { type: 'image', image: { type: 'asset_id', asset_id: input.image_asset_id! } };
  return {
    ...subject,
    title: input.title,
    script: input.script,
    voice_id: input.voice_id,
    audio_url: input.audio_url,
    audio_asset_id: input.audio_asset_id,
    voice_settings: input.voice_settings,
    background: input.background,
    aspect_ratio: input.aspect_ratio,
    resolution: input.resolution,
    remove_background: input.remove_background,
    callback_url: input.callback_url,
    callback_id: input.callback_id,
  };
}

/** v3 names the photo `image.url` / `image.asset_id`; this body sent it as `image_url` / `image_asset_id`. */
function flatName(text: string): string {
  return text.replace(/(^|[^.\w])image\.url\b/g, '$1image_url').replace(/(^|[^.\w])image\.asset_id\b/g, '$1image_asset_id');
}

/** An error of the v3 creation, with the field names this body used, so the client can find the field it sent. */
export function inFlatNames(err: unknown, input: CreateVideoV2FlatInput): unknown {
  if (!(err instanceof OratorError) || !err.param || !/^image(\.|$)/.test(err.param)) return err;
  const param = err.param === 'image' ? (input.image_url ? 'image_url' : 'image_asset_id') : flatName(err.param);
  return new OratorError(err.kind, flatName(err.message), { param, detail: err.detail, transient: err.transient, cause: err.cause });
}

export async function createVideoV2Flat(deps: Parameters<typeof createVideoV3>[0], spaceId: string, input: CreateVideoV2FlatInput): Promise<CreatedVideoV2Flat> {
  try {
    const { video_id, status } = await createVideoV3(deps, spaceId, toCreateVideoV3Input(input));
    return { video_id, status };
  } catch (err) {
    throw inFlatNames(err, input);
  }
}
