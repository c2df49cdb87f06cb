// What every create route (v2 generate, v3, the flat v2 body) ends with: the named assets looked up,
// then the video row and its render job stored in one transaction.
import { newVideoId } from '../../domain/ids.js';
import type { RenderPlan } from '../../domain/render-plan.js';
import type { AssetLookup, AssetRecord } from '../assets/asset-ports.js';
import type { Clock, RenderEngine, UnitOfWork } from '../ports.js';
import type { RefusedUrlHost, ResolvedAssets } from './plan-parts.js';

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
