// The stock catalogue the pickers show: avatars (and this space's talking photos) from GET /v2/avatars,
// voices from GET /v2/voices, uploaded assets from GET /v3/assets. Avatars and voices are read once per
// page load; they change only with a new release or a new photo.
import { api } from './api.ts';

export interface Presenter {
  id: string;
  name: string;
  kind: 'avatar' | 'talking_photo';
  gender: string | null;
  previewImage: string;
  previewVideo: string | null;
  defaultVoiceId: string | null;
}

export interface Voice {
  voice_id: string;
  name: string;
  language: string;
  gender: string;
  preview_audio: string;
  support_pause: boolean;
}

export interface Asset {
  id: string;
  name: string;
  type: string;
  url: string | null;
}

interface AvatarsBody {
  data: {
    avatars: Array<{ avatar_id: string; avatar_name: string; gender: string; preview_image_url: string; preview_video_url: string; default_voice_id: string }>;
    talking_photos: Array<{ talking_photo_id: string; talking_photo_name: string; preview_image_url: string }>;
  };
}

let presenters: Promise<Presenter[]> | null = null;
let voices: Promise<Voice[]> | null = null;

export function loadPresenters(): Promise<Presenter[]> {
  presenters ??= api<AvatarsBody>('GET', '/v2/avatars').then(({ data }) => [
    ...data.avatars.map((a): Presenter => ({
      id: a.avatar_id,
      name: a.avatar_name,
      kind: 'avatar',
      gender: a.gender,
      previewImage: a.preview_image_url,
      previewVideo: a.preview_video_url,
      defaultVoiceId: a.default_voice_id,
    })),
    ...data.talking_photos.map((p): Presenter => ({
      id: p.talking_photo_id,
      // Photo names are often file-like (grace_hopper_photo): shown with spaces so they wrap in a card.
      name: p.talking_photo_name.replace(/_+/g, ' '),
      kind: 'talking_photo',
      gender: null,
      previewImage: p.preview_image_url,
      previewVideo: null,
      defaultVoiceId: null,
    })),
  ]);
  presenters.catch(() => (presenters = null));
  return presenters;
}

export function loadVoices(): Promise<Voice[]> {
  voices ??= api<{ data: { voices: Voice[] } }>('GET', '/v2/voices').then(({ data }) => data.voices);
  voices.catch(() => (voices = null));
  return voices;
}

/** Every uploaded asset of one type (GET /v3/assets pages through them, 100 at a time). */
export async function loadAssets(type: 'image' | 'video' | 'audio'): Promise<Asset[]> {
  const out: Asset[] = [];
  let token: string | null = null;
  do {
    const page: { data: Asset[]; next_token: string | null } = await api('GET', `/v3/assets?limit=100${token ? `&token=${encodeURIComponent(token)}` : ''}`);
    out.push(...page.data.filter((a) => a.type === type));
    token = page.next_token;
  } while (token && out.length < 500);
  return out;
}

/** POST /v3/assets (multipart, field `file`). */
export async function uploadAsset(file: File): Promise<{ asset_id: string; url: string }> {
  const form = new FormData();
  form.set('file', file, file.name);
  return (await api<{ data: { asset_id: string; url: string } }>('POST', '/v3/assets', form)).data;
}
