// The pieces of a render plan every create route builds alike (v2 scenes, v3 and the flat v2 body):
// the voice, the background, and the URL and asset checks behind them, with messages naming the
// client's own fields. Pure: no I/O.
import { OratorError } from '../../domain/errors.js';
import { checkSpeechText } from '../../domain/speech-text.js';
import type { BackgroundPlan, MediaSource, StoredMedia, VoicePlan } from '../../domain/render-plan.js';
import type { AssetFileType, AssetRecord } from '../assets/asset-ports.js';
import type { ResolvedPhoto } from '../avatars/photo-lookup.js';
import type { RenderEngine } from '../ports.js';

export const DEFAULT_BACKGROUND = '#FFFFFF';

/**
 * The host of a URL the server must not fetch from or call back to, decided without DNS (compose.ts wires
 * the SSRF guard's literal-address and loopback-name rule, or nothing with ORATOR_ALLOW_PRIVATE_URLS=1);
 * null when allowed. Names that need DNS are refused by the guard at connect time instead.
 */
export type RefusedUrlHost = (url: URL) => string | null;

/** A client's value in a message, cut short so a megabyte string does not come back whole. */
const quoted = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

/** `param` is the field as the client named it (`video_inputs[0].voice.audio_url`, `callback_url`). */
export function assertHttpUrl(url: string, param: string, refusedHost: RefusedUrlHost): void {
  // The URL parser drops tab, CR and LF silently, so they are looked for in the text as sent.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) throw new OratorError('invalid_url', `${param} must not contain control characters (CR, LF, tab or other C0)`, { param });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OratorError('invalid_url', `${param} is not a valid URL: ${quoted(url)}`, { param });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OratorError('invalid_url', `${param} must be an http or https URL: ${quoted(url)}`, { param });
  const host = refusedHost(parsed);
  if (host !== null) throw new OratorError('invalid_url', `${param} points to a private, loopback or link-local address (${host}), which this server does not connect to`, { param });
}

/** Talking photos named by the request, already looked up by the caller (storage is async, this is not). */
export type ResolvedPhotos = ReadonlyMap<string, ResolvedPhoto>;

/** Uploaded assets named by the request (this space's only), looked up the same way. */
export type ResolvedAssets = ReadonlyMap<string, Pick<AssetRecord, 'fileType' | 'blobKey'>>;

/** An asset of the right kind as stored media, or HeyGen's asset errors naming the field. */
export function assetMedia(assets: ResolvedAssets, id: string, kind: AssetFileType, param: string): StoredMedia {
  const asset = assets.get(id);
  if (!asset) throw new OratorError('asset_not_found', `Asset ${id} not found`, { param });
  if (asset.fileType !== kind) throw new OratorError('invalid_parameter', `Asset ${id} is ${asset.fileType === 'image' ? 'an' : 'a'} ${asset.fileType} file; ${param} needs ${kind === 'image' ? 'an' : 'a'} ${kind}`, { param });
  return { blobKey: asset.blobKey };
}

/** A voice as the routes describe it, each field named as the client sent it (`params`). */
export type VoiceSpec =
  | { type: 'text'; text: string | undefined; voiceId: string; speed?: number; pitch?: number; volume?: number; params: { text: string; voiceId: string } }
  | { type: 'audio'; url: string | undefined; assetId: string | undefined; params: { url: string; assetId: string } }
  | { type: 'silence'; durationSec: number };

export function buildVoice(v: VoiceSpec, engine: Pick<RenderEngine, 'findVoice'>, assets: ResolvedAssets, refusedHost: RefusedUrlHost): VoicePlan {
  switch (v.type) {
    case 'text': {
      if (v.text === undefined || v.text.trim() === '') throw new OratorError('invalid_text_input', `${v.params.text} must not be empty`, { param: v.params.text });
      checkSpeechText(v.text, v.params.text);
      if (!engine.findVoice(v.voiceId)) throw new OratorError('voice_not_found', `Voice ${v.voiceId} not found`, { param: v.params.voiceId });
      const voice: VoicePlan = { type: 'text', voiceId: v.voiceId, text: v.text, speed: v.speed ?? 1, pitch: v.pitch ?? 0 };
      if (v.volume !== undefined && v.volume !== 1) voice.volume = v.volume;
      return voice;
    }
    case 'audio': {
      if (v.assetId && !v.url) return { type: 'audio', source: assetMedia(assets, v.assetId, 'audio', v.params.assetId) };
      if (!v.url) throw new OratorError('missing_params', `${v.params.url} is required`, { param: v.params.url });
      assertHttpUrl(v.url, v.params.url, refusedHost);
      return { type: 'audio', source: { url: v.url } };
    }
    case 'silence':
      return { type: 'silence', durationSec: v.durationSec };
  }
}

/** A background as the routes describe it; `missing` is the error when neither a URL nor an asset is given. */
export type BackgroundSpec =
  | { type: 'color'; value: string | undefined; param: string }
  | {
      type: 'image' | 'video';
      url: string | undefined;
      urlParam: string;
      assetId: string | undefined | null;
      assetParam: string;
      missing: { message: string; param: string };
      fit?: 'cover' | 'contain' | 'crop' | 'none';
      playStyle?: 'fit_to_scene' | 'freeze' | 'loop' | 'once';
    }
  | { type: 'transparent' };

export function buildBackground(b: BackgroundSpec | undefined, assets: ResolvedAssets, refusedHost: RefusedUrlHost): BackgroundPlan {
  if (!b) return { type: 'color', color: DEFAULT_BACKGROUND };
  switch (b.type) {
    case 'color': {
      const color = b.value ?? DEFAULT_BACKGROUND;
      if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(color)) {
        throw new OratorError('invalid_parameter', `${b.param} must be a hex color like #FFFFFF`, { param: b.param });
      }
      return { type: 'color', color };
    }
    case 'image':
    case 'video': {
      let source: MediaSource | StoredMedia;
      if (b.url) {
        assertHttpUrl(b.url, b.urlParam, refusedHost);
        source = { url: b.url };
      } else if (b.assetId) {
        source = assetMedia(assets, b.assetId, b.type, b.assetParam);
      } else {
        throw new OratorError('missing_params', b.missing.message, { param: b.missing.param });
      }
      const fit = b.fit ?? 'cover';
      return b.type === 'image' ? { type: 'image', source, fit } : { type: 'video', source, fit, playStyle: b.playStyle ?? 'loop' };
    }
    case 'transparent':
      return { type: 'transparent' };
  }
}
