// The voices Orator offers, in HeyGen's /v2/voices shape. Ids are fixed strings: the avatar
// catalogue and saved videos refer to them, so an id never changes meaning once published.
// Only voices whose engine is installed here are listed.
import { ESPEAK_LANGUAGES } from './espeak-languages.js';
import { installedEngines } from './installed-engines.js';
import type { VoiceInfo } from './speech-engine.js';

const FLITE_VOICES: readonly VoiceInfo[] = [
  { voice_id: 'flite_slt', name: 'Sally (Flite)', language: 'English', locale: 'en-US', gender: 'female', engine: 'flite', engineVoice: 'slt', support_pause: true, emotion_support: false },
  { voice_id: 'flite_rms', name: 'Richard (Flite)', language: 'English', locale: 'en-US', gender: 'male', engine: 'flite', engineVoice: 'rms', support_pause: true, emotion_support: false },
  { voice_id: 'flite_awb', name: 'Alan (Flite, Scottish)', language: 'English', locale: 'en-GB', gender: 'male', engine: 'flite', engineVoice: 'awb', support_pause: true, emotion_support: false },
  { voice_id: 'flite_kal', name: 'Ken (Flite)', language: 'English', locale: 'en-US', gender: 'male', engine: 'flite', engineVoice: 'kal', support_pause: true, emotion_support: false },
];

const FESTIVAL_VOICES: readonly VoiceInfo[] = [
  { voice_id: 'festival_slt_hts', name: 'Sarah (Festival HTS)', language: 'English', locale: 'en-US', gender: 'female', engine: 'festival', engineVoice: 'cmu_us_slt_arctic_hts', support_pause: true, emotion_support: false },
];

/** espeak-ng variants: +f3 and +m3 are its most natural-sounding female and male variants. */
function espeakVoices(): VoiceInfo[] {
  return ESPEAK_LANGUAGES.flatMap((l) =>
    (['male', 'female'] as const).map((gender): VoiceInfo => {
      const g = gender === 'male' ? 'm' : 'f';
      const region = l.locale.includes('-') ? ` (${l.locale.split('-')[1]})` : '';
      return {
        voice_id: `espeak_${l.code}_${g}`,
        name: `eSpeak ${l.language}${region} ${gender === 'male' ? 'Male' : 'Female'}`,
        language: l.language,
        locale: l.locale,
        gender,
        engine: 'espeak-ng',
        engineVoice: `${l.espeakVoice}+${g}3`,
        support_pause: true,
        emotion_support: false,
      };
    }),
  );
}

let voices: VoiceInfo[] | undefined;
let byId: Map<string, VoiceInfo> | undefined;

/** Every voice this machine can speak, best first: festival, flite, then espeak-ng by language. */
export function listVoices(): VoiceInfo[] {
  if (!voices) {
    const { engines, fliteVoices } = installedEngines();
    voices = [
      ...(engines.has('festival') ? FESTIVAL_VOICES : []),
      ...(engines.has('flite') ? FLITE_VOICES.filter((v) => fliteVoices.has(v.engineVoice)) : []),
      ...(engines.has('espeak-ng') ? espeakVoices() : []),
    ];
    byId = new Map(voices.map((v) => [v.voice_id, v]));
  }
  return voices;
}

export function findVoice(voiceId: string): VoiceInfo | undefined {
  listVoices();
  return byId!.get(voiceId);
}

/**
 * The voice to use when a caller names only a gender (and maybe a locale, "de-DE" or "de"):
 * English prefers the natural-sounding festival/flite voices, other languages espeak-ng.
 */
export function defaultVoiceFor(gender: 'male' | 'female', locale?: string): VoiceInfo | undefined {
  const all = listVoices().filter((v) => v.gender === gender);
  const wanted = (locale ?? 'en-US').toLowerCase();
  const lang = wanted.split(/[-_]/)[0]!;
  const exact = all.filter((v) => v.locale.toLowerCase() === wanted);
  const sameLanguage = all.filter((v) => v.locale.toLowerCase().split('-')[0] === lang);
  // listVoices() is ordered best-first, so the first match is the preferred engine.
  return exact[0] ?? sameLanguage[0] ?? (locale ? undefined : all[0]);
}
