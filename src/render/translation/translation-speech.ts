// Speech for translations with the render engine's own synthesis (render/speech): the same function a
// render calls, so a sentence measured here lasts exactly as long when the re-render speaks it.
import { synthesizeSpeech } from '../speech/synthesize-speech.js';
import { findVoice, listVoices } from '../speech/voice-catalogue.js';

export function createTranslationSpeech() {
  return {
    async synthesize(request: { text: string; voiceId: string; speed: number; pitch: number; outPath: string; signal?: AbortSignal }) {
      request.signal?.throwIfAborted();
      const result = await synthesizeSpeech({ text: request.text, voiceId: request.voiceId, speed: request.speed, pitch: request.pitch, outPath: request.outPath });
      return { durationSec: result.durationSec, words: result.words };
    },
    engineOf: (voiceId: string) => findVoice(voiceId)?.engine ?? 'unknown',
    voices: () => listVoices(),
  };
}
