// POST /v2/video/generate: validate synchronously, then store the video and its render job in one
// transaction. No file I/O here: the answer must be fast (the worker does the rest).
import { newVideoId } from '../domain/ids.js';
import { buildRenderPlan } from './build-render-plan.js';
import type { GenerateVideoInput } from './generate-video-input.js';
import type { Clock, RenderEngine, UnitOfWork } from './ports.js';

export interface CreateVideoDeps {
  uow: UnitOfWork;
  engine: RenderEngine;
  clock: Clock;
  renderMaxAttempts: number;
}

export async function createVideo(deps: CreateVideoDeps, spaceId: string, input: GenerateVideoInput): Promise<{ video_id: string }> {
  const plan = buildRenderPlan(input, deps.engine);
  const id = newVideoId();
  await deps.uow.transaction(async (tx) => {
    await tx.videos.insert({
      id,
      spaceId,
      title: input.title ?? null,
      callbackId: input.callback_id ?? null,
      callbackUrl: input.callback_url ?? null,
      folderId: input.folder_id ?? null,
      plan,
      request: input,
      width: plan.width,
      height: plan.height,
      createdAt: deps.clock.now(),
    });
    await tx.jobs.enqueue({ kind: 'render_video', payload: { videoId: id }, spaceId, maxAttempts: deps.renderMaxAttempts });
  });
  return { video_id: id };
}
