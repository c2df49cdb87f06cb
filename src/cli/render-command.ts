// `orator render plan.json out/`: renders a plan file without the server. Prints the RenderResult as
// JSON on stdout and progress on stderr; exit 0 on success, 1 on a render error, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isOratorError, OratorError } from '../domain/errors.js';
import { normalizeRenderPlan } from '../render/normalize-render-plan.js';
import type { MediaFetcher } from '../domain/render-plan.js';
import { renderVideo } from '../render/render-video.js';

const USAGE = 'usage: orator render <plan.json> <out-dir> [--cache-dir DIR] [--quiet]';

export async function runRenderCommand(args: string[]): Promise<number> {
  const rest = args[0] === 'render' ? args.slice(1) : [...args];
  const quiet = takeFlag(rest, '--quiet');
  const cacheDir = takeOption(rest, '--cache-dir') ?? join(process.env.ORATOR_DATA_DIR ?? './data', 'cache');
  if (rest.length !== 2 || rest.some((a) => a.startsWith('--'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [planPath, outDir] = rest as [string, string];
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(planPath, 'utf8'));
    } catch (error) {
      throw new OratorError('invalid_json', `Could not read plan ${planPath}: ${(error as Error).message}`);
    }
    const plan = normalizeRenderPlan(json);
    let lastPercent = -1;
    const result = await renderVideo(plan, resolve(outDir), {
      fetcher: await cliFetcher(),
      cacheDir: resolve(cacheDir),
      signal: controller.signal,
      onProgress: ({ percent, stage }) => {
        if (quiet || percent === lastPercent) return;
        lastPercent = percent;
        process.stderr.write(`render ${String(percent).padStart(3)}% ${stage}\n`);
      },
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const body = isOratorError(error)
      ? { error: { code: error.kind, message: error.message, ...(error.param ? { param: error.param } : {}), ...(error.detail ? { detail: error.detail } : {}) } }
      : { error: { code: 'internal_error', message: (error as Error).message } };
    process.stderr.write(`${JSON.stringify(body)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The SSRF-guarded fetcher, loaded only when a plan is rendered (it pulls in undici). */
async function cliFetcher(): Promise<MediaFetcher> {
  const { GuardedFetcher } = await import('../net/guarded-fetcher.js');
  return new GuardedFetcher({ allowPrivate: process.env.ORATOR_ALLOW_PRIVATE_URLS === '1' });
}

function takeFlag(args: string[], flag: string): boolean {
  const i = args.indexOf(flag);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}
