// The render cache on its own: hits replay the built files and value, keys decide (in any field order),
// concurrent builders in one process and in two processes leave whole entries and no temp dirs, a
// damaged or half-swept entry is a miss, and the sweep keeps the most recently used within its limits.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { cacheKeyHash, renderCacheRoot, withRenderCache } from '../../src/render/cache/render-cache.js';
import { sweepRenderCache } from '../../src/render/cache/sweep-render-cache.js';

const run = promisify(execFile);
const root = await mkdtemp(join(tmpdir(), 'orator-render-cache-'));
after(() => rm(root, { recursive: true, force: true }));

let dirs = 0;
async function freshDir(): Promise<string> {
  const dir = join(root, `d${dirs++}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A cached work that writes `bytes` to `out` and counts its builds. */
function work(key: unknown, out: string, bytes: string, builds: { n: number }) {
  return {
    kind: 'test-kind', key, files: { 'out.bin': out },
    build: async () => {
      builds.n++;
      await writeFile(out, bytes);
      return { wrote: bytes };
    },
  };
}

/** Every directory under the cache's kind folder: entries and any temp dirs. */
async function entryDirs(cacheDir: string, kind = 'test-kind'): Promise<string[]> {
  const base = join(renderCacheRoot(cacheDir), kind);
  if (!existsSync(base)) return [];
  const out: string[] = [];
  for (const shard of await readdir(base)) for (const name of await readdir(join(base, shard))) out.push(name);
  return out;
}

test('a hit replays the files and value the build made; another key builds again', async () => {
  const cache = await freshDir();
  const builds = { n: 0 };
  const first = join(await freshDir(), 'a.bin');
  assert.deepEqual(await withRenderCache(cache, work({ text: 'hello', size: 3 }, first, 'HELLO', builds)), { wrote: 'HELLO' });
  const second = join(await freshDir(), 'b.bin');
  // Same key, fields listed in another order: a hit, although this build would write other bytes.
  assert.deepEqual(await withRenderCache(cache, work({ size: 3, text: 'hello' }, second, 'OTHER', builds)), { wrote: 'HELLO' });
  assert.equal(builds.n, 1);
  assert.equal(await readFile(second, 'utf8'), 'HELLO');
  const third = join(await freshDir(), 'c.bin');
  await withRenderCache(cache, work({ text: 'hello', size: 4 }, third, 'BIGGER', builds));
  assert.equal(builds.n, 2);
  assert.equal(await readFile(third, 'utf8'), 'BIGGER');
  assert.equal((await entryDirs(cache)).length, 2);
});

test('no cache dir: always built; a build that fails stores nothing', async () => {
  const builds = { n: 0 };
  const out = join(await freshDir(), 'x.bin');
  await withRenderCache(undefined, work('k', out, 'one', builds));
  await withRenderCache(undefined, work('k', out, 'two', builds));
  assert.equal(builds.n, 2);
  const cache = await freshDir();
  await assert.rejects(withRenderCache(cache, { kind: 'test-kind', key: 'fails', files: { 'out.bin': out }, build: async () => { throw new Error('drawing failed'); } }), /drawing failed/);
  assert.deepEqual(await entryDirs(cache), []);
});

test('a build that writes no file (a layer with nothing to show) replays its value and writes nothing', async () => {
  const cache = await freshDir();
  const dir = await freshDir();
  const make = (name: string) => ({ kind: 'test-kind', key: 'empty text', files: { 'out.bin': join(dir, name) }, build: async () => null });
  assert.equal(await withRenderCache(cache, make('first.bin')), null);
  assert.equal(await withRenderCache(cache, { ...make('second.bin'), build: async () => assert.fail('should be a hit') }), null);
  assert.ok(!existsSync(join(dir, 'second.bin')));
});

test('a damaged entry or one swept away between two renders is a miss and is built again', async () => {
  const cache = await freshDir();
  const builds = { n: 0 };
  const out = join(await freshDir(), 'x.bin');
  await withRenderCache(cache, work('k', out, 'good', builds));
  const hash = cacheKeyHash('test-kind', 'k');
  const entry = join(renderCacheRoot(cache), 'test-kind', hash.slice(0, 2), hash);
  await writeFile(join(entry, 'meta.json'), '{ not json');
  await withRenderCache(cache, work('k', out, 'rebuilt', builds));
  assert.equal(builds.n, 2);
  assert.equal(await readFile(out, 'utf8'), 'rebuilt');
  // The damaged entry was replaced by a good one.
  assert.deepEqual(await withRenderCache(cache, work('k', out, 'third', builds)), { wrote: 'rebuilt' });
  assert.equal(builds.n, 2);
  // A sweep in another process removed the file but not yet the meta: a miss, not a failure.
  await rm(join(entry, 'out.bin'));
  await withRenderCache(cache, work('k', out, 'after sweep', builds));
  assert.equal(builds.n, 3);
  assert.equal(await readFile(out, 'utf8'), 'after sweep');
});

test('builders racing for one entry all get the right bytes; one whole entry, no temp dirs left', async () => {
  const cache = await freshDir();
  const dir = await freshDir();
  const builds = { n: 0 };
  const outs = Array.from({ length: 8 }, (_, i) => join(dir, `out${i}.bin`));
  const values = await Promise.all(outs.map((out) => withRenderCache(cache, work('shared', out, 'same bytes', builds))));
  for (const v of values) assert.deepEqual(v, { wrote: 'same bytes' });
  for (const out of outs) assert.equal(await readFile(out, 'utf8'), 'same bytes');
  assert.deepEqual((await entryDirs(cache)).length, 1);
  assert.ok(builds.n >= 1);
});

test('two processes filling one cache dir at once leave only whole entries', async () => {
  const cache = await freshDir();
  const script = join(await freshDir(), 'fill.mts');
  // Each process builds the same 20 keys (with its own out dir) in a shuffled order, 5 at a time.
  await writeFile(script, `
    import { mkdir, writeFile } from 'node:fs/promises';
    import { join } from 'node:path';
    import { withRenderCache } from ${JSON.stringify(new URL('../../src/render/cache/render-cache.ts', import.meta.url).pathname)};
    const [cache, outDir, seed] = process.argv.slice(2);
    await mkdir(outDir, { recursive: true });
    const keys = Array.from({ length: 20 }, (_, i) => i).sort((a, b) => ((a * 7 + Number(seed)) % 20) - ((b * 7 + Number(seed)) % 20));
    for (let i = 0; i < keys.length; i += 5) {
      await Promise.all(keys.slice(i, i + 5).map(async (k) => {
        const out = join(outDir, k + '.bin');
        const value = await withRenderCache(cache, { kind: 'test-kind', key: { k }, files: { 'out.bin': out },
          build: async () => { await writeFile(out, 'payload ' + k + ' '.repeat(100000)); return { k }; } });
        if (value.k !== k) throw new Error('wrong value for ' + k);
      }));
    }
  `);
  const outA = join(root, 'procA');
  const outB = join(root, 'procB');
  await Promise.all([run(process.execPath, ['--import', 'tsx', script, cache, outA, '1']), run(process.execPath, ['--import', 'tsx', script, cache, outB, '2'])]);
  const names = await entryDirs(cache);
  assert.equal(names.length, 20);
  assert.ok(names.every((n) => !n.startsWith('.tmp-')), names.join(', '));
  for (let k = 0; k < 20; k++) {
    for (const out of [outA, outB]) assert.equal(await readFile(join(out, `${k}.bin`), 'utf8'), `payload ${k}${' '.repeat(100000)}`);
    const hash = cacheKeyHash('test-kind', { k });
    const entry = join(renderCacheRoot(cache), 'test-kind', hash.slice(0, 2), hash);
    assert.equal((await readFile(join(entry, 'out.bin'), 'utf8')).slice(0, 12).trim(), `payload ${k}`);
    assert.deepEqual(JSON.parse(await readFile(join(entry, 'meta.json'), 'utf8')).value, { k });
  }
});

test('the sweep keeps the most recently used within the byte cap, drops the unused for too long and dead temp dirs', async () => {
  const cache = await freshDir();
  const now = Date.now();
  const hour = 3600_000;
  const cacheRoot = renderCacheRoot(cache);
  const entries: Record<string, { hoursAgo: number; bytes: number }> = {
    newest: { hoursAgo: 1, bytes: 400 },
    recent: { hoursAgo: 2, bytes: 400 },
    older: { hoursAgo: 3, bytes: 400 },
    oldest: { hoursAgo: 4, bytes: 100 },
  };
  for (const [name, e] of Object.entries(entries)) {
    const dir = join(cacheRoot, 'speech', 'ab', name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'speech.wav'), Buffer.alloc(e.bytes));
    const at = new Date(now - e.hoursAgo * hour);
    await utimes(dir, at, at);
  }
  const staleTemp = join(cacheRoot, 'speech', 'ab', '.tmp-1-dead');
  const liveTemp = join(cacheRoot, 'speech', 'ab', '.tmp-2-live');
  for (const [dir, hoursAgo] of [[staleTemp, 2], [liveTemp, 0]] as const) {
    await mkdir(dir);
    await utimes(dir, new Date(now - hoursAgo * hour), new Date(now - hoursAgo * hour));
  }
  // 900 bytes hold the two most recent (800); the third would pass the cap, so it and everything older go.
  const outcome = await sweepRenderCache(cacheRoot, { maxBytes: 900, maxAgeMs: 24 * hour }, now);
  assert.deepEqual(outcome, { removed: 2, keptBytes: 800 });
  assert.deepEqual((await readdir(join(cacheRoot, 'speech', 'ab'))).sort(), ['.tmp-2-live', 'newest', 'recent']);
  // Age: an entry unused for longer than maxAgeMs goes even when there is room.
  const aged = await sweepRenderCache(cacheRoot, { maxBytes: 1e9, maxAgeMs: 1.5 * hour }, now);
  assert.deepEqual(aged, { removed: 1, keptBytes: 400 });
  assert.ok(existsSync(join(cacheRoot, 'speech', 'ab', 'newest')));
});

test('a hit marks its entry as used, so the sweep keeps it over entries made later but not used since', async () => {
  const cache = await freshDir();
  const dir = await freshDir();
  const builds = { n: 0 };
  await withRenderCache(cache, work('used', join(dir, 'a.bin'), 'x'.repeat(300), builds));
  await withRenderCache(cache, work('unused', join(dir, 'b.bin'), 'y'.repeat(300), builds));
  const entryOf = (key: string) => { const h = cacheKeyHash('test-kind', key); return join(renderCacheRoot(cache), 'test-kind', h.slice(0, 2), h); };
  const past = new Date(Date.now() - 3600_000);
  await utimes(entryOf('used'), past, past);
  await utimes(entryOf('unused'), new Date(Date.now() - 1800_000), new Date(Date.now() - 1800_000));
  await withRenderCache(cache, work('used', join(dir, 'c.bin'), 'not built', builds));
  assert.equal(builds.n, 2);
  assert.ok((await stat(entryOf('used'))).mtimeMs > Date.now() - 60_000);
  // Room for one entry (each is its 300-byte file plus a meta holding the same 300 characters).
  await sweepRenderCache(renderCacheRoot(cache), { maxBytes: 800, maxAgeMs: 24 * 3600_000 });
  assert.ok(existsSync(entryOf('used')));
  assert.ok(!existsSync(entryOf('unused')));
});
