// The one way anything is written into the long-lived cache dir (avatar rigs, layer rasters, speech):
// built in a private temp dir beside its final place and renamed into place, so readers in any
// process see a whole entry or none, and of two builders racing for one entry the loser keeps the
// winner's identical copy. Temp dirs start with `.tmp-` so a sweep can tell them from entries.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const TEMP_PREFIX = '.tmp-';

/**
 * Runs `write(tmp)` in a fresh temp dir inside `parent`, then renames it to `dir` (which must be in
 * `parent`). Returns true when ours was published, false when another builder's entry was already
 * there and `winnerIsComplete` says it is usable (ours is then discarded). Throws what `write` throws,
 * or the rename's error when `dir` holds something unusable; the temp dir is removed either way.
 */
export async function publishDirAtomically(dir: string, parent: string, write: (tmp: string) => Promise<void>, winnerIsComplete: () => Promise<boolean>): Promise<boolean> {
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp);
  try {
    await write(tmp);
    try {
      await rename(tmp, dir);
      return true;
    } catch (err) {
      if (!(await winnerIsComplete())) throw err;
      await rm(tmp, { recursive: true, force: true });
      return false;
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
