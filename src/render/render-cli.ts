// PLACEHOLDER — the render engineer replaces this file with the real `orator render plan.json out/`.
// It exists so `orator render` has something to call until then.
import fs from 'node:fs';
import path from 'node:path';
import type { RenderPlan } from './plan.js';
import { renderVideo } from './render-video.js';

export async function runRenderCommand(args: string[]): Promise<number> {
  const [planPath, outDir] = args;
  if (!planPath || !outDir) {
    process.stderr.write('usage: orator render <plan.json> <out-dir>\n');
    return 2;
  }
  const plan = JSON.parse(fs.readFileSync(planPath, 'utf8')) as RenderPlan;
  const fetcher = { fetchToFile: async (url: string) => Promise.reject(new Error(`no fetcher in placeholder render command: ${url}`)) };
  const result = await renderVideo(plan, outDir, { fetcher, cacheDir: path.resolve('data/cache') });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
