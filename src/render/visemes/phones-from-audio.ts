// Mouth shapes for uploaded speech, from Debian's pocketsphinx (5prealpha) run as a process.
// Without a transcript: phonetic recognition with the phone language model (the most accurate
// method measured here, ~0.7 s per second of audio on 2 cores). With one: JSGF alignment of its words
// (about 20× faster), each word's dictionary phones spread over the time pocketsphinx gives the word.
// Either way the loudness envelope has the last word on where the mouth rests.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from '../run-program.js';
import { resampleWav } from '../speech/resample-wav.js';
import { readWav } from '../speech/wav-file.js';
import { RECOGNITION_SAMPLE_RATE } from './decode-audio.js';
import { gatePhonesByLoudness, loudnessEnvelope } from './loudness-envelope.js';
import { phonemeToViseme } from './phoneme-to-viseme.js';
import type { PhoneTiming } from './viseme.js';

export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** argv for phonetic recognition. The wide beams matter: 1e-10 collapsed into one long phone. */
export function buildAllphoneArgs(wavPath: string, modelDir: string = POCKETSPHINX_MODEL_DIR): string[] {
  return [
    '-infile', wavPath,
    '-hmm', join(modelDir, 'en-us'),
    '-allphone', join(modelDir, 'en-us-phone.lm.bin'),
    '-beam', '1e-15', '-pbeam', '1e-15', '-lw', '2.0',
    '-time', 'yes',
    '-logfn', '/dev/null',
  ];
}

/** argv for aligning to a JSGF grammar built from the transcript. */
export function buildJsgfArgs(wavPath: string, grammarPath: string, modelDir: string = POCKETSPHINX_MODEL_DIR): string[] {
  return [
    '-infile', wavPath,
    '-hmm', join(modelDir, 'en-us'),
    '-dict', join(modelDir, 'cmudict-en-us.dict'),
    '-jsgf', grammarPath,
    '-time', 'yes',
    '-logfn', '/dev/null',
  ];
}

/**
 * The grammar: the transcript's words in order, each optional. pocketsphinx cuts the file into
 * utterances at silences and matches each against the whole grammar, so every utterance must be
 * able to skip the words spoken before it.
 */
export function buildTranscriptGrammar(words: readonly string[]): string {
  return `#JSGF V1.0;\ngrammar orator;\npublic <utterance> = ${words.map((w) => `[ ${w} ]`).join(' ')} ;\n`;
}

export interface TimedToken {
  token: string;
  start: number;
  end: number;
}

/** `-time yes` output: a hypothesis line, then "TOKEN start end probability" lines. */
export function parsePocketsphinxTimes(stdout: string): TimedToken[] {
  const out: TimedToken[] = [];
  for (const line of stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 4) continue;
    const start = Number(f[1]);
    const end = Number(f[2]);
    if (!Number.isFinite(start) || !Number.isFinite(end) || !/^[0-9.]+$/.test(f[1]!)) continue;
    out.push({ token: f[0]!, start, end });
  }
  return out;
}

let dictionary: Map<string, string[]> | undefined;

async function loadDictionary(modelDir: string): Promise<Map<string, string[]>> {
  if (dictionary) return dictionary;
  const text = await readFile(join(modelDir, 'cmudict-en-us.dict'), 'utf8');
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space);
    // "word(2)" lines are alternative pronunciations: the first one is enough for mouth shapes.
    if (word.includes('(')) continue;
    map.set(word, line.slice(space + 1).trim().split(/\s+/));
  }
  dictionary = map;
  return map;
}

/** Transcript → the lower-case words the dictionary knows (others cannot be aligned anyway). */
export function transcriptWords(transcript: string, known: (word: string) => boolean): string[] {
  return transcript
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[^a-z0-9']+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '' && /^[a-z']+$/.test(w) && known(w));
}

const timedToPhones = (tokens: readonly TimedToken[]): PhoneTiming[] =>
  tokens.map((t) => ({ phone: t.token, viseme: phonemeToViseme(t.token, 'arpabet'), start: t.start, end: t.end + 0.01 }));

async function recognisePhones(wavPath: string, modelDir: string): Promise<PhoneTiming[]> {
  const result = await runProgram('pocketsphinx_continuous', buildAllphoneArgs(wavPath, modelDir), { timeoutMs: 600_000 });
  if (result.code !== 0) throw new Error(`pocketsphinx failed (${result.code}): ${result.stderr.trim().slice(-300)}`);
  return timedToPhones(parsePocketsphinxTimes(result.stdout));
}

async function alignTranscript(wavPath: string, transcript: string, dir: string, modelDir: string): Promise<PhoneTiming[]> {
  const dict = await loadDictionary(modelDir);
  const words = transcriptWords(transcript, (w) => dict.has(w));
  if (words.length === 0) return [];
  const grammarPath = join(dir, 'transcript.gram');
  await writeFile(grammarPath, buildTranscriptGrammar(words));
  const result = await runProgram('pocketsphinx_continuous', buildJsgfArgs(wavPath, grammarPath, modelDir), { timeoutMs: 600_000 });
  if (result.code !== 0) return [];
  const phones: PhoneTiming[] = [];
  for (const t of parsePocketsphinxTimes(result.stdout)) {
    const pron = dict.get(t.token.replace(/\(\d+\)$/, ''));
    if (!pron) continue; // <s>, </s>, <sil>, [NOISE]
    // pocketsphinx word times are inclusive 10 ms frames.
    const end = t.end + 0.01;
    const step = (end - t.start) / pron.length;
    pron.forEach((p, k) => phones.push({ phone: p, viseme: phonemeToViseme(p, 'arpabet'), start: t.start + k * step, end: t.start + (k + 1) * step }));
  }
  return phones;
}

export interface PhonesFromAudioOptions {
  modelDir?: string;
}

/** Phone timings for a WAV of speech (any rate; resampled to 16 kHz mono for recognition). */
export async function phonesFromAudio(wavPath: string, transcript?: string, options: PhonesFromAudioOptions = {}): Promise<PhoneTiming[]> {
  const modelDir = options.modelDir ?? POCKETSPHINX_MODEL_DIR;
  const dir = await mkdtemp(join(tmpdir(), 'orator-phones-'));
  try {
    const input = await readWav(wavPath);
    let speechPath = wavPath;
    if (input.sampleRate !== RECOGNITION_SAMPLE_RATE) {
      speechPath = join(dir, 'speech-16k.wav');
      await resampleWav(wavPath, speechPath, RECOGNITION_SAMPLE_RATE);
    }
    const audio = input.sampleRate === RECOGNITION_SAMPLE_RATE ? input : await readWav(speechPath);
    let phones: PhoneTiming[] = [];
    if (transcript && transcript.trim()) phones = await alignTranscript(speechPath, transcript, dir, modelDir);
    // No transcript, or one that aligned to nothing (another language, wrong text): listen instead.
    if (phones.length === 0) phones = await recognisePhones(speechPath, modelDir);
    return gatePhonesByLoudness(phones, loudnessEnvelope(audio));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
