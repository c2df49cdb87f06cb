// The render engine reads files and URLs only; media kept in the blob store (uploaded talking photos
// and assets) are copied to disk by the render job first (services/resolve-stored-media.ts). One
// reaching the engine unresolved is a bug, reported as such rather than as the user's bad input.
import { OratorError } from '../../domain/errors.js';
import type { MediaSource, StoredMedia } from '../../domain/render-plan.js';

export function engineSource(source: MediaSource | StoredMedia): MediaSource {
  if ('blobKey' in source) throw new OratorError('internal_error', `Stored media ${source.blobKey} was not resolved before rendering`);
  return source;
}
