// The embedded default (SQLite, local disk, SQL queue) must never load pg, ioredis, bullmq or the AWS SDK.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

it('composing the embedded default loads no scale-out client package', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-lazy-'));
  try {
    const script = fileURLToPath(new URL('../support/compose-embedded.ts', import.meta.url));
    const env = { ...process.env, ORATOR_DATABASE_URL: '', ORATOR_QUEUE_URL: '', ORATOR_STORAGE_URL: '' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, dir], { env, timeout: 60_000 });
    assert.match(stdout, /embedded ok/);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
});
