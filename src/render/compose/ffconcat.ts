// ffconcat lists for the concat demuxer: `file` + `duration` lines.
export interface ConcatEntry {
  path: string;
  durationSec: number;
}

/**
 * Builds an ffconcat script. The concat demuxer ignores the last entry's duration (an image ends when
 * its single frame is read), so the last file is repeated once to make that duration count.
 * `imageFramerate` opens each image at that rate: the list takes its time base from its first file, and
 * an image file's default of 25 would round every entry's start to 1/25 s (a frame late at 10 or 30 fps).
 */
export function buildFfconcat(entries: readonly ConcatEntry[], imageFramerate?: number): string {
  if (entries.length === 0) throw new Error('an ffconcat list needs at least one entry');
  const lines = ['ffconcat version 1.0'];
  const file = (path: string): string[] => [`file ${quoteConcatPath(path)}`, ...(imageFramerate ? [`option framerate ${imageFramerate}`] : [])];
  for (const entry of entries) {
    lines.push(...file(entry.path), `duration ${formatSeconds(entry.durationSec)}`);
  }
  lines.push(...file(entries[entries.length - 1]!.path));
  return lines.join('\n') + '\n';
}

/** Quoted per the concat demuxer's rules: single quotes, with `'` written as `'\''`. */
export function quoteConcatPath(path: string): string {
  return `'${path.replace(/'/g, "'\\''")}'`;
}

/** Microsecond precision: the demuxer works in AV_TIME_BASE units anyway. */
export function formatSeconds(seconds: number): string {
  return (Math.round(seconds * 1_000_000) / 1_000_000).toFixed(6);
}
