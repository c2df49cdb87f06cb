// Reading an SRT back (an Orator render's stored captions): numbered cues, `HH:MM:SS,mmm --> …`, text.
import { OratorError } from '../../domain/errors.js';
export interface SrtCue {
  start: number;
  end: number;
  text: string;
}

const TIME = /(\d+):(\d{2}):(\d{2})[,.](\d{3})/;

function seconds(stamp: string): number | undefined {
  const m = TIME.exec(stamp);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

export function parseSrt(text: string): SrtCue[] {
  const cues: SrtCue[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const arrow = lines.findIndex((l) => l.includes('-->'));
    if (arrow < 0) continue;
    const [from, to] = lines[arrow]!.split('-->');
    const start = seconds(from ?? '');
    const end = seconds(to ?? '');
    if (start === undefined || end === undefined) continue;
    cues.push({ start, end, text: lines.slice(arrow + 1).join(' ').trim() });
  }
  return cues;
}

const CUE_TIMES = /^\s*(\d+:\d{2}:\d{2}[,.]\d{3})\s*-->\s*(\d+:\d{2}:\d{2}[,.]\d{3})\s*$/;

/**
 * A caller's SRT, read strictly: every block is a number, `start --> end` and at least one line of text,
 * times in order. The first problem throws 400672 SRT_FILE_ERROR naming its line, so the caller can fix it.
 */
export function parseSrtStrict(text: string, param: string): SrtCue[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r/g, '').split('\n');
  const fail = (line: number, what: string): never => {
    throw new OratorError('srt_file_error', `${param}: SRT line ${line}: ${what}`, { param });
  };
  const cues: SrtCue[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    if (!/^\d+$/.test(lines[i]!.trim())) fail(i + 1, `expected a cue number, found "${lines[i]!.trim().slice(0, 40)}"`);
    const timing = lines[i + 1];
    const m = timing === undefined ? null : CUE_TIMES.exec(timing);
    if (!m) fail(i + 2, `expected "HH:MM:SS,mmm --> HH:MM:SS,mmm", found "${(timing ?? '(end of file)').trim().slice(0, 40)}"`);
    const start = seconds(m![1]!)!;
    const end = seconds(m![2]!)!;
    if (end < start) fail(i + 2, `the cue ends (${m![2]}) before it starts (${m![1]})`);
    const prev = cues[cues.length - 1];
    if (prev && start < prev.start) fail(i + 2, `the cue starts (${m![1]}) before the one above it`);
    let j = i + 2;
    const body: string[] = [];
    while (j < lines.length && lines[j]!.trim() !== '') body.push(lines[j++]!.trim());
    if (body.length === 0) fail(i + 3, 'the cue has no text');
    cues.push({ start, end, text: body.join(' ') });
    i = j;
  }
  if (cues.length === 0) fail(1, 'the file has no cues');
  return cues;
}

function stamp(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

export function formatSrt(cues: readonly SrtCue[]): string {
  return cues.map((c, i) => `${i + 1}\n${stamp(c.start)} --> ${stamp(c.end)}\n${c.text}\n`).join('\n');
}
