// The machine translation engine the configuration names: Apertium offline (the default), an
// OpenAI-compatible chat endpoint, or a LibreTranslate server.
import type { LanguagePair } from '../../domain/video-translation.js';
import { ApertiumTranslator } from './apertium-translator.js';
import { ChatTranslator } from './chat-translator.js';
import { LibreTranslateTranslator } from './libretranslate-translator.js';

export interface TranslatorSettings {
  engine: 'apertium' | 'openai' | 'libretranslate';
  url: string | undefined;
  apiKey: string | undefined;
  model: string;
  /** Chat only: the pairs it is offered for. */
  chatPairs: readonly LanguagePair[];
  apertiumModesDir?: string;
}

export type Translator = ApertiumTranslator | ChatTranslator | LibreTranslateTranslator;

export function createTranslator(s: TranslatorSettings): Translator {
  switch (s.engine) {
    case 'apertium':
      return new ApertiumTranslator(s.apertiumModesDir);
    case 'openai':
      return new ChatTranslator({ url: s.url!, ...(s.apiKey ? { apiKey: s.apiKey } : {}), model: s.model, pairs: s.chatPairs });
    case 'libretranslate':
      return new LibreTranslateTranslator({ url: s.url!, ...(s.apiKey ? { apiKey: s.apiKey } : {}) });
  }
}
