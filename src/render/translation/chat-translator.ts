// Machine translation through any OpenAI-compatible chat endpoint (a hosted model, or a local server such
// as llama.cpp, vLLM or Ollama): the sentences go as one JSON array and must come back as one, in order.
// Which languages it is offered for is the operator's setting (a model can be asked for anything).
import { OratorError } from '../../domain/errors.js';
import type { LanguagePair } from '../../domain/video-translation.js';
import { fetchJson } from './http-translation.js';

export interface ChatTranslatorOptions {
  /** Base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1. */
  url: string;
  apiKey?: string;
  model: string;
  pairs: readonly LanguagePair[];
}

/** The request body: the model is told to answer with a JSON array of the same length only. */
export function buildChatRequest(model: string, texts: readonly string[], pair: LanguagePair): object {
  return {
    model,
    temperature: 0,
    messages: [
      {
        role: 'system',
        content:
          `You translate spoken sentences from ${pair.source} to ${pair.target} (ISO 639-1 codes) for a dubbed video. ` +
          'Answer with a JSON array of strings only: one translation per input sentence, in the same order, nothing else.',
      },
      { role: 'user', content: JSON.stringify(texts) },
    ],
  };
}

/** The array out of the model's answer (tolerates a ```json fence around it). */
export function parseChatTranslations(body: unknown, count: number): string[] {
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new OratorError('render_failed', 'The chat translation endpoint answered without choices[0].message.content');
  const text = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OratorError('render_failed', `The chat translation endpoint did not answer with a JSON array: ${text.slice(0, 200)}`);
  }
  if (!Array.isArray(parsed) || parsed.length !== count || !parsed.every((t) => typeof t === 'string')) {
    throw new OratorError('render_failed', `The chat translation endpoint answered ${Array.isArray(parsed) ? parsed.length : 'no'} strings for ${count} sentences`);
  }
  return parsed.map((t: string) => t.trim());
}

export class ChatTranslator {
  readonly note: string;

  constructor(private readonly options: ChatTranslatorOptions) {
    this.note = `OpenAI-compatible chat model "${options.model}": quality depends on the model; proofread before publishing`;
  }

  describe(): string {
    return `openai-compatible chat (${this.options.model})`;
  }

  async pairs(): Promise<readonly LanguagePair[]> {
    return this.options.pairs;
  }

  async translate(texts: readonly string[], pair: LanguagePair, signal?: AbortSignal): Promise<string[]> {
    if (texts.length === 0) return [];
    const body = await fetchJson({
      url: `${this.options.url}/chat/completions`,
      body: buildChatRequest(this.options.model, texts, pair),
      ...(this.options.apiKey ? { headers: { authorization: `Bearer ${this.options.apiKey}` } } : {}),
      ...(signal ? { signal } : {}),
    });
    return parseChatTranslations(body, texts.length);
  }
}
