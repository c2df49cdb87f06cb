// The voice resource as the routes call it: the stock catalogue (v1/v2 lists, locales, v3 views),
// voice samples, and text to speech.
import type { CatalogueDeps, Page } from '../catalogue-page.js';
import type { MediaPreviews } from '../media-previews.js';
import { generateSpeech, type GenerateSpeechDeps, type SpeechRequest, type SpeechView } from './generate-speech.js';
import { getVoiceV3, listVoiceLocales, listVoices, listVoicesV3, type VoiceLocaleView, type VoiceView } from './voice-catalogue.js';

/** Sample links stay stable; they redirect to a freshly signed blob URL. */
const PREVIEW_URL_TTL_SEC = 3600;

export interface VoiceService {
  /** Stock voices (GET /v2/voices, /v1/voice.list). */
  list(): ReturnType<typeof listVoices>;
  locales(): { locales: VoiceLocaleView[] };
  listV3(q: { type?: string; engine?: string; language?: string; gender?: string; limit: number; token?: string }): Page<VoiceView>;
  getV3(voiceId: string): ReturnType<typeof getVoiceV3>;
  /** A freshly signed URL of the voice sample, rendered first when missing. */
  previewUrl(voiceId: string): Promise<string>;
  speech(spaceId: string, req: SpeechRequest): Promise<SpeechView>;
}

export interface VoiceServiceDeps {
  catalogue: CatalogueDeps;
  previews: MediaPreviews;
  speech: GenerateSpeechDeps;
}

export function createVoiceService(deps: VoiceServiceDeps): VoiceService {
  return {
    list: () => listVoices(deps.catalogue),
    locales: () => listVoiceLocales(deps.catalogue),
    listV3: (q) => listVoicesV3(deps.catalogue, q),
    getV3: (id) => getVoiceV3(deps.catalogue, id),
    previewUrl: async (voiceId) => deps.speech.blobs.signedUrl(await deps.previews.voicePreview(voiceId), PREVIEW_URL_TTL_SEC),
    speech: (spaceId, req) => generateSpeech(deps.speech, spaceId, req),
  };
}
