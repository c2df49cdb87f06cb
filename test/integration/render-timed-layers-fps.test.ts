// A timed layer lands on the exact frames of its span at 30 and 60 fps too: its still arrives with a
// 1/25 s time base, and timestamps rounded to it put layers a frame early or late.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { runRenderPipeline } from '../../src/render/render-video.js';
import { fakeRenderDeps } from '../support/fake-render-deps.js';

const run = promisify(execFile);

/** The red channel of the frame's centre pixel, for every frame of the fps grid (a stored picture holds until the next). */
async function centreReds(video: string, width: number, height: number, fps: number): Promise<number[]> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', video, '-vf', `fps=${fps},crop=2:2:${width / 2 - 1}:${height / 2 - 1}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
  const reds: number[] = [];
  for (let i = 0; i < stdout.length; i += 12) reds.push(stdout[i]!);
  return reds;
}

for (const fps of [30, 60]) {
  test(`at ${fps} fps a layer from 1 s to 2 s is on exactly frames ${fps}..${2 * fps - 1}`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'orator-layer-fps-'));
    try {
      const plan: RenderPlan = {
        width: 320, height: 180, fps, seed: 1, format: 'mp4', burnCaptions: false,
        scenes: [{
          character: null, voice: { type: 'silence', durationSec: 3 }, background: { type: 'color', color: '#000000' },
          timedLayers: [{ content: { type: 'shape', box: { x: 0.25, y: 0.25, width: 0.5, height: 0.5 }, color: '#FF0000' }, start: 1, end: 2, entrance: 'none', exit: 'none', overCharacter: false }],
        }],
      };
      const noFetch = { fetchToFile: async () => { throw new Error('no fetches here'); } };
      const result = await runRenderPipeline(plan, join(root, 'out'), { fetcher: noFetch, cacheDir: join(root, 'cache') }, fakeRenderDeps(join(root, 'rigs')));
      const reds = await centreReds(result.video, 320, 180, fps);
      assert.equal(reds.length, 3 * fps);
      const on = reds.flatMap((r, i) => (r > 128 ? [i] : []));
      assert.deepEqual([on[0], on.at(-1), on.length], [fps, 2 * fps - 1, fps], `frames with the layer: ${on.join(',')}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}
