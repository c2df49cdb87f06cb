// The composed platform sweeps render scratch dirs under ORATOR_DATA_DIR/tmp that a dead process left.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startTestPlatform } from '../support/test-platform.js';

test('sweepScratch removes idle render dirs under the data dir and keeps fresh ones', async () => {
  const t = await startTestPlatform({ startWorkers: false, leaseMs: 5000 });
  try {
    const tmp = path.join(t.dataDir, 'tmp');
    const dead = path.join(tmp, 'render-video_dead-AbC123');
    const fresh = path.join(tmp, 'render-video_fresh-DeF456');
    for (const dir of [dead, fresh]) {
      fs.mkdirSync(path.join(dir, 'work'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'work', 'speech0.wav'), 'x');
    }
    const old = new Date(Date.now() - 60_000);
    for (const p of [path.join(dead, 'work', 'speech0.wav'), path.join(dead, 'work'), dead]) fs.utimesSync(p, old, old);
    assert.deepEqual(await t.platform.sweepScratch(), ['render-video_dead-AbC123']);
    assert.deepEqual(fs.readdirSync(tmp), ['render-video_fresh-DeF456']);
  } finally {
    await t.close();
  }
});
