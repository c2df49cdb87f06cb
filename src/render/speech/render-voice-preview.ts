// A voice's preview clip (served as `preview_audio` by /v2/voices): one short sentence in the
// voice's own language, so a German voice is previewed speaking German.
import { OratorError } from '../../domain/errors.js';
import type { SpeechResult } from './speech-engine.js';
import { synthesizeSpeech } from './synthesize-speech.js';
import { findVoice, previewSentenceFor } from './voice-catalogue.js';

export async function renderVoicePreview(voiceId: string, outPath: string): Promise<SpeechResult> {
  const voice = findVoice(voiceId);
  if (!voice) throw new OratorError('voice_not_found', `Voice not found: ${voiceId}`, { param: 'voice_id' });
  return synthesizeSpeech({ text: previewSentenceFor(voice), voiceId, speed: 1, pitch: 0, outPath });
}
