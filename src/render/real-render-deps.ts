// The real speech, viseme and avatar modules behind the RenderDeps port.
import { findStockAvatar } from './avatars/avatar-catalogue.js';
import { buildAvatarRig } from './avatars/build-avatar-rig.js';
import { synthesizeSpeech } from './speech/synthesize-speech.js';
import { speechEngineVersion } from './speech/speech-engine-version.js';
import { findVoice } from './speech/voice-catalogue.js';
import { decodeAudio } from './visemes/decode-audio.js';
import { phonesFromAudio } from './visemes/phones-from-audio.js';
import { buildVisemeTrack, mouthOpening } from './visemes/viseme-track.js';
import { AUDIO_SAMPLE_RATE } from './compose/build-compose-args.js';
import type { RenderDeps } from './render-deps.js';
import { spreadTranscriptWords } from './media/spread-transcript-words.js';

export function realRenderDeps(): RenderDeps {
  return {
    avatarExists: (id) => findStockAvatar(id) !== undefined,
    voiceExists: (id) => findVoice(id) !== undefined,
    synthesizeSpeech: ({ text, voiceId, speed, pitch, outPath }) => synthesizeSpeech({ text, voiceId, speed, pitch, outPath }),
    speechEngineVersion,
    // Decoded at the output rate: the recogniser resamples its own copy, the video keeps full quality.
    async decodeAudio(input, outWav) {
      await decodeAudio(input, outWav, AUDIO_SAMPLE_RATE);
    },
    async phonesFromAudio(wav, transcript) {
      const phones = await phonesFromAudio(wav, transcript);
      return { phones, ...(transcript ? { words: spreadTranscriptWords(transcript, phones) } : {}) };
    },
    buildVisemeTrack,
    mouthOpening,
    buildAvatarRig: (request) => buildAvatarRig(request),
    // Loaded on first use: the face model and canvas are only needed when a photo is animated.
    buildPhotoRig: async (request) => (await import('./avatars/photo/build-photo-rig.js')).buildPhotoRig(request),
  };
}
