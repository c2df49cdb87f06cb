// The bar `video create --wait` draws on stderr while the server renders: redrawn in place on a terminal;
// elsewhere (CI logs, a pipe) a line only when the status changes or progress passes another quarter.
import type { WaitProgress } from '../../client/index.js';

const WIDTH = 30;

export function renderBar(p: Pick<WaitProgress, 'status' | 'progress' | 'elapsedMs'>): string {
  const seconds = `${Math.round(p.elapsedMs / 1000)} s`;
  if (p.progress === null) return `${p.status.padEnd(10)} ${seconds}`;
  const filled = Math.round((p.progress / 100) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(p.progress).padStart(3)}%  ${p.status.padEnd(10)} ${seconds}`;
}

export interface ProgressReporter {
  update(p: WaitProgress): void;
  /** Ends the bar's line (a terminal's cursor is left after it). */
  finish(): void;
}

export function createProgressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string): ProgressReporter {
  let last: { status: string; quarter: number } | undefined;
  let drawn = false;
  return {
    update(p) {
      if (stream.isTTY) {
        stream.write(`\r${label} ${renderBar(p)}\x1b[K`);
        drawn = true;
        return;
      }
      const quarter = p.progress === null ? -1 : Math.floor(p.progress / 25);
      if (last && last.status === p.status && last.quarter === quarter) return;
      last = { status: p.status, quarter };
      stream.write(`${label} ${renderBar(p)}\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
