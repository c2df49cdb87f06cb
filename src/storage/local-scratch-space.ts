// Scratch directories for renders under ORATOR_DATA_DIR/tmp, removed when the render ends. A process
// that dies mid-render cannot remove its directory, so workers sweep idle ones at start and then
// periodically (a crashed render's dir is often too fresh at the immediate restart).
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ScratchSpace } from '../services/ports.js';

export class LocalScratchSpace implements ScratchSpace {
  /** Dirs this process created and has not removed: never swept, however idle they look. */
  private readonly live = new Set<string>();

  constructor(private readonly root: string) {}

  async create(label: string): Promise<string> {
    await fsp.mkdir(this.root, { recursive: true });
    const dir = await fsp.mkdtemp(path.join(this.root, `${label.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
    this.live.add(path.resolve(dir));
    return dir;
  }

  async remove(dir: string): Promise<void> {
    if (!path.resolve(dir).startsWith(path.resolve(this.root) + path.sep)) throw new Error(`refusing to remove ${dir}`);
    try {
      await fsp.rm(dir, { recursive: true, force: true });
    } finally {
      this.live.delete(path.resolve(dir));
    }
  }

  /**
   * Removes scratch dirs left behind by dead processes: not held here, and nothing inside written
   * for `maxIdleMs` (a render in another live process sharing the data dir keeps writing its files).
   * Returns the names removed.
   */
  async sweepStale(maxIdleMs: number, now = Date.now()): Promise<string[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.root);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      const dir = path.resolve(this.root, name);
      if (this.live.has(dir)) continue;
      const newest = await newestMtimeMs(dir);
      if (newest === null || now - newest < maxIdleMs) continue;
      await fsp.rm(dir, { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }
}

/** The latest modification time in a tree (null when it vanished meanwhile). */
async function newestMtimeMs(target: string): Promise<number | null> {
  let stat;
  try {
    stat = await fsp.lstat(target);
  } catch {
    return null;
  }
  let newest = stat.mtimeMs;
  if (!stat.isDirectory()) return newest;
  let entries: string[] = [];
  try {
    entries = await fsp.readdir(target);
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const inner = await newestMtimeMs(path.join(target, entry));
    if (inner !== null && inner > newest) newest = inner;
  }
  return newest;
}
