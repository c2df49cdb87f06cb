// Port for text-to-speech engines. Each engine runs as a separate process (espeak-ng, flite,
// festival are GPL/BSD programs; we keep them out of our address space) and reports timings.
import type { WordTiming } from '../../domain/render-plan.js';
import type { PhoneTiming } from '../visemes/viseme.js';

export type EngineName = 'espeak-ng' | 'flite' | 'festival';

/** Every engine's output is resampled to this rate (espeak-ng's native rate), 16-bit mono PCM WAV. */
export const SPEECH_SAMPLE_RATE = 22050;

/** A voice as the catalogue lists it (HeyGen's /v2/voices fields plus what the engine needs). */
export interface VoiceInfo {
  voice_id: string;
  name: string;
  /** Human language name as HeyGen shows it, e.g. "English". */
  language: string;
  /** BCP-47-ish locale, e.g. "en-US". */
  locale: string;
  gender: 'male' | 'female';
  engine: EngineName;
  /** The engine's own voice name (espeak-ng voice, flite voice, festival voice). */
  engineVoice: string;
  support_pause: boolean;
  emotion_support: boolean;
}

export interface SpeechRequest {
  text: string;
  voice: VoiceInfo;
  /** 0.5–1.5. */
  speed: number;
  /** -50..50. */
  pitch: number;
  /** Where to write the 16-bit mono WAV. */
  outPath: string;
}

export interface SpeechResult {
  wavPath: string;
  durationSec: number;
  /** Times relative to the start of this audio. */
  words: WordTiming[];
  phones: PhoneTiming[];
}

export interface SpeechEngine {
  readonly name: EngineName;
  synthesize(request: SpeechRequest): Promise<SpeechResult>;
}
