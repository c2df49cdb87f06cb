// POST /v2/video/generate: validate synchronously, then store the video and its render job in one
// transaction. No file I/O here: the answer must be fast (the worker does the rest).
import { newVideoId } from '../../domain/ids.js';
import type { RenderPlan } from '../../domain/render-plan.js';
import { buildRenderPlan } from './build-render-plan.js';
import type { RefusedUrlHost, ResolvedAssets } from './plan-parts.js';
import type { GenerateVideoInput } from './generate-video-input.js';
import type { PhotoLookup, ResolvedPhoto } from '../avatars/photo-lookup.js';
import type { AssetLookup, AssetRecord } from '../assets/asset-ports.js';
import type { Clock, RenderEngine, UnitOfWork } from '../ports.js';

export interface CreateVideoDeps {
  uow: UnitOfWork;
  engine: RenderEngine;
  clock: Clock;
  renderMaxAttempts: number;
  /** Request-time refusal of URL hosts the SSRF guard would refuse anyway (a literal private address is a 400). */
  refusedUrlHost: RefusedUrlHost;
}

/** What a video row carries besides its plan; shared by every API version's create call. */
export interface NewVideoMeta {
  title: string | null;
  callbackId: string | null;
  callbackUrl: string | null;
  folderId: string | null;
  /** The request body as received. */
  request: unknown;
}

/** Stores a validated plan and enqueues its render in one transaction. */
export async function storeVideo(deps: CreateVideoDeps, spaceId: string, plan: RenderPlan, meta: NewVideoMeta): Promise<{ video_id: string }> {
  const id = newVideoId();
  await deps.uow.transaction(async (tx) => {
    await tx.videos.insert({
      id,
      spaceId,
      ...meta,
      plan,
      width: plan.width,
      height: plan.height,
      createdAt: deps.clock.now(),
    });
    await tx.jobs.enqueue({ kind: 'render_video', payload: { videoId: id }, spaceId, maxAttempts: deps.renderMaxAttempts });
  });
  return { video_id: id };
}

export async function createVideoV2(deps: CreateVideoDeps & { photos?: PhotoLookup; assets?: AssetLookup }, spaceId: string, input: GenerateVideoInput): Promise<{ video_id: string }> {
  // Talking photos and uploaded assets live in storage: looked up first, so the plan builder stays pure.
  const photos = new Map<string, ResolvedPhoto>();
  for (const scene of input.video_inputs) {
    const id = scene.character?.type === 'talking_photo' ? scene.character.talking_photo_id : undefined;
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

/**
 * The named assets of this space, each looked up once; unknown ids are simply absent (the plan
 * builder answers them with HeyGen's asset error naming the field).
 */
export async function lookUpAssets(lookup: AssetLookup | undefined, spaceId: string, ids: readonly (string | null | undefined)[]): Promise<ResolvedAssets> {
  const assets = new Map<string, Pick<AssetRecord, 'fileType' | 'blobKey'>>();
  if (!lookup) return assets;
  for (const id of new Set(ids)) {
    if (!id) continue;
    const asset = await lookup.findAsset(spaceId, id);
    if (asset) assets.set(id, asset);
  }
  return assets;
}
