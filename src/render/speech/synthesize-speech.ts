// The speech use case the renderer calls: validate, look the voice up, split at <break> pauses, run
// the voice's engine per segment, and join everything into one WAV with one timeline of words and
// phones. Engines are injectable so tests and compose.ts can swap them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { WordTiming } from '../../domain/render-plan.js';
import type { PhoneTiming } from '../visemes/viseme.js';
import { EspeakNgEngine } from './espeak-ng-engine.js';
import { FestivalEngine } from './festival-engine.js';
import { FliteEngine } from './flite-engine.js';
import { checkSpeechText, parseSpeechText, type SpeechPiece } from '../../domain/speech-text.js';
import { mapWithLimit, splitForParallel } from './split-for-parallel.js';
import { SPEECH_SAMPLE_RATE, type EngineName, type SpeechEngine, type SpeechResult } from './speech-engine.js';
import { findVoice } from './voice-catalogue.js';
import { readWav, writeWav } from './wav-file.js';

/** Engine processes at once for one text: the render machines have two cores. */
export const SPEECH_PROCESSES = 2;

export interface SynthesizeSpeechInput {
  text: string;
  voiceId: string;
  /** 0.5–1.5 (clamped); default 1. */
  speed?: number;
  /** -50..50 (clamped); default 0. */
  pitch?: number;
  outPath: string;
  /** Engines by name; defaults to the built-in process-backed ones. */
  engines?: Partial<Record<EngineName, SpeechEngine>>;
}

let defaultEngines: Record<EngineName, SpeechEngine> | undefined;

function engineFor(name: EngineName, overrides?: Partial<Record<EngineName, SpeechEngine>>): SpeechEngine {
  defaultEngines ??= { 'espeak-ng': new EspeakNgEngine(), flite: new FliteEngine(), festival: new FestivalEngine() };
  return overrides?.[name] ?? defaultEngines[name];
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export async function synthesizeSpeech(input: SynthesizeSpeechInput): Promise<SpeechResult> {
  const voice = findVoice(input.voiceId);
  if (!voice) throw new OratorError('voice_not_found', `Voice not found: ${input.voiceId}`, { param: 'voice_id' });
  checkSpeechText(input.text, 'input_text');
  const pieces = parseSpeechText(input.text);
  const speed = clamp(Number.isFinite(input.speed) ? input.speed! : 1, 0.5, 1.5);
  const pitch = clamp(Number.isFinite(input.pitch) ? input.pitch! : 0, -50, 50);
  const engine = engineFor(voice.engine, input.engines);

  const dir = await mkdtemp(join(tmpdir(), 'orator-speech-'));
  try {
    const chunks: Int16Array[] = [];
    const words: WordTiming[] = [];
    const phones: PhoneTiming[] = [];
    let samples = 0;
    const offsetSec = (): number => samples / SPEECH_SAMPLE_RATE;
    // Long text pieces become two segments; all segments are synthesised up to two at a time, then
    // joined in order below, so the result does not depend on which process finished first.
    const segments: SpeechPiece[] = pieces.flatMap((p): SpeechPiece[] => (p.type === 'text' ? splitForParallel(p.text).map((text) => ({ type: 'text', text })) : [p]));
    const synthesized = await mapWithLimit(segments, SPEECH_PROCESSES, async (piece, i) => {
      if (piece.type !== 'text' || !/[\p{L}\p{N}]/u.test(piece.text)) return null;
      const segmentPath = join(dir, `segment-${i}.wav`);
      const result = await engine.synthesize({ text: piece.text, voice, speed, pitch, outPath: segmentPath });
      return { result, audio: await readWav(segmentPath) };
    });
    for (const [i, piece] of segments.entries()) {
      if (piece.type === 'pause') {
        const silence = new Int16Array(Math.round(piece.durationSec * SPEECH_SAMPLE_RATE));
        if (silence.length > 0) phones.push({ phone: 'pause', viseme: 'X', start: offsetSec(), end: offsetSec() + silence.length / SPEECH_SAMPLE_RATE });
        chunks.push(silence);
        samples += silence.length;
        continue;
      }
      const done = synthesized[i];
      if (!done) continue;
      const { result, audio } = done;
      if (audio.sampleRate !== SPEECH_SAMPLE_RATE) throw new OratorError('render_failed', `${engine.name} returned ${audio.sampleRate} Hz audio`);
      const start = offsetSec();
      const length = audio.samples.length / SPEECH_SAMPLE_RATE;
      // Engines may round their last time a hair past the samples they wrote: clamp into the segment.
      const fit = (t: number): number => start + clamp(t, 0, length);
      for (const w of result.words) words.push({ word: w.word, start: fit(w.start), end: fit(w.end) });
      for (const p of result.phones) phones.push({ ...p, start: fit(p.start), end: fit(p.end) });
      chunks.push(audio.samples);
      samples += audio.samples.length;
    }
    const joined = new Int16Array(samples);
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    await writeWav(input.outPath, { sampleRate: SPEECH_SAMPLE_RATE, samples: joined });
    return { wavPath: input.outPath, durationSec: samples / SPEECH_SAMPLE_RATE, words: monotone(words), phones };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Guarantees what callers rely on: each word starts where the previous ended or later, end ≥ start. */
function monotone(words: WordTiming[]): WordTiming[] {
  let last = 0;
  return words.map((w) => {
    const start = Math.max(w.start, last);
    const end = Math.max(w.end, start);
    last = end;
    return { word: w.word, start, end };
  });
}
