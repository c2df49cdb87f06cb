// POST /v3/voices/speech and /v1/audio/text_to_speech: text → a WAV blob with word timings, answered
// with a freshly signed URL. Synthesis runs in the request (TTS here is seconds, not minutes).
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import { checkSpeechText } from '../../domain/speech-text.js';
import type { WordTiming } from '../../domain/render-plan.js';
import type { BlobStore, RenderEngine, ScratchSpace } from '../ports.js';

/** The speech pipeline behind a port (compose wires render/speech's synthesizeSpeech). */
export interface SpeechSynthesizer {
  synthesize(input: { text: string; voiceId: string; speed: number; outPath: string }): Promise<{ durationSec: number; words: WordTiming[] }>;
}

export interface GenerateSpeechDeps {
  speech: SpeechSynthesizer;
  engine: Pick<RenderEngine, 'findVoice'>;
  blobs: BlobStore;
  scratch: ScratchSpace;
}

export interface SpeechRequest {
  text: string;
  voice_id: string;
  input_type?: string;
  speed?: number;
  language?: string | null;
  locale?: string | null;
}

export interface SpeechView {
  audio_url: string;
  duration: number;
  request_id: string;
  word_timestamps: { word: string; start: number; end: number }[];
}

/** SSML input: keep <break> (the speech parser honours it) and drop every other tag. */
export function ssmlToSpeechText(ssml: string): string {
  return ssml.replace(/<(?!break\b)[^>]*>/gi, ' ').replace(/\s+/g, ' ').trim();
}

export async function generateSpeech(deps: GenerateSpeechDeps, spaceId: string, req: SpeechRequest): Promise<SpeechView> {
  if (!deps.engine.findVoice(req.voice_id)) throw new OratorError('voice_not_found', `Voice ${req.voice_id} not found`, { param: 'voice_id' });
  if (req.input_type !== undefined && req.input_type !== 'text' && req.input_type !== 'ssml') {
    throw new OratorError('invalid_parameter', 'input_type must be one of: text, ssml', { param: 'input_type' });
  }
  const text = req.input_type === 'ssml' ? ssmlToSpeechText(req.text) : req.text;
  checkSpeechText(text, 'text');
  // HeyGen accepts up to 2x; the local engines stay intelligible up to 1.5x, so faster requests clamp.
  const speed = Math.min(1.5, req.speed ?? 1);
  const requestId = randomBytes(16).toString('hex');
  const dir = await deps.scratch.create('speech');
  try {
    const outPath = path.join(dir, 'speech.wav');
    const result = await deps.speech.synthesize({ text, voiceId: req.voice_id, speed, outPath });
    const key = `speech/${spaceId}/${requestId}.wav`;
    await deps.blobs.putFile(key, outPath);
    return {
      audio_url: await deps.blobs.signedUrl(key),
      duration: Math.round(result.durationSec * 1000) / 1000,
      request_id: requestId,
      word_timestamps: result.words.map((w) => ({ word: w.word, start: w.start, end: w.end })),
    };
  } finally {
    await deps.scratch.remove(dir);
  }
}
