// src/render behind the RenderEngine port, and the TTS behind the SpeechSynthesizer port.
import type { MediaFetcher } from '../domain/render-plan.js';
import { findStockAvatar, listStockAvatars } from '../render/avatars/avatar-catalogue.js';
import { STOCK_PHOTOS } from '../render/avatars/photo/stock-photos.js';
import { extractAudioTrack } from '../render/media/extract-audio-track.js';
import { renderVideo, validateRenderPlan } from '../render/render-video.js';
import { synthesizeSpeech } from '../render/speech/synthesize-speech.js';
import { findVoice, listVoices } from '../render/speech/voice-catalogue.js';
import type { RenderEngine } from '../services/ports.js';
import type { SpeechSynthesizer } from '../services/voices/generate-speech.js';
import { drawIllustratedPortrait, editPortrait, inspectPortrait } from './portrait-engine.js';

export function createRenderEngine(options: { fetcher: MediaFetcher; cacheDir: string }): RenderEngine {
  return {
    validate: (plan) => validateRenderPlan(plan),
    render: (plan, outDir, o) =>
      renderVideo(plan, outDir, { fetcher: options.fetcher, cacheDir: options.cacheDir, workDir: o.workDir, onProgress: o.onProgress, signal: o.signal }),
    listAvatars: () => listStockAvatars(),
    findAvatar: (id) => findStockAvatar(id),
    listVoices: () => listVoices(),
    findVoice: (id) => findVoice(id),
    extractAudio: (videoPath, outPath) => extractAudioTrack(videoPath, outPath),
    listStockPhotos: () => STOCK_PHOTOS,
    inspectPortrait,
    editPortrait,
    drawIllustratedPortrait,
  };
}

export function createSpeechSynthesizer(): SpeechSynthesizer {
  return { synthesize: ({ text, voiceId, speed, outPath }) => synthesizeSpeech({ text, voiceId, speed, outPath }) };
}
