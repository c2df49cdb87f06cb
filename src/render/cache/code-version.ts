// Part of every cache key: a hash of the code that made an entry. The cache outlives deploys, and an
// entry made by older drawing or speech code must not be replayed by newer code; hashing the modules'
// own source (the .ts under tsx, the .js in dist) retires entries without anyone bumping a number.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const memo = new Map<string, string>();

function once(key: string, compute: () => string): string {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/** The module's file as this process runs it: `x.js` in dist, `x.ts` beside it when run from source. */
function moduleSource(url: URL): Buffer {
  const path = fileURLToPath(url);
  try {
    return readFileSync(path);
  } catch {
    return readFileSync(path.replace(/\.js$/, '.ts'));
  }
}

/** A hash of the named modules' source (`new URL('./draw-layer.js', import.meta.url)`), read once per process. */
export function sourceVersion(modules: readonly URL[]): string {
  return once(`src:${modules.map((m) => m.href).join('|')}`, () => {
    const hash = createHash('sha256');
    for (const m of modules) hash.update(m.href.replace(/^.*\/src\/|^.*\/dist\//, '')).update('\0').update(moduleSource(m)).update('\0');
    return hash.digest('hex').slice(0, 16);
  });
}

/** A hash of every module in a folder (`new URL('../speech/', import.meta.url)`), read once per process. */
export function folderVersion(folder: URL): string {
  return once(`dir:${folder.href}`, () => {
    const dir = fileURLToPath(folder);
    const files = readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const hash = createHash('sha256');
    for (const f of files) hash.update(f).update('\0').update(readFileSync(`${dir}/${f}`)).update('\0');
    return hash.digest('hex').slice(0, 16);
  });
}

/** Installed package versions (`@napi-rs/canvas`, `sharp`): a new rasteriser may draw other pixels. */
export function packageVersions(names: readonly string[]): string {
  return once(`pkg:${names.join('|')}`, () => {
    const require = createRequire(import.meta.url);
    return names.map((n) => `${n}@${(require(`${n}/package.json`) as { version: string }).version}`).join(',');
  });
}

/** Size and modification time of each file (fonts): an upgraded font package changes both. */
export function filesVersion(paths: readonly string[]): string {
  return once(`files:${paths.join('|')}`, () => {
    const hash = createHash('sha256');
    for (const p of paths) {
      let stamp = 'missing';
      try {
        const s = statSync(p);
        stamp = `${s.size}:${Math.round(s.mtimeMs)}`;
      } catch {
        // a font that is not installed draws as a fallback: that too is part of the version
      }
      hash.update(p).update('\0').update(stamp).update('\0');
    }
    return hash.digest('hex').slice(0, 16);
  });
}
