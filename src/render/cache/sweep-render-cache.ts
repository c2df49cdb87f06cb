// Keeps the render cache bounded: least recently used first. An entry's mtime is its last use (a hit
// touches it); a sweep removes entries unused for `maxAgeMs`, then the least recently used until the
// rest fit in `maxBytes`, and temp dirs a crashed writer left behind. Each process sweeps at most once
// per interval, after a write; several processes sweeping one dir only race to remove the same
// entries, which readers survive (render-cache.ts copies a hit, and a failed copy is a miss).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_PREFIX } from './publish-dir.js';

export interface RenderCacheLimits {
  maxBytes: number;
  maxAgeMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Room for a few thousand layer rasters and speech segments; rigs (avatars/, photos/) are not counted. */
export const RENDER_CACHE_LIMITS: RenderCacheLimits = { maxBytes: 2 * 1024 ** 3, maxAgeMs: 30 * DAY_MS };
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** A writer takes well under a second; a temp dir this old belongs to a process that died. */
const STALE_TEMP_MS = 60 * 60 * 1000;

interface Entry {
  path: string;
  usedMs: number;
  bytes: number;
}

export interface SweepOutcome {
  removed: number;
  keptBytes: number;
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

async function entrySize(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await list(dir)) bytes += await stat(join(dir, name)).then((s) => s.size, () => 0);
  return bytes;
}

/** Every entry under `root` (`<kind>/<hh>/<hash>`); stale temp dirs are removed on the way. */
async function entriesOf(root: string, now: number): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const kind of await list(root)) {
    for (const shard of await list(join(root, kind))) {
      for (const name of await list(join(root, kind, shard))) {
        const path = join(root, kind, shard, name);
        const info = await stat(path).catch(() => null);
        if (!info?.isDirectory()) continue;
        if (name.startsWith(TEMP_PREFIX)) {
          if (now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { recursive: true, force: true });
          continue;
        }
        out.push({ path, usedMs: info.mtimeMs, bytes: await entrySize(path) });
      }
    }
  }
  return out;
}

export async function sweepRenderCache(root: string, limits: RenderCacheLimits = RENDER_CACHE_LIMITS, now: number = Date.now()): Promise<SweepOutcome> {
  const entries = (await entriesOf(root, now)).sort((a, b) => b.usedMs - a.usedMs);
  let keptBytes = 0;
  let removed = 0;
  let full = false;
  for (const e of entries) {
    full ||= keptBytes + e.bytes > limits.maxBytes;
    if (!full && now - e.usedMs <= limits.maxAgeMs) {
      keptBytes += e.bytes;
      continue;
    }
    await rm(e.path, { recursive: true, force: true });
    removed++;
  }
  return { removed, keptBytes };
}

const lastSweep = new Map<string, number>();

/** Starts a sweep of `root` in the background unless this process swept it in the last interval. */
export function scheduleRenderCacheSweep(root: string, now: number = Date.now()): void {
  const last = lastSweep.get(root);
  if (last !== undefined && now - last < SWEEP_INTERVAL_MS) return;
  lastSweep.set(root, now);
  // Never awaited by a render, never fatal: a sweep that fails leaves the cache a little larger.
  sweepRenderCache(root).catch(() => undefined);
}
