// festival with the HTS voice festvox-us-slt-hts (the most natural English voice in Debian main).
// One festival process per request runs a generated Scheme script: each sentence chunk becomes an
// utterance whose WAV and word/segment times are written to files, so long texts never make one
// giant HTS utterance, and the chunks are joined here on one clock.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { WordTiming } from '../../domain/render-plan.js';
import { phonemeToViseme } from '../visemes/phoneme-to-viseme.js';
import type { PhoneTiming } from '../visemes/viseme.js';
import { alignSequences } from './align-sequences.js';
import { toAsciiText, wordKey } from './ascii-text.js';
import { pitchToSemitones } from './flite-engine.js';
import type { SpeechEngine, SpeechRequest, SpeechResult } from './speech-engine.js';
import { runProgramOk } from '../run-program.js';
import { splitWords } from './split-words.js';
import { resampleWav } from './resample-wav.js';
import { readWav, wavDurationSec, writeWav, type PcmAudio } from './wav-file.js';
import { monotoneWordTimings } from './monotone-word-timings.js';

/** Chunks longer than this are split at sentence ends (HTS slows down on very long utterances). */
const MAX_CHUNK_CHARS = 400;

/** Splits text at sentence ends into chunks of at most `maxChars` (a longer sentence stays whole). */
export function splitSentences(text: string, maxChars: number = MAX_CHUNK_CHARS): string[] {
  // A sentence ends at . ! ? or ; (closing quotes and brackets included) followed by whitespace.
  const sentences = text.split(/(?<=[.!?;]["')\]\u201D\u2019]*)\s+/u);
  const chunks: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + 1 + s.length > maxChars) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current} ${s}` : s;
  }
  if (current) chunks.push(current);
  return chunks.map((c) => c.trim()).filter((c) => /[\p{L}\p{N}]/u.test(c));
}

function schemeString(text: string): string {
  return '"' + text.replace(/[\r\n\t]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

export interface FestivalScriptOptions {
  voice: string;
  chunks: readonly string[];
  workDir: string;
  speed: number;
  pitch: number;
}

/**
 * The Scheme program: select the voice, set HTS speed (-r) and pitch shift in half-tones (-fm), then
 * per chunk synthesize, save the WAV, and write one line per segment and per spoken word (with the
 * index and name of the text token it came from, so words map back to the text).
 */
export function buildFestivalScript({ voice, chunks, workDir, speed, pitch }: FestivalScriptOptions): string {
  const lines = [
    `(voice_${voice})`,
    `(set! hts_engine_params (append hts_engine_params (list (list "-r" ${speed.toFixed(3)}) (list "-fm" ${pitchToSemitones(pitch).toFixed(3)}))))`,
    `(Parameter.set 'Duration_Stretch ${(1 / speed).toFixed(3)})`,
    `(define (orator.dump utt path)
  (let ((fd (fopen path "w")) (i 0))
    (mapcar (lambda (tok) (item.set_feat tok "orator_index" i) (set! i (+ i 1))) (utt.relation.items utt 'Token))
    (mapcar (lambda (seg) (format fd "seg\\t%s\\t%s\\n" (item.name seg) (item.feat seg "end")))
            (utt.relation.items utt 'Segment))
    (mapcar (lambda (w)
              (if (item.relation w 'SylStructure)
                  (format fd "word\\t%s\\t%s\\t%s\\t%s\\n"
                          (item.feat w "R:Token.parent.orator_index")
                          (item.feat w "R:SylStructure.daughter1.daughter1.R:Segment.p.end")
                          (item.feat w "R:SylStructure.daughtern.daughtern.R:Segment.end")
                          (item.feat w "R:Token.parent.name"))))
            (utt.relation.items utt 'Word))
    (fclose fd)))`,
  ];
  chunks.forEach((chunk, i) => {
    lines.push(
      `(set! utt${i} (utt.synth (Utterance Text ${schemeString(toAsciiText(chunk))})))`,
      `(utt.save.wave utt${i} ${schemeString(join(workDir, `chunk-${i}.wav`))} 'riff)`,
      `(orator.dump utt${i} ${schemeString(join(workDir, `chunk-${i}.tsv`))})`,
    );
  });
  return lines.join('\n') + '\n';
}

export function buildFestivalArgs(scriptPath: string): string[] {
  return ['-b', scriptPath];
}

interface FestivalToken {
  index: number;
  name: string;
  start: number;
  end: number;
}

/** One chunk's dump → phones and the spoken tokens (words of one text token merged). */
export function parseFestivalDump(tsv: string): { phones: PhoneTiming[]; tokens: FestivalToken[] } {
  const phones: PhoneTiming[] = [];
  const tokens: FestivalToken[] = [];
  let prevEnd = 0;
  for (const line of tsv.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'seg') {
      const end = Math.max(Number(f[2]), prevEnd);
      phones.push({ phone: f[1]!, viseme: phonemeToViseme(f[1]!, 'arpabet'), start: prevEnd, end });
      prevEnd = end;
    } else if (f[0] === 'word') {
      const index = Number(f[1]);
      const start = Number(f[2]);
      const end = Number(f[3]);
      if (!(end > 0)) continue;
      const last = tokens[tokens.length - 1];
      if (last && last.index === index) last.end = Math.max(last.end, end);
      else tokens.push({ index, name: f.slice(4).join('\t'), start, end });
    }
  }
  return { phones, tokens };
}

/** Pairs the text's words with festival's tokens by spelling; unmatched words get a zero-length slot. */
export function wordTimingsFromTokens(text: string, tokens: readonly FestivalToken[], offset: number): WordTiming[] {
  const words = splitWords(text);
  const partner = alignSequences(words.map((w) => wordKey(w.text)), tokens.map((t) => wordKey(t.name)));
  return monotoneWordTimings(
    words.map((w) => w.text),
    (i) => {
      const t = partner[i]! >= 0 ? tokens[partner[i]!] : undefined;
      return t ? { start: offset + t.start, end: offset + t.end } : undefined;
    },
    offset,
  );
}

export class FestivalEngine implements SpeechEngine {
  readonly name = 'festival' as const;

  async synthesize(request: SpeechRequest): Promise<SpeechResult> {
    const dir = await mkdtemp(join(tmpdir(), 'orator-festival-'));
    try {
      const chunks = splitSentences(request.text);
      const scriptPath = join(dir, 'script.scm');
      await writeFile(scriptPath, buildFestivalScript({ voice: request.voice.engineVoice, chunks, workDir: dir, speed: request.speed, pitch: request.pitch }));
      try {
        await runProgramOk('festival', buildFestivalArgs(scriptPath), { cwd: dir });
      } catch (err) {
        throw new OratorError('render_failed', `festival failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      const pieces: Int16Array[] = [];
      let sampleRate = 0;
      let offset = 0;
      const words: WordTiming[] = [];
      const phones: PhoneTiming[] = [];
      for (let i = 0; i < chunks.length; i++) {
        let audio: PcmAudio;
        let dump: string;
        try {
          audio = await readWav(join(dir, `chunk-${i}.wav`));
          dump = await readFile(join(dir, `chunk-${i}.tsv`), 'utf8');
        } catch (err) {
          // festival reports Scheme errors on stderr but still exits 0: a missing file is the signal.
          throw new OratorError('render_failed', `festival produced no audio for chunk ${i}`, { cause: err });
        }
        sampleRate = audio.sampleRate;
        const chunkSec = wavDurationSec(audio);
        const parsed = parseFestivalDump(dump);
        for (const p of parsed.phones) {
          if (p.start < chunkSec) phones.push({ ...p, start: p.start + offset, end: Math.min(p.end, chunkSec) + offset });
        }
        words.push(...wordTimingsFromTokens(chunks[i]!, parsed.tokens, offset).map((w) => ({ ...w, end: Math.min(w.end, offset + chunkSec) })));
        pieces.push(audio.samples);
        offset += chunkSec;
      }
      const joined = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.length;
      }
      const rawPath = join(dir, 'joined.wav');
      await writeWav(rawPath, { sampleRate: sampleRate || 16000, samples: joined });
      await resampleWav(rawPath, request.outPath);
      const durationSec = wavDurationSec(await readWav(request.outPath));
      return { wavPath: request.outPath, durationSec, words, phones };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
