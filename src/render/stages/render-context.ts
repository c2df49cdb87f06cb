// What every render stage is handed: the plan, where it may write, the caller's options and the
// engines behind RenderDeps. Stages take this plus the typed outputs of the stages before them.
import { OratorError } from '../../domain/errors.js';
import type { MediaFetcher, OutputFormat, RenderPlan, RenderProgress } from '../../domain/render-plan.js';
import { redactPaths } from '../../domain/redact-paths.js';
import type { RenderDeps } from '../render-deps.js';
import { ToolError } from '../run-program.js';

export interface RenderOptions {
  fetcher: MediaFetcher;
  /** Long-lived cache for avatar rigs and previews (inside ORATOR_DATA_DIR). */
  cacheDir: string;
  /** Scratch space for this render; removed when the render ends, success or not. */
  workDir?: string;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal;
}

export interface RenderContext {
  plan: RenderPlan;
  /** The container the video ends up in (see effectiveFormat). */
  format: OutputFormat;
  /** This render's scratch dir, removed when the render ends. */
  workDir: string;
  options: RenderOptions;
  deps: RenderDeps;
  report(percent: number, stage: string): void;
  /** Media this render has fetched, by URL or path: stages needing the same clip share one download. */
  localCopies: Map<string, Promise<string>>;
}

/** The container a plan ends up in: transparent backgrounds need alpha, which MP4/H.264 cannot carry. */
export function effectiveFormat(plan: RenderPlan): OutputFormat {
  const transparent = plan.scenes.some((s) => s.background.type === 'transparent');
  return transparent && plan.format === 'mp4' ? 'webm' : plan.format;
}

/** A tool failing inside a stage is reported as the render failing while doing that stage. */
export async function runStep<T>(stage: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ToolError) {
      throw new OratorError('render_failed', `Video rendering failed while ${stage}`, { detail: redactPaths(error.stderrTail), cause: error });
    }
    throw error;
  }
}
