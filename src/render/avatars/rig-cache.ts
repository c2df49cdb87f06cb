// The on-disk form every rig shares, stock or photo: 18 PNG stills and a `rig.json` manifest in one
// directory per (source, style, height, format), published atomically like every cache entry
// (cache/publish-dir.ts): concurrent builders never see half a rig; the loser keeps the winner's copy.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publishDirAtomically } from '../cache/publish-dir.js';
import { VISEMES, type Viseme } from '../visemes/viseme.js';
import type { AvatarRig } from './avatar-catalogue.js';

/** What every manifest carries; each kind of rig adds what it needs to rebuild its AvatarRig. */
export interface RigManifestBase {
  format: string;
  style: AvatarRig['style'];
  width: number;
  height: number;
  mouthBox: AvatarRig['mouthBox'];
  headBox: AvatarRig['headBox'];
}

export function rigStillName(viseme: Viseme, eyesOpen: boolean): string {
  return `${viseme}_${eyesOpen ? 'open' : 'closed'}.png`;
}

export function rigStills(dir: string): AvatarRig['stills'] {
  const stills = {} as AvatarRig['stills'];
  for (const v of VISEMES) stills[v] = { eyesOpen: join(dir, rigStillName(v, true)), eyesClosed: join(dir, rigStillName(v, false)) };
  return stills;
}

/** The cached manifest in `dir`, or null when absent, unreadable or of another format. */
export async function readRigManifest<M extends RigManifestBase>(dir: string, format: string): Promise<M | null> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'rig.json'), 'utf8')) as M;
    return manifest.format === format ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * Runs `writeStills(tmp)` in a fresh temp dir beside `dir`, then publishes it with its manifest.
 * Returns the manifest that ended up in `dir` (ours, or an identical one another builder published first).
 */
export async function buildRigAtomically<M extends RigManifestBase>(dir: string, parent: string, writeStills: (tmp: string) => Promise<M>): Promise<M> {
  let manifest: M | undefined;
  let winner: M | null = null;
  const ours = await publishDirAtomically(dir, parent, async (tmp) => {
    manifest = await writeStills(tmp);
    await writeFile(join(tmp, 'rig.json'), JSON.stringify(manifest, null, 2));
  }, async () => (winner = await readRigManifest<M>(dir, manifest!.format)) !== null);
  return ours ? manifest! : winner!;
}
