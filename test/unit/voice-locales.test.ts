// listVoiceLocales: distinct locales sorted, the first voice's language, voices without a locale skipped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listVoiceLocales } from '../../src/services/voices/voice-catalogue.js';
import type { RenderEngine, VoiceSummary } from '../../src/services/ports.js';

const voice = (voice_id: string, language: string, locale?: string): VoiceSummary => ({
  voice_id,
  name: voice_id,
  language,
  gender: 'female',
  support_pause: true,
  emotion_support: false,
  ...(locale ? { locale } : {}),
});

test('one entry per locale, sorted by locale, named in English', () => {
  const voices = [voice('a', 'German', 'de-DE'), voice('b', 'English', 'en-US'), voice('c', 'German', 'de-DE'), voice('d', 'Mystery'), voice('e', 'French', 'fr-FR')];
  const engine = { listVoices: () => voices } as unknown as RenderEngine;
  const { locales } = listVoiceLocales({ engine, publicUrl: 'http://x' });
  assert.deepEqual(locales.map((l) => l.locale), ['de-DE', 'en-US', 'fr-FR']);
  assert.deepEqual(locales[0], { value: 'German (Germany)', label: 'German (Germany)', language: 'German', tag: null, locale: 'de-DE', language_code: 'de-DE' });
});
