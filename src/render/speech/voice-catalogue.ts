// STUB (contract only) — replaced by the speech work. Voice ids are fixed strings shared with the
// avatar catalogue's default voices: festival_slt_hts, flite_slt, flite_rms, flite_awb, flite_kal,
// espeak_<language-code>_<m|f> (e.g. espeak_en-us_m, espeak_de_f).
import type { VoiceInfo } from './speech-engine.js';

export function listVoices(): VoiceInfo[] {
  return [];
}

export function findVoice(voiceId: string): VoiceInfo | undefined {
  return listVoices().find((v) => v.voice_id === voiceId);
}
