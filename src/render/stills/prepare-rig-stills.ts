// Converts the rig's RGBA PNG stills a track shows to uncompressed PAM once per render: the concat
// demuxer decodes a still at every mouth change (~8 per second), and PAM decodes as a plain copy where
// PNG inflates. Only the states the track uses are converted (a few of the 18 pairs go unused).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AvatarRig } from '../avatars/avatar-catalogue.js';
import type { Viseme } from '../visemes/viseme.js';

/** A still of the rig: its mouth shape and whether the eyes are closed. */
export interface RigState {
  viseme: Viseme;
  eyesClosed: boolean;
}

/** The PAM path of each state in `states` (converted once each), by `stateKey`. */
export type RigStillPaths = ReadonlyMap<string, string>;

export function stateKey(state: RigState): string {
  return `${state.viseme}-${state.eyesClosed ? 'closed' : 'open'}`;
}

export async function prepareRigStills(rig: AvatarRig, states: Iterable<RigState>, dir: string, prefix: string): Promise<RigStillPaths> {
  const wanted = new Map<string, RigState>();
  for (const s of states) wanted.set(stateKey(s), s);
  const paths = await Promise.all([...wanted].map(async ([key, s]) => {
    const pair = rig.stills[s.viseme];
    return [key, await convertToPam(s.eyesClosed ? pair.eyesClosed : pair.eyesOpen, join(dir, `${prefix}-${key}.pam`))] as const;
  }));
  return new Map(paths);
}

export async function convertToPam(pngPath: string, pamPath: string): Promise<string> {
  const { data, info } = await sharp(pngPath).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  await writeFile(pamPath, Buffer.concat([pamHeader(info.width, info.height), data]));
  return pamPath;
}

export function pamHeader(width: number, height: number): Buffer {
  return Buffer.from(`P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`, 'ascii');
}
