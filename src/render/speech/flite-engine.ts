// flite (CMU, BSD-style licence): English voices slt, rms, awb, kal. `-psdur` prints each phone's end
// time, restarting at every utterance, so offsets are accumulated line by line. flite prints no
// word times: flite's `t2p` (text analysis only, ~10 ms for a page) says which phones belong to which
// word, and that is aligned onto the phones of the real run. When t2p cannot keep the words apart
// (abbreviations swallow the separator), a second flite run speaks each word as its own utterance:
// exact but slow (about twice the synthesis itself, as every word is synthesised).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { WordTiming } from '../../domain/render-plan.js';
import { phonemeToViseme } from '../visemes/phoneme-to-viseme.js';
import type { PhoneTiming } from '../visemes/viseme.js';
import { alignSequences } from './align-sequences.js';
import { toAsciiText } from './ascii-text.js';
import type { SpeechEngine, SpeechRequest, SpeechResult } from './speech-engine.js';
import { runProgramOk } from '../run-program.js';
import { splitWords, spreadOverWords, type TextWord } from './split-words.js';
import { resampleWav } from './resample-wav.js';
import { readWav, wavDurationSec } from './wav-file.js';
import { monotoneWordTimings } from './monotone-word-timings.js';

/** Each voice's own mean F0 in Hz (flite's voice definitions): pitch shifts are relative to it. */
const FLITE_F0_MEAN: Record<string, number> = { slt: 160, rms: 95, awb: 110, kal: 105, kal16: 105 };

/** Semitones for our -50..50 pitch scale: ±50 is half an octave either way. */
export function pitchToSemitones(pitch: number): number {
  return (Math.max(-50, Math.min(50, pitch)) / 50) * 6;
}

export interface FliteArgs {
  voice: string;
  speed: number;
  pitch: number;
  textPath: string;
  outPath: string;
}

/** argv for the real synthesis: phone end times on stdout, WAV to `outPath`. */
export function buildFliteArgs({ voice, speed, pitch, textPath, outPath }: FliteArgs): string[] {
  // duration_stretch > 1 is slower speech: the inverse of our speed.
  const args = ['-voice', voice, '--setf', `duration_stretch=${round3(1 / speed)}`];
  if (pitch !== 0) {
    const mean = FLITE_F0_MEAN[voice] ?? 120;
    args.push('--setf', `int_f0_target_mean=${round3(mean * 2 ** (pitchToSemitones(pitch) / 12))}`);
  }
  args.push('-psdur', '-f', textPath, '-o', outPath);
  return args;
}

/** argv for the word lookup: phones only, audio discarded. */
export function buildFliteLookupArgs(voice: string, textPath: string): string[] {
  return ['-voice', voice, '-ps', '-f', textPath, '-o', 'none'];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The t2p text: words separated by semicolons, which flite turns into pauses between them. */
export function buildT2pLookupText(words: readonly TextWord[]): string {
  return words.map((w) => toAsciiText(w.text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).join('; ');
}

/** t2p prints one line of phones with stress digits; the pauses split it back into words (one per line). */
export function parseT2pWords(stdout: string): string[] {
  return stdout
    .split(/\bpau\b/)
    .map((group) => group.replace(/[0-9]/g, '').trim().replace(/\s+/g, ' '))
    .filter((group) => group !== '');
}

/** `-psdur` output → phones on one clock: each line is an utterance whose times start again at 0. */
export function parseFlitePsdur(stdout: string): PhoneTiming[] {
  const phones: PhoneTiming[] = [];
  let offset = 0;
  for (const line of stdout.split('\n')) {
    const items = line.trim().split(/\s+/).filter((s) => s.includes(':'));
    if (items.length === 0) continue;
    let prevEnd = 0;
    for (const item of items) {
      const colon = item.lastIndexOf(':');
      const phone = item.slice(0, colon);
      const end = Number(item.slice(colon + 1));
      if (!Number.isFinite(end)) continue;
      phones.push({ phone, viseme: phonemeToViseme(phone, 'arpabet'), start: offset + prevEnd, end: offset + Math.max(end, prevEnd) });
      prevEnd = Math.max(end, prevEnd);
    }
    offset += prevEnd;
  }
  return phones;
}

/** The lookup text: one word per paragraph, so flite makes each its own utterance (one output line). */
export function buildWordLookupText(words: readonly TextWord[]): string {
  return words.map((w) => toAsciiText(w.text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).join('\n\n') + '\n';
}

const isPause = (p: string): boolean => p === 'pau' || p === 'h#' || p === 'sil';

/**
 * Word times from the spoken phones and, per word, the phones flite says for it alone. The two
 * sequences agree except where context changes a word (the/thee, abbreviations), which the alignment
 * absorbs. Without a usable lookup the words share the speech in proportion to their length.
 */
export function wordTimingsFromPhones(words: readonly TextWord[], phones: readonly PhoneTiming[], lookupStdout: string | null): WordTiming[] {
  const spoken = phones.filter((p) => !isPause(p.phone));
  if (words.length === 0 || spoken.length === 0) return [];
  const lines = (lookupStdout ?? '').split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== words.length) {
    return spreadOverWords(words, spoken[0]!.start, spoken[spoken.length - 1]!.end);
  }
  const dictionary: string[] = [];
  const owner: number[] = [];
  lines.forEach((line, w) => {
    for (const p of line.trim().split(/\s+/)) {
      if (isPause(p)) continue;
      dictionary.push(p);
      owner.push(w);
    }
  });
  const partner = alignSequences(spoken.map((p) => p.phone), dictionary);
  const spans: ({ start: number; end: number } | undefined)[] = new Array(words.length);
  let currentWord = owner[0] ?? 0;
  spoken.forEach((p, i) => {
    const j = partner[i]!;
    // An unmatched phone belongs to the word of the phone before it.
    if (j >= 0) currentWord = owner[j]!;
    const span = spans[currentWord];
    if (span) span.end = Math.max(span.end, p.end);
    else spans[currentWord] = { start: p.start, end: p.end };
  });
  return monotoneWordTimings(
    words.map((w) => w.text),
    (k) => spans[k],
  );
}

/** Per-word phone lines from t2p, or null when its pauses do not match the words one to one. */
async function quickWordLookup(words: readonly TextWord[]): Promise<string | null> {
  try {
    const result = await runProgramOk('t2p', [buildT2pLookupText(words)], { timeoutMs: 30_000 });
    const groups = parseT2pWords(result.stdout);
    return groups.length === words.length ? groups.join('\n') : null;
  } catch {
    return null; // t2p missing or failed: the slow lookup still works
  }
}

export class FliteEngine implements SpeechEngine {
  readonly name = 'flite' as const;

  async synthesize(request: SpeechRequest): Promise<SpeechResult> {
    const dir = await mkdtemp(join(tmpdir(), 'orator-flite-'));
    try {
      const textPath = join(dir, 'text.txt');
      const lookupPath = join(dir, 'words.txt');
      const rawPath = join(dir, 'raw.wav');
      const words = splitWords(request.text);
      await writeFile(textPath, toAsciiText(request.text) + '\n');
      const voice = request.voice.engineVoice;
      let synth;
      let lookup: string | null = null;
      try {
        const synthesis = runProgramOk('flite', buildFliteArgs({ voice, speed: request.speed, pitch: request.pitch, textPath, outPath: rawPath }));
        synthesis.catch(() => undefined); // awaited below
        if (words.length > 0) {
          lookup = await quickWordLookup(words);
          if (lookup === null) {
            await writeFile(lookupPath, buildWordLookupText(words));
            lookup = (await runProgramOk('flite', buildFliteLookupArgs(voice, lookupPath))).stdout;
          }
        }
        synth = await synthesis;
      } catch (err) {
        throw new OratorError('render_failed', `flite failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      await resampleWav(rawPath, request.outPath);
      const durationSec = wavDurationSec(await readWav(request.outPath));
      // flite's times and its samples can disagree by a sample or two at the end: clamp.
      const phones = parseFlitePsdur(synth.stdout)
        .filter((p) => p.start < durationSec)
        .map((p) => ({ ...p, end: Math.min(p.end, durationSec) }));
      const wordTimings = wordTimingsFromPhones(words, phones, lookup);
      return { wavPath: request.outPath, durationSec, words: wordTimings, phones };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
