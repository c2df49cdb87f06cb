// The check every rig builder's test starts with: each still (eyes open and closed, per viseme) is an
// RGBA picture of the rig's own size.
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { AvatarRig } from '../../src/render/avatars/avatar-catalogue.js';
import { VISEMES } from '../../src/render/visemes/viseme.js';

/** Asserts the size and channels of every still of `rig`; returns their paths, 18 of them. */
export async function assertRigStills(rig: AvatarRig): Promise<string[]> {
  const paths: string[] = [];
  for (const v of VISEMES) {
    for (const path of [rig.stills[v].eyesOpen, rig.stills[v].eyesClosed]) {
      const meta = await sharp(path).metadata();
      assert.equal(meta.width, rig.width);
      assert.equal(meta.height, rig.height);
      assert.equal(meta.channels, 4);
      paths.push(path);
    }
  }
  return paths;
}
