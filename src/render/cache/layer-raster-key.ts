// What a layer raster's cache key is made of: the drawing code, the rasteriser and font versions, and
// the layer as drawn, an image by the hash of its file's bytes (two URLs of one picture share a
// raster; a URL whose picture changed does not replay the old one).
import type { BackgroundLayer } from '../../domain/render-plan.js';
import { LAYER_FONT_FILES } from '../media/layer-fonts.js';
import { filesVersion, packageVersions, sourceVersion } from './code-version.js';
import { fileBytesHash } from './file-bytes-hash.js';

/** The modules whose code decides a layer's pixels. */
const DRAWING_MODULES = ['draw-layer.js', 'layer-box.js', 'layer-fonts.js', 'compose-layer-background.js', 'draw-timed-still.js']
  .map((m) => new URL(`../media/${m}`, import.meta.url));

export function layerDrawingVersion(): string {
  return `${sourceVersion(DRAWING_MODULES)}|${packageVersions(['@napi-rs/canvas', 'sharp'])}|fonts:${filesVersion(LAYER_FONT_FILES)}`;
}

/** The layer for a cache key: an image layer's source is replaced by its local file's bytes hash. */
export async function layerKey(layer: BackgroundLayer, imagePath: string | null): Promise<unknown> {
  if (layer.type !== 'image') return layer;
  const { source: _source, ...drawn } = layer;
  return { ...drawn, imageSha256: imagePath ? await fileBytesHash(imagePath) : null };
}
