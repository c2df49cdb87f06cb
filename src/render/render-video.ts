// The render engine's entry points: validate a plan, render it. The pipeline itself lives in
// compose/render-pipeline.ts; this file wires it to the real speech, viseme and avatar modules.
import type { MediaFetcher, RenderPlan, RenderProgress, RenderResult } from '../domain/render-plan.js';
import { runRenderPipeline } from './compose/render-pipeline.js';
import { validateRenderPlanWith } from './compose/validate-render-plan.js';
import { realRenderDeps } from './compose/real-render-deps.js';

export interface RenderOptions {
  fetcher: MediaFetcher;
  /** Long-lived cache for avatar rigs and previews (inside ORATOR_DATA_DIR). */
  cacheDir: string;
  /** Scratch space for this render; removed when the render ends, success or not. */
  workDir?: string;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal;
}

/** Checks a plan before it is accepted (dimensions, scene count, avatar and voice ids). Throws OratorError. */
export function validateRenderPlan(plan: RenderPlan): void {
  validateRenderPlanWith(plan, realRenderDeps());
}

/** Renders `plan` into `outDir` and returns the files it wrote (absolute paths). */
export async function renderVideo(plan: RenderPlan, outDir: string, options: RenderOptions): Promise<RenderResult> {
  return runRenderPipeline(plan, outDir, options, realRenderDeps());
}
