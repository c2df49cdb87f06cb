// espeak-ng through our small C helper (native/espeak-timing.c, built into build/espeak-timing by
// scripts/setup.sh). The helper is a separate process on purpose: espeak-ng is GPL and stays out of
// Orator's address space. It writes the WAV and prints word/phoneme events with times.
import { fileURLToPath } from 'node:url';
import { OratorError } from '../../domain/errors.js';
import type { WordTiming } from '../../domain/render-plan.js';
import { phonemeToViseme } from '../visemes/phoneme-to-viseme.js';
import type { PhoneTiming } from '../visemes/viseme.js';
import type { SpeechEngine, SpeechRequest, SpeechResult } from './speech-engine.js';
import { ProgramError, runProgram } from '../run-program.js';
import { splitWords, spreadOverWords, type TextWord } from './split-words.js';
import { readWav, wavDurationSec } from './wav-file.js';
import { resampleWav } from './resample-wav.js';

/** build/espeak-timing at the repository root (same depth from src/ and dist/). */
export const ESPEAK_TIMING_PATH = fileURLToPath(new URL('../../../build/espeak-timing', import.meta.url));

/** espeak-ng's default speaking rate in words per minute; `speed` scales it. */
const BASE_RATE_WPM = 175;

export interface EspeakTimingArgs {
  voice: string;
  speed: number;
  pitch: number;
  outPath: string;
}

/** argv for build/espeak-timing; the text goes on stdin so its length never meets argv limits. */
export function buildEspeakTimingArgs({ voice, speed, pitch, outPath }: EspeakTimingArgs): string[] {
  const rate = Math.round(Math.min(450, Math.max(80, BASE_RATE_WPM * speed)));
  // espeak's pitch is 0–99 with 50 as the voice's own; our -50..50 maps straight onto it.
  const espeakPitch = Math.round(Math.min(99, Math.max(0, 50 + pitch)));
  return ['--voice', voice, '--rate', String(rate), '--pitch', String(espeakPitch), '--out', outPath];
}

export type EspeakEvent =
  | { type: 'word'; time: number; position: number; length: number }
  | { type: 'phoneme'; time: number; name: string }
  | { type: 'sentence' | 'end'; time: number };

export interface EspeakTimingOutput {
  sampleRate: number;
  events: EspeakEvent[];
  durationSec: number;
}

export function parseEspeakTimingOutput(stdout: string): EspeakTimingOutput {
  let sampleRate = 0;
  let durationSec = 0;
  const events: EspeakEvent[] = [];
  for (const line of stdout.split('\n')) {
    const f = line.split('\t');
    switch (f[0]) {
      case 'rate': sampleRate = Number(f[1]); break;
      case 'done': durationSec = Number(f[1]); break;
      case 'word': events.push({ type: 'word', time: Number(f[1]), position: Number(f[2]), length: Number(f[3]) }); break;
      case 'phoneme': events.push({ type: 'phoneme', time: Number(f[1]), name: f[2] ?? '' }); break;
      case 'sentence':
      case 'end': events.push({ type: f[0], time: Number(f[1]) }); break;
      default: break;
    }
  }
  return { sampleRate, events, durationSec };
}

interface WordGroup {
  time: number;
  words: TextWord[];
  /** End of the last spoken (non-pause) phoneme after this word event. */
  end: number;
}

/**
 * Turns espeak's events into word and phone timings. espeak runs some function words into the
 * previous word's event ("of the" is one event), and splits others ("well-known"): each text word goes
 * to the event whose span holds its first character, or else to the event before it, and an event
 * holding several words shares its time between them by length.
 */
export function timingsFromEspeakEvents(text: string, output: EspeakTimingOutput): { words: WordTiming[]; phones: PhoneTiming[] } {
  const phoneEvents = output.events.filter((e): e is Extract<EspeakEvent, { type: 'phoneme' }> => e.type === 'phoneme');
  const phones: PhoneTiming[] = phoneEvents.map((e, i) => ({
    phone: e.name,
    viseme: phonemeToViseme(e.name, 'espeak'),
    start: e.time,
    end: Math.min(output.durationSec, phoneEvents[i + 1]?.time ?? output.durationSec),
  }));

  const textWords = splitWords(text);
  const groups: WordGroup[] = [];
  let current: WordGroup | null = null;
  let phoneIndex = 0;
  for (const e of output.events) {
    if (e.type === 'word') {
      current = { time: e.time, words: [], end: e.time };
      groups.push(current);
      // espeak positions are 1-based code points.
      const from = e.position - 1;
      const to = from + Math.max(1, e.length);
      for (const w of textWords) if (w.start >= from && w.start < to) current.words.push(w);
    } else if (e.type === 'phoneme') {
      const phone = phones[phoneIndex++]!;
      if (current && phone.viseme !== 'X') current.end = Math.max(current.end, phone.end);
    }
  }
  // Words no event claimed go to the nearest event before them (espeak's merging direction).
  const claimed = new Set(groups.flatMap((g) => g.words));
  for (const w of textWords) {
    if (claimed.has(w)) continue;
    const owner = [...groups].reverse().find((g) => g.words.length > 0 && g.words[0]!.start < w.start) ?? groups.find((g) => g.words.length > 0);
    if (owner) {
      owner.words.push(w);
      owner.words.sort((x, y) => x.start - y.start);
    }
  }
  const words: WordTiming[] = [];
  // A word split into several events keeps the first event's start and the last one's end.
  const byWord = new Map<TextWord, { start: number; end: number }>();
  const ordered = groups.filter((g) => g.words.length > 0);
  for (const g of ordered) {
    if (g.words.length === 1) {
      const w = g.words[0]!;
      const prev = byWord.get(w);
      byWord.set(w, { start: prev ? prev.start : g.time, end: Math.max(g.end, prev?.end ?? 0) });
    } else {
      for (const [k, span] of spreadOverWords(g.words, g.time, g.end).entries()) {
        const w = g.words[k]!;
        const prev = byWord.get(w);
        byWord.set(w, { start: prev ? prev.start : span.start, end: Math.max(span.end, prev?.end ?? 0) });
      }
    }
  }
  let last = 0;
  for (const w of textWords) {
    const span = byWord.get(w);
    if (!span) continue;
    const start = Math.max(span.start, last);
    const end = Math.min(Math.max(span.end, start), output.durationSec);
    words.push({ word: w.text, start, end });
    last = end;
  }
  return { words, phones };
}

export class EspeakNgEngine implements SpeechEngine {
  readonly name = 'espeak-ng' as const;

  constructor(private readonly helperPath: string = ESPEAK_TIMING_PATH) {}

  async synthesize(request: SpeechRequest): Promise<SpeechResult> {
    const args = buildEspeakTimingArgs({ voice: request.voice.engineVoice, speed: request.speed, pitch: request.pitch, outPath: request.outPath });
    let result;
    try {
      result = await runProgram(this.helperPath, args, { input: request.text });
    } catch (err) {
      const detail = err instanceof ProgramError ? err.message : String(err);
      throw new OratorError('render_failed', `espeak-ng failed: ${detail}`, { cause: err });
    }
    if (result.code === 3) throw new OratorError('voice_not_found', `Voice not found: ${request.voice.voice_id}`, { param: 'voice_id' });
    if (result.code !== 0) throw new OratorError('render_failed', `espeak-ng failed (${result.code}): ${result.stderr.trim().slice(-300)}`);
    const output = parseEspeakTimingOutput(result.stdout);
    await resampleWav(request.outPath, request.outPath);
    const durationSec = wavDurationSec(await readWav(request.outPath));
    const { words, phones } = timingsFromEspeakEvents(request.text, { ...output, durationSec });
    return { wavPath: request.outPath, durationSec, words, phones };
  }
}
