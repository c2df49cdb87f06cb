// Render outputs that depend only on their own content (layer rasters, synthesised speech), kept in the
// long-lived cache dir under `render/<kind>/<hh>/<hash>/`, the hash taken over everything the output
// depends on. N personalised videos from one template then draw and speak what they share once.
// Entries are published whole (publish-dir.ts) and never change; a hit is copied into the render's
// work dir, so a sweep may remove an entry at any time, even while another process reads it (a copy
// that fails is a miss). The cache only saves work: a hit gives the bytes the build would have
// written, and a cache that cannot be read or written leaves the render as it would be without one.
import { createHash } from 'node:crypto';
import { constants, copyFile, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publishDirAtomically } from './publish-dir.js';
import { scheduleRenderCacheSweep } from './sweep-render-cache.js';

/** Bump when the entry layout (meta.json, file naming) changes. */
const ENTRY_FORMAT = 'orator-render-cache-1';
const META = 'meta.json';

export interface CachedWork<V> {
  /** The kind of entry, a folder of its own: `layers-background`, `timed-still`, `speech`. */
  kind: string;
  /** Everything the output depends on (JSON): the code and library versions, sizes, content. */
  key: unknown;
  /** Entry file name → the work-dir path `build` writes it to, and a hit is copied to. */
  files: Readonly<Record<string, string>>;
  /** Makes the output: writes the files it produces (not necessarily all) and returns the rest (JSON). */
  build(): Promise<V>;
}

interface EntryMeta<V> {
  format: string;
  /** The names of `files` the build produced. */
  files: string[];
  value: V;
}

/** Where the render cache lives inside the render options' cacheDir. */
export function renderCacheRoot(cacheDir: string): string {
  return join(cacheDir, 'render');
}

/** JSON with object keys sorted: two plans listing the same fields in another order share entries. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
}

export function cacheKeyHash(kind: string, key: unknown): string {
  return createHash('sha256').update(`${ENTRY_FORMAT}\0${kind}\0${canonicalJson(key)}`).digest('hex');
}

/** `work.build()`, or its files and value from the cache when an entry for its key exists; no cacheDir, no cache. */
export async function withRenderCache<V>(cacheDir: string | undefined, work: CachedWork<V>): Promise<V> {
  if (!cacheDir) return work.build();
  const root = renderCacheRoot(cacheDir);
  const hash = cacheKeyHash(work.kind, work.key);
  const parent = join(root, work.kind, hash.slice(0, 2));
  const dir = join(parent, hash);
  const hit = await takeEntry<V>(dir, work.files);
  if (hit) return hit.value;
  const value = await work.build();
  try {
    await storeEntry(dir, parent, value, work.files);
    scheduleRenderCacheSweep(root);
  } catch {
    // A full disk or an unwritable cache costs this entry, not the render: its output is in the work dir.
  }
  return value;
}

async function readMeta<V>(dir: string): Promise<EntryMeta<V> | null> {
  let text: string;
  try {
    text = await readFile(join(dir, META), 'utf8');
  } catch {
    return null;
  }
  try {
    const meta = JSON.parse(text) as EntryMeta<V>;
    if (meta.format === ENTRY_FORMAT && Array.isArray(meta.files)) return meta;
  } catch {
    // written whole by a rename, so only a damaged disk gets here
  }
  // Unusable: removed so the next build can publish a good one in its place.
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  return null;
}

/** The entry's files copied to their work-dir paths, or null (a miss) when it is absent or partly swept away. */
async function takeEntry<V>(dir: string, files: Readonly<Record<string, string>>): Promise<EntryMeta<V> | null> {
  const meta = await readMeta<V>(dir);
  if (!meta) return null;
  try {
    for (const name of meta.files) {
      const dest = files[name];
      if (dest === undefined) return null;
      // A reflink where the file system has them; a plain copy elsewhere. Never a hard link: a stage
      // writing over its work-dir file would change the entry for every later render.
      await copyFile(join(dir, name), dest, constants.COPYFILE_FICLONE);
    }
  } catch {
    return null;
  }
  const now = new Date();
  // The entry's mtime is its last use: the sweep keeps the most recently used.
  await utimes(dir, now, now).catch(() => undefined);
  return meta;
}

async function storeEntry<V>(dir: string, parent: string, value: V, files: Readonly<Record<string, string>>): Promise<void> {
  await publishDirAtomically(dir, parent, async (tmp) => {
    const produced: string[] = [];
    for (const [name, path] of Object.entries(files)) {
      if (!(await stat(path).then((s) => s.isFile(), () => false))) continue;
      await copyFile(path, join(tmp, name), constants.COPYFILE_FICLONE);
      produced.push(name);
    }
    const meta: EntryMeta<V> = { format: ENTRY_FORMAT, files: produced, value };
    await writeFile(join(tmp, META), JSON.stringify(meta));
  }, async () => (await readMeta(dir)) !== null);
}
