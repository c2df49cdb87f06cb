// Re-rendering an Orator plan with new speech (translations and lip-syncs of Orator's own renders): stored
// media copied next to the render, the engine's progress mapped into the job's stage, and the new sound kept
// beside the video (the translation's `audio_url`).
import path from 'node:path';
import type { RenderPlan, RenderResult } from '../../domain/render-plan.js';
import type { BlobStore, RenderEngine } from '../ports.js';
import { resolveStoredMedia } from '../videos/resolve-stored-media.js';
import type { PipelineContext } from './translation-pipeline.js';

const AUDIO_EXTENSION = { mp4: 'm4a', mov: 'm4a', webm: 'ogg' } as const;

export interface RerenderDeps {
  engine: Pick<RenderEngine, 'render' | 'extractAudio'>;
  blobs: BlobStore;
}

/** Renders `plan` while the job's progress runs from `from` to `from + span` percent; returns the render and its sound. */
export async function rerenderPlan(ctx: PipelineContext, deps: RerenderDeps, plan: RenderPlan, progress: { from: number; span: number }): Promise<{ result: RenderResult; audio: string }> {
  await ctx.stage('rendering', progress.from);
  const local = await resolveStoredMedia(plan, deps.blobs, path.join(ctx.workDir, 'media'));
  const result = await deps.engine.render(local, path.join(ctx.workDir, 'out'), {
    workDir: path.join(ctx.workDir, 'render'),
    signal: ctx.signal,
    onProgress: (p) => void ctx.stage('rendering', progress.from + Math.round(p.percent * progress.span)),
  });
  const audio = path.join(ctx.workDir, `audio.${AUDIO_EXTENSION[plan.format]}`);
  await deps.engine.extractAudio(result.video, audio);
  return { result, audio };
}
