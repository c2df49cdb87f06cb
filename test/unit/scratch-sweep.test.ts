// Render temp files after a crash: the render job works inside ORATOR_DATA_DIR/tmp, and a worker
// start sweeps dirs that nobody alive is writing to.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { createRenderVideoHandler, type RenderVideoJobDeps } from '../../src/services/videos/render-video-job.js';
import { LocalScratchSpace } from '../../src/storage/local-scratch-space.js';

let root = '';
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-scratch-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function makeTree(dir: string, ageMs: number, now: number): Promise<void> {
  await fsp.mkdir(path.join(dir, 'work'), { recursive: true });
  await fsp.writeFile(path.join(dir, 'work', 'speech0.wav'), 'x');
  const when = new Date(now - ageMs);
  for (const p of [path.join(dir, 'work', 'speech0.wav'), path.join(dir, 'work'), dir]) await fsp.utimes(p, when, when);
}

test('sweepStale removes idle dirs of dead renders, keeps fresh ones and those this process holds', async () => {
  const tmp = path.join(root, 'tmp');
  const scratch = new LocalScratchSpace(tmp);
  const now = Date.now();
  await makeTree(path.join(tmp, 'render-crashed-abc123'), 120_000, now);
  await makeTree(path.join(tmp, 'render-other-process-def456'), 120_000, now);
  // Another process is still writing inside: the newest file decides, not the top dir's time.
  await fsp.writeFile(path.join(tmp, 'render-other-process-def456', 'work', 'frames.ffconcat'), 'x');
  await makeTree(path.join(tmp, 'render-just-died-ghi789'), 5_000, now);
  const held = await scratch.create('render-live');
  await makeTree(held, 120_000, now);

  const removed = await scratch.sweepStale(30_000, now);
  assert.deepEqual(removed, ['render-crashed-abc123']);
  assert.deepEqual(fs.readdirSync(tmp).sort(), [path.basename(held), 'render-just-died-ghi789', 'render-other-process-def456'].sort());

  // Later sweeps catch what was too fresh at start; removed dirs stop being held.
  assert.deepEqual(await scratch.sweepStale(30_000, now + 28_000), ['render-just-died-ghi789']);
  await scratch.remove(held);
  assert.deepEqual(await scratch.sweepStale(30_000, now + 28_000), []);
  assert.deepEqual(await scratch.sweepStale(30_000, now + 60_000), ['render-other-process-def456']);
  assert.deepEqual(await new LocalScratchSpace(path.join(root, 'missing')).sweepStale(1), []);
});

test('the render job renders inside the scratch space and removes it even when the render fails', async () => {
  const tmp = path.join(root, 'tmp');
  const scratch = new LocalScratchSpace(tmp);
  let seen: { outDir: string; workDir: string | undefined } | null = null;
  const deps = {
    uow: {}, blobs: {}, clock: { now: () => Date.now() }, scratch,
    videos: { findById: async () => ({ id: 'v1', deletedAt: null, status: 'waiting', plan: {} }), markProcessing: async () => true },
    engine: {
      render: async (_plan: unknown, outDir: string, options: { workDir?: string }) => {
        seen = { outDir, workDir: options.workDir };
        assert.ok(fs.existsSync(path.dirname(options.workDir!)));
        throw new Error('ffmpeg died');
      },
    },
  } as unknown as RenderVideoJobDeps;
  const handler = createRenderVideoHandler(deps);
  await assert.rejects(handler.run({ videoId: 'v1' }, { jobId: 'j1', owner: 'w', attempt: 1, signal: new AbortController().signal } as never), /ffmpeg died/);
  assert.ok(seen);
  const { workDir, outDir } = seen as { outDir: string; workDir: string };
  assert.ok(workDir.startsWith(path.join(tmp, 'render-v1-')), workDir);
  assert.ok(outDir.startsWith(path.join(tmp, 'render-v1-')), outDir);
  assert.deepEqual(fs.readdirSync(tmp), []);
});
