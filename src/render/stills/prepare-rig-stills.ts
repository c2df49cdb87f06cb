// Converts a rig's 18 RGBA PNG stills to uncompressed PAM once per render: the concat demuxer decodes
// a still at every mouth change (~8 per second), and PAM decodes as a plain copy where PNG inflates.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AvatarRig } from '../avatars/avatar-catalogue.js';
import { VISEMES, type Viseme } from '../visemes/viseme.js';

export type RigStillPaths = Record<Viseme, { eyesOpen: string; eyesClosed: string }>;

export async function prepareRigStills(rig: AvatarRig, dir: string, prefix: string): Promise<RigStillPaths> {
  const out = {} as RigStillPaths;
  await Promise.all(
    VISEMES.map(async (viseme) => {
      const pair = rig.stills[viseme];
      const [eyesOpen, eyesClosed] = await Promise.all([
        convertToPam(pair.eyesOpen, join(dir, `${prefix}-${viseme}-open.pam`)),
        convertToPam(pair.eyesClosed, join(dir, `${prefix}-${viseme}-closed.pam`)),
      ]);
      out[viseme] = { eyesOpen, eyesClosed };
    }),
  );
  return out;
}

export async function convertToPam(pngPath: string, pamPath: string): Promise<string> {
  const { data, info } = await sharp(pngPath).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  await writeFile(pamPath, Buffer.concat([pamHeader(info.width, info.height), data]));
  return pamPath;
}

export function pamHeader(width: number, height: number): Buffer {
  return Buffer.from(`P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`, 'ascii');
}
