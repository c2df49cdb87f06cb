// Machine translation through a LibreTranslate server (self-hosted Argos Translate models): POST
// /translate with every sentence in `q`; the pairs are what its GET /languages says it can do.
import { OratorError } from '../../domain/errors.js';
import type { LanguagePair } from '../../domain/video-translation.js';
import { fetchJson } from './http-translation.js';

export interface LibreTranslateOptions {
  url: string;
  apiKey?: string;
}

/** GET /languages: `[{code, name, targets: [code…]}]` → pairs (a language is never its own target). */
export function pairsFromLibreLanguages(body: unknown): LanguagePair[] {
  if (!Array.isArray(body)) throw new OratorError('render_failed', 'LibreTranslate /languages did not answer with a list');
  const pairs: LanguagePair[] = [];
  for (const l of body as { code?: unknown; targets?: unknown }[]) {
    if (typeof l.code !== 'string' || !Array.isArray(l.targets)) continue;
    for (const t of l.targets) if (typeof t === 'string' && t !== l.code) pairs.push({ source: l.code, target: t });
  }
  return pairs;
}

export function parseLibreTranslations(body: unknown, count: number): string[] {
  const translated = (body as { translatedText?: unknown })?.translatedText;
  if (!Array.isArray(translated) || translated.length !== count || !translated.every((t) => typeof t === 'string')) {
    throw new OratorError('render_failed', `LibreTranslate answered ${Array.isArray(translated) ? translated.length : 'no'} translations for ${count} sentences`);
  }
  return translated.map((t: string) => t.trim());
}

export class LibreTranslateTranslator {
  readonly note = 'LibreTranslate (Argos Translate neural models, self-hosted): quality varies by pair; proofread before publishing';
  private cached: Promise<LanguagePair[]> | undefined;

  constructor(private readonly options: LibreTranslateOptions) {}

  describe(pair: LanguagePair): string {
    return `libretranslate ${pair.source}-${pair.target}`;
  }

  pairs(): Promise<readonly LanguagePair[]> {
    // A server that is down now may be up on the next call: only a good answer is kept.
    this.cached ??= fetchJson({ url: `${this.options.url}/languages`, method: 'GET' })
      .then(pairsFromLibreLanguages)
      .catch((error: unknown) => {
        this.cached = undefined;
        throw error;
      });
    return this.cached;
  }

  async translate(texts: readonly string[], pair: LanguagePair, signal?: AbortSignal): Promise<string[]> {
    if (texts.length === 0) return [];
    const body = await fetchJson({
      url: `${this.options.url}/translate`,
      body: { q: texts, source: pair.source, target: pair.target, format: 'text', ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}) },
      ...(signal ? { signal } : {}),
    });
    return parseLibreTranslations(body, texts.length);
  }
}
