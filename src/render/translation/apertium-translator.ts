// Offline machine translation with Apertium (Debian main), run as a child process per batch. Apertium is
// rule-based: dictionaries and transfer rules, no model; output is rough and worth a proofread. The pairs
// offered are exactly the modes installed in /usr/share/apertium/modes (variants such as eng-cat_valencia
// are left out: they are dialects of a pair already listed).
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { LanguagePair } from '../../domain/video-translation.js';
import { runProgram } from '../run-program.js';

export const APERTIUM_MODES_DIR = '/usr/share/apertium/modes';

/** Apertium names languages by ISO 639-3 (eng, spa) or 639-1 (en, gl); the API speaks 639-1. */
const ISO_639_1: Record<string, string> = {
  eng: 'en', spa: 'es', cat: 'ca', glg: 'gl', por: 'pt', fra: 'fr', ita: 'it', deu: 'de', eus: 'eu', epo: 'eo',
  isl: 'is', mkd: 'mk', swe: 'sv', dan: 'da', nob: 'nb', nno: 'nn', rus: 'ru', ukr: 'uk', bel: 'be', ron: 'ro',
  oci: 'oc', arg: 'an', ast: 'ast', hbs: 'sh', srp: 'sr', hrv: 'hr', bos: 'bs', slv: 'sl', bul: 'bg', pol: 'pl',
  ces: 'cs', slk: 'sk', nld: 'nl', afr: 'af', cym: 'cy', bre: 'br', gle: 'ga', kaz: 'kk', tat: 'tt', tur: 'tr',
};

const toIso1 = (code: string): string => ISO_639_1[code] ?? code;

export interface ApertiumPair extends LanguagePair {
  mode: string;
}

/** The pairs a modes directory holds: `eng-spa.mode` → en → es via mode "eng-spa". */
export function pairsFromModeFiles(files: readonly string[]): ApertiumPair[] {
  const pairs: ApertiumPair[] = [];
  for (const file of files) {
    const m = /^([a-z]{2,3})-([a-z]{2,3})\.mode$/.exec(file);
    if (!m) continue;
    pairs.push({ source: toIso1(m[1]!), target: toIso1(m[2]!), mode: `${m[1]}-${m[2]}` });
  }
  return pairs.sort((a, b) => a.mode.localeCompare(b.mode));
}

/**
 * argv: `-u` leaves unknown words unmarked (no "*word" in what the voice will say). The text goes in a
 * file: the apertium script opens /dev/stdin by name, which fails when stdin is a socket (as Node gives).
 */
export function buildApertiumArgs(mode: string, inputPath: string): string[] {
  return ['-u', mode, inputPath];
}

/** Sentences go one per line (Apertium keeps line breaks); inner line breaks would shift the count. */
export function joinForApertium(texts: readonly string[]): string {
  return `${texts.map((t) => t.replace(/\s+/g, ' ').trim()).join('\n')}\n`;
}

export function splitApertiumOutput(stdout: string, count: number): string[] | undefined {
  const lines = stdout.replace(/\r/g, '').replace(/\n+$/, '').split('\n').map((l) => l.trim());
  return lines.length === count ? lines : undefined;
}

export class ApertiumTranslator {
  readonly note = 'Apertium: rule-based machine translation (dictionaries and transfer rules, offline); expect rough, literal output and proofread it before publishing';
  private cached: Promise<ApertiumPair[]> | undefined;
  private known: ApertiumPair[] = [];

  constructor(private readonly modesDir: string = APERTIUM_MODES_DIR) {}

  describe(pair: LanguagePair): string {
    const mode = this.known.find((p) => p.source === pair.source && p.target === pair.target)?.mode ?? `${pair.source}-${pair.target}`;
    return `apertium ${mode} (rule-based)`;
  }

  pairs(): Promise<readonly ApertiumPair[]> {
    this.cached ??= readdir(this.modesDir).then(
      (files) => (this.known = pairsFromModeFiles(files)),
      () => [],
    );
    return this.cached;
  }

  async translate(texts: readonly string[], pair: LanguagePair, signal?: AbortSignal): Promise<string[]> {
    if (texts.length === 0) return [];
    const mode = (await this.pairs()).find((p) => p.source === pair.source && p.target === pair.target)?.mode;
    if (!mode) throw new OratorError('invalid_parameter', `Apertium has no ${pair.source} → ${pair.target} pair installed here`, { param: 'output_language' });
    const batch = splitApertiumOutput(await this.run(mode, joinForApertium(texts), signal), texts.length);
    if (batch) return batch;
    // A line break came and went (rare): translate one at a time so each sentence keeps its own translation.
    const one: string[] = [];
    for (const text of texts) one.push((await this.run(mode, joinForApertium([text]), signal)).replace(/\s+/g, ' ').trim());
    return one;
  }

  private async run(mode: string, input: string, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const dir = await mkdtemp(join(tmpdir(), 'orator-apertium-'));
    try {
      const inputPath = join(dir, 'input.txt');
      await writeFile(inputPath, input);
      const result = await runProgram('apertium', buildApertiumArgs(mode, inputPath), { timeoutMs: 120_000 });
      // The script reports some failures (a missing mode, a bad file) on stderr with exit 0.
      if (result.code !== 0 || (result.stdout.trim() === '' && result.stderr.trim() !== '')) {
        throw new OratorError('render_failed', `apertium ${mode} failed (exit ${result.code}): ${result.stderr.trim().slice(-300)}`);
      }
      return result.stdout;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
