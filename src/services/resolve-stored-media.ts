// The render engine reads files and URLs only. Photos kept in the blob store (uploaded talking photos)
// are copied into the render's work dir first, and the plan handed to the engine points at the copies.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { OratorError } from '../domain/errors.js';
import type { RenderPlan } from '../render/plan.js';
import type { BlobStore } from './ports.js';

export async function resolveStoredMedia(plan: RenderPlan, blobs: BlobStore, dir: string): Promise<RenderPlan> {
  // Rows stored before photo avatars (and test doubles) may carry partial plans: nothing to resolve there.
  if (!(plan.scenes ?? []).some((s) => s.character?.type === 'photo' && 'blobKey' in s.character.image)) return plan;
  await mkdir(dir, { recursive: true });
  const copies = new Map<string, Promise<string>>();
  const scenes = await Promise.all(
    plan.scenes.map(async (scene, i) => {
      const c = scene.character;
      if (c?.type !== 'photo' || !('blobKey' in c.image)) return scene;
      const key = c.image.blobKey;
      let copy = copies.get(key);
      if (!copy) {
        copy = copyBlob(blobs, key, path.join(dir, `photo-${copies.size}${path.extname(key)}`), i);
        copies.set(key, copy);
      }
      return { ...scene, character: { ...c, image: { path: await copy } } };
    }),
  );
  return { ...plan, scenes };
}

async function copyBlob(blobs: BlobStore, key: string, dest: string, scene: number): Promise<string> {
  if (!(await blobs.exists(key))) {
    throw new OratorError('asset_not_found', 'The talking photo is no longer stored', { param: `video_inputs[${scene}].character.talking_photo_id` });
  }
  await pipeline(await blobs.getStream(key), createWriteStream(dest));
  return dest;
}
