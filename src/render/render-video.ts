// STUB (contract only) — replaced by the compose/pipeline work.
import type { MediaFetcher, RenderPlan, RenderProgress, RenderResult } from './plan.js';
import { OratorError } from '../domain/errors.js';

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
export function validateRenderPlan(_plan: RenderPlan): void {}

/** Renders `plan` into `outDir` and returns the files it wrote. */
export async function renderVideo(_plan: RenderPlan, _outDir: string, _options: RenderOptions): Promise<RenderResult> {
  throw new OratorError('render_failed', 'render engine not built yet');
}
