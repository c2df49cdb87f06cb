// Scratch directories for renders under ORATOR_DATA_DIR/tmp, removed when the render ends.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ScratchSpace } from '../services/ports.js';

export class LocalScratchSpace implements ScratchSpace {
  constructor(private readonly root: string) {}

  async create(label: string): Promise<string> {
    await fsp.mkdir(this.root, { recursive: true });
    return fsp.mkdtemp(path.join(this.root, `${label.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
  }

  async remove(dir: string): Promise<void> {
    if (!path.resolve(dir).startsWith(path.resolve(this.root) + path.sep)) throw new Error(`refusing to remove ${dir}`);
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
