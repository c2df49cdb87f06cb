// Reading an SRT back (an Orator render's stored captions): numbered cues, `HH:MM:SS,mmm --> …`, text.
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
