// Media a plan names (uploaded audio, backgrounds, photos, watermarks) as local files: paths are
// checked, URLs are downloaded into the work dir by the injected fetcher.
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { MediaFetcher, MediaSource } from '../../domain/render-plan.js';

/**
 * A media source as the client knows it: its URL, the id it sent (the label a stored copy carries), or
 * for plans given by path (the CLI) the file's name; never the server's directories.
 */
export function describeSource(source: MediaSource): string {
  if ('url' in source) return source.url;
  return source.label ?? basename(source.path);
}

/** A local path for a media source: URLs are downloaded into the work dir by the injected fetcher. */
export async function localMedia(source: MediaSource, workDir: string, name: string, options: { fetcher: MediaFetcher; signal?: AbortSignal }): Promise<string> {
  if ('path' in source) {
    try {
      await stat(source.path);
    } catch {
      throw new OratorError('asset_not_found', `Media file ${describeSource(source)} not found`);
    }
    return source.path;
  }
  const ext = safeExtension(source.url);
  // Prefixed so a download never shares a name with what is made from it (background0.png …).
  const dest = join(workDir, `download-${name}${ext}`);
  options.signal?.throwIfAborted();
  await options.fetcher.fetchToFile(source.url, dest);
  return dest;
}

function safeExtension(url: string): string {
  try {
    const ext = extname(new URL(url).pathname).toLowerCase();
    return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : '';
  } catch {
    return '';
  }
}

/** localMedia, once per source in a render: a second caller (the speech stage probing a clip the visuals stage shows) gets the same file. */
export function localMediaOnce(copies: Map<string, Promise<string>>, source: MediaSource, workDir: string, name: string, options: { fetcher: MediaFetcher; signal?: AbortSignal }): Promise<string> {
  const key = 'url' in source ? source.url : source.path;
  let copy = copies.get(key);
  if (!copy) {
    copy = localMedia(source, workDir, name, options);
    copy.catch(() => undefined); // each caller awaits it; a failure is theirs to report
    copies.set(key, copy);
  }
  return copy;
}
