// The real speech, viseme and avatar modules behind the RenderDeps port.
import { OratorError } from '../../domain/errors.js';
import { findStockAvatar } from '../avatars/avatar-catalogue.js';
import { findVoice } from '../speech/voice-catalogue.js';
import { buildVisemeTrack, mouthOpening } from '../visemes/viseme-track.js';
import type { RenderDeps } from './render-deps.js';

export function realRenderDeps(): RenderDeps {
  return {
    avatarExists: (id) => findStockAvatar(id) !== undefined,
    voiceExists: (id) => findVoice(id) !== undefined,
    async synthesizeSpeech() {
      throw new OratorError('render_failed', 'speech synthesis is not wired yet');
    },
    async decodeAudio() {
      throw new OratorError('render_failed', 'audio decoding is not wired yet');
    },
    async phonesFromAudio() {
      throw new OratorError('render_failed', 'phone recognition is not wired yet');
    },
    buildVisemeTrack,
    mouthOpening,
    async buildAvatarRig() {
      throw new OratorError('render_failed', 'avatar rigs are not wired yet');
    },
  };
}
