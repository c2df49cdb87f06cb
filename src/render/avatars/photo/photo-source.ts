// The render engine reads files and URLs only; photos kept in the blob store are copied to disk by the
// render job first (services/resolve-stored-media.ts). One reaching the engine unresolved is a bug.
import { OratorError } from '../../../domain/errors.js';
import type { MediaSource, StoredMedia } from '../../plan.js';

export function localPhotoSource(image: MediaSource | StoredMedia): MediaSource {
  if ('blobKey' in image) throw new OratorError('internal_error', `Stored photo ${image.blobKey} was not resolved before rendering`);
  return image;
}
