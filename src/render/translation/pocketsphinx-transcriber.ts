// Offline English speech recognition with Debian's pocketsphinx (the en-us acoustic model, its trigram
// language model and CMUdict), the same program the engine already runs for mouth shapes from uploaded
// audio. Word times come from `-time yes`; there is no punctuation, so sentences are cut at pauses.
import { join } from 'node:path';
import type { TimedWord } from '../../domain/video-translation.js';
import { runProgram } from '../run-program.js';
import { parsePocketsphinxTimes, POCKETSPHINX_MODEL_DIR } from '../visemes/phones-from-audio.js';

/** argv for word recognition of a 16 kHz mono WAV. */
export function buildWordRecognitionArgs(wavPath: string, modelDir: string = POCKETSPHINX_MODEL_DIR): string[] {
  return [
    '-infile', wavPath,
    '-hmm', join(modelDir, 'en-us'),
    '-lm', join(modelDir, 'en-us.lm.bin'),
    '-dict', join(modelDir, 'cmudict-en-us.dict'),
    '-time', 'yes',
    '-logfn', '/dev/null',
  ];
}

/** Markers, silences and noises are not words: `<s>`, `</s>`, `<sil>`, `[NOISE]`, `++UH++`. */
const NOT_A_WORD = /^(<.*>|\[.*\]|\+\+.*\+\+)$/;

/** Recognised tokens → words; "hello(2)" (an alternative pronunciation) is the word "hello". */
export function wordsFromRecognition(stdout: string): TimedWord[] {
  return parsePocketsphinxTimes(stdout)
    .filter((t) => !NOT_A_WORD.test(t.token))
    // pocketsphinx times are inclusive 10 ms frames.
    .map((t) => ({ word: t.token.replace(/\(\d+\)$/, ''), start: t.start, end: t.end + 0.01 }));
}

export class PocketsphinxTranscriber {
  readonly name = 'pocketsphinx (en-us, offline)';
  readonly languages = ['en'] as const;

  constructor(private readonly modelDir: string = POCKETSPHINX_MODEL_DIR) {}

  async transcribe(wavPath: string, _language: string, signal?: AbortSignal): Promise<TimedWord[]> {
    signal?.throwIfAborted();
    const result = await runProgram('pocketsphinx_continuous', buildWordRecognitionArgs(wavPath, this.modelDir), { timeoutMs: 1_800_000 });
    if (result.code !== 0) throw new Error(`pocketsphinx failed (${result.code}): ${result.stderr.trim().slice(-300)}`);
    return wordsFromRecognition(result.stdout);
  }
}
