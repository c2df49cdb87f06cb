// Which languages a video can be translated into here: a target needs both a translation pair (what the
// configured engine can do) and a voice that speaks it; the list is computed, never a fixed table. Also
// how a caller's language names ("es", "es-ES", "Spanish", "Spanish (Spain)") map onto those codes, and
// which voice speaks a translation.
import { OratorError } from '../../domain/errors.js';
import type { LanguagePair } from '../../domain/video-translation.js';
import type { TranslationVoice } from './translation-ports.js';

export interface TranslationLanguage {
  /** ISO 639-1 code, what the API takes and lists. */
  language: string;
  /** English name, from the voices that speak it. */
  name: string;
  /** Languages a video can be translated from into this one. */
  sourceLanguages: string[];
  voiceIds: string[];
}

export const baseLanguage = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0]!;

export function translationLanguages(pairs: readonly LanguagePair[], voices: readonly TranslationVoice[]): TranslationLanguage[] {
  const byTarget = new Map<string, TranslationLanguage>();
  for (const pair of pairs) {
    const speaking = voices.filter((v) => baseLanguage(v.locale ?? v.language) === pair.target);
    if (speaking.length === 0) continue;
    const entry = byTarget.get(pair.target) ?? { language: pair.target, name: speaking[0]!.language, sourceLanguages: [], voiceIds: speaking.map((v) => v.voice_id) };
    if (!entry.sourceLanguages.includes(pair.source)) entry.sourceLanguages.push(pair.source);
    byTarget.set(pair.target, entry);
  }
  return [...byTarget.values()].sort((a, b) => a.language.localeCompare(b.language));
}

/** The listed language a caller means, or undefined: a code, a locale, or the English name (with or without a region). */
export function matchLanguage(input: string, languages: readonly TranslationLanguage[]): TranslationLanguage | undefined {
  const wanted = input.trim().toLowerCase();
  if (!wanted) return undefined;
  const nameOnly = wanted.replace(/\s*[-(].*$/, '').trim();
  return languages.find((l) => l.language === wanted || l.language === baseLanguage(wanted) || l.name.toLowerCase() === wanted || l.name.toLowerCase() === nameOnly);
}

function listing(languages: readonly TranslationLanguage[]): string {
  return languages.length === 0 ? 'none are installed' : languages.map((l) => `${l.language} (${l.name})`).join(', ');
}

/** The code for `input`, or a 400 that lists what is supported (from `source` when it is known). */
export function resolveTargetLanguage(input: string, languages: readonly TranslationLanguage[], source: string | undefined, param: string): string {
  const usable = source ? languages.filter((l) => l.sourceLanguages.includes(source)) : languages;
  const found = matchLanguage(input, usable);
  if (found) return found.language;
  const from = source ? ` from ${source}` : '';
  throw new OratorError('invalid_parameter', `${param} "${input}" is not supported${from}; supported: ${listing(usable)} (GET /v3/video-translations/languages lists them)`, { param });
}

/**
 * The voice for a translation: the caller's (it must speak the language), else the first voice of the
 * language with the source speaker's gender, else the language's first voice.
 */
export function chooseVoice(voices: readonly TranslationVoice[], language: string, requested: string | undefined, gender: 'male' | 'female' | undefined): TranslationVoice {
  if (requested) {
    const voice = voices.find((v) => v.voice_id === requested);
    if (!voice) throw new OratorError('voice_not_found', `voice_id ${requested} is not a voice of this server (GET /v2/voices lists them)`, { param: 'voice_id' });
    const spoken = baseLanguage(voice.locale ?? voice.language);
    if (spoken !== language) throw new OratorError('invalid_parameter', `voice_id ${requested} speaks ${voice.language} (${spoken}), not the target language ${language}; pick a ${language} voice or leave voice_id out`, { param: 'voice_id' });
    return voice;
  }
  const speaking = voices.filter((v) => baseLanguage(v.locale ?? v.language) === language);
  const voice = speaking.find((v) => v.gender === gender) ?? speaking[0];
  if (!voice) throw new OratorError('invalid_parameter', `No voice speaks ${language} on this server`, { param: 'output_language' });
  return voice;
}
