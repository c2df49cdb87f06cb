// A live estimate of how long a script takes to say, read with the server's own script rules (the same
// parser splits <break> pauses at request time and in the renderer), and the check the server will make.
import { checkSpeechText, parseSpeechText } from '../../../src/domain/speech-text.ts';

/**
 * Orator's offline voices (flite, espeak-ng, Festival HTS) say about 15.5 characters a second, and each
 * separately synthesised piece (a <break> splits the script) carries about a quarter second of its own
 * silence: "Hello there." takes 0.9 to 1.1 s, a 122-character sentence 7.3 to 8.9 s.
 */
const CHARS_PER_SECOND = 15.5;
const PIECE_SECONDS = 0.25;

export interface ScriptEstimate {
  seconds: number;
  pauses: number;
  characters: number;
  /** What the server would refuse this script for, in its words; null when it would take it. */
  problem: string | null;
}

export function estimateScript(script: string): ScriptEstimate {
  const pieces = parseSpeechText(script);
  const seconds = pieces.reduce((sum, p) => sum + (p.type === 'pause' ? p.durationSec : PIECE_SECONDS + p.text.length / CHARS_PER_SECOND), 0);
  let problem: string | null = null;
  try {
    checkSpeechText(script, 'The script');
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  return {
    seconds,
    pauses: pieces.filter((p) => p.type === 'pause').length,
    characters: Array.from(script).length,
    problem,
  };
}

/** "about 4 s", "about 1 min 05 s": an estimate says so, and never claims tenths it cannot know. */
export function aboutDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `about ${s} s`;
  return `about ${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
