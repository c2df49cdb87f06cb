// POST /v2/video/generate: look up the named photos and assets, build the plan (pure), then store the
// video and its render job in one transaction. No file I/O here: the answer must be fast (the worker does the rest).
import { buildRenderPlan } from './build-render-plan.js';
import { lookUpAssets, storeVideo, type CreateVideoDeps } from './store-video.js';
import type { GenerateVideoInput } from './generate-video-input.js';
import type { PhotoLookup, ResolvedPhoto } from '../avatars/photo-lookup.js';
import type { AssetLookup } from '../assets/asset-ports.js';

export async function createVideoV2(deps: CreateVideoDeps & { photos?: PhotoLookup; assets?: AssetLookup }, spaceId: string, input: GenerateVideoInput): Promise<{ video_id: string }> {
  // Talking photos and uploaded assets live in storage: looked up first, so the plan builder stays pure.
  const photos = new Map<string, ResolvedPhoto>();
  for (const scene of input.video_inputs) {
    const c = scene.character;
    const id = c?.type === 'talking_photo' ? c.talking_photo_id : c?.type === 'photo_avatar' ? c.photo_avatar_id : undefined;
    if (!id || photos.has(id) || !deps.photos) continue;
    const photo = await deps.photos.findPhoto(spaceId, id);
    if (photo) photos.set(id, photo);
  }
  const assets = await lookUpAssets(deps.assets, spaceId, input.video_inputs.flatMap(assetIdsOf));
  const plan = buildRenderPlan(input, deps.engine, deps.refusedUrlHost, photos, assets);
  return storeVideo(deps, spaceId, plan, {
    title: input.title ?? null,
    callbackId: input.callback_id ?? null,
    callbackUrl: input.callback_url ?? null,
    folderId: input.folder_id ?? null,
    request: input,
  });
}

/** Asset ids a v2 scene names (voice audio, image or video background). */
function assetIdsOf(scene: GenerateVideoInput['video_inputs'][number]): string[] {
  const ids: string[] = [];
  if (scene.voice.type === 'audio' && scene.voice.audio_asset_id) ids.push(scene.voice.audio_asset_id);
  const b = scene.background;
  if (b?.type === 'image' && b.image_asset_id) ids.push(b.image_asset_id);
  if (b?.type === 'video' && b.video_asset_id) ids.push(b.video_asset_id);
  return ids;
}
