// The render engine reads files and URLs only. Media kept in the blob store (uploaded talking photos
// and assets: photos, audio, background images and videos) are copied into the render's work dir
// first, and the plan handed to the engine points at the copies, each labelled with the client's name
// for it (messages name that, never the copy's path). Each blob is copied once per render.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { OratorError } from '../../domain/errors.js';
import type { MediaSource, RenderPlan, ScenePlan, StoredMedia } from '../../domain/render-plan.js';
import type { BlobStore } from '../ports.js';

const isStored = (media: MediaSource | StoredMedia): media is StoredMedia => 'blobKey' in media;

export async function resolveStoredMedia(plan: RenderPlan, blobs: BlobStore, dir: string): Promise<RenderPlan> {
  const copies = new Map<string, Promise<string>>();
  const local = async (media: StoredMedia, param: string): Promise<{ path: string; label: string }> => {
    let copy = copies.get(media.blobKey);
    if (!copy) {
      copy = copyBlob(blobs, media.blobKey, path.join(dir, `stored-${copies.size}${path.extname(media.blobKey)}`), param);
      copy.catch(() => undefined); // awaited below; a second use must not leave it unhandled
      copies.set(media.blobKey, copy);
    }
    return { path: await copy, label: media.label ?? clientLabel(media.blobKey, param) };
  };
  // Rows stored before stored media (and test doubles) may carry partial plans: nothing to resolve there.
  const scenes = await Promise.all(
    (plan.scenes ?? []).map(async (scene, i): Promise<ScenePlan> => {
      const at = `video_inputs[${i}]`;
      let { character, voice, background } = scene;
      if (character?.type === 'photo' && isStored(character.image)) {
        character = { ...character, image: await local(character.image, `${at}.character.talking_photo_id`) };
      }
      if (voice.type === 'audio' && isStored(voice.source)) {
        voice = { ...voice, source: await local(voice.source, `${at}.voice.audio_asset_id`) };
      }
      if ((background.type === 'image' || background.type === 'video') && isStored(background.source)) {
        background = { ...background, source: await local(background.source, `${at}.background.${background.type}_asset_id`) };
      }
      if (background.type === 'layers' && background.layers.some((l) => l.type === 'image' && isStored(l.source))) {
        const layers = await Promise.all(background.layers.map(async (l, j) => (l.type === 'image' && isStored(l.source) ? { ...l, source: await local(l.source, `variables.layers[${j}].asset_id`) } : l)));
        background = { ...background, layers };
      }
      const timedLayers = scene.timedLayers && (await Promise.all(scene.timedLayers.map(async (t, j) => {
        const c = t.content;
        if ((c.type === 'image' || c.type === 'video') && isStored(c.source)) return { ...t, content: { ...c, source: await local(c.source, `${at}.timed_layers[${j}].asset_id`) } };
        return t;
      })));
      const audioLayers = scene.audioLayers && (await Promise.all(scene.audioLayers.map(async (a, j) =>
        (isStored(a.source) ? { ...a, source: await local(a.source, `${at}.audio_layers[${j}].asset_id`) } : a))));
      return { ...scene, character, voice, background, ...(timedLayers ? { timedLayers } : {}), ...(audioLayers ? { audioLayers } : {}) };
    }),
  );
  const watermark = plan.watermark && isStored(plan.watermark.source)
    ? { ...plan.watermark, source: await local(plan.watermark.source, 'watermark.image.asset_id') }
    : plan.watermark;
  // Nothing stored (the common case): the plan exactly as it was.
  if (copies.size === 0) return plan;
  return { ...plan, scenes, ...(watermark ? { watermark } : {}) };
}

/**
 * The client's name for a stored file, for failure messages: plans stored before labels were carried
 * have only the key, whose file name is the asset or photo id (assets/<space>/<id>.<ext>).
 */
function clientLabel(blobKey: string, param: string): string {
  const id = path.posix.basename(blobKey, path.posix.extname(blobKey));
  return param.endsWith('talking_photo_id') ? `talking photo ${id}` : `asset ${id}`;
}

async function copyBlob(blobs: BlobStore, key: string, dest: string, param: string): Promise<string> {
  if (!(await blobs.exists(key))) {
    throw new OratorError('asset_not_found', 'The uploaded file is no longer stored (it was deleted after the video was requested)', { param });
  }
  await mkdir(path.dirname(dest), { recursive: true });
  await pipeline(await blobs.getStream(key), createWriteStream(dest));
  return dest;
}
