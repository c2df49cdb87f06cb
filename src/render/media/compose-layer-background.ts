// A template scene's static layers (BackgroundPlan 'layers') drawn ONCE into a PNG at the output size:
// fill, shapes, images fitted into their boxes (sharp), text wrapped inside its box and shrunk until the
// lines fit (see draw-layer.ts). The encoder then shows the PNG like any image background; nothing is
// drawn per frame. Deterministic: the same plan and fonts give the same pixels, which is what lets the
// render cache hand a batch's later videos the first one's PNG.
import { createCanvas } from '@napi-rs/canvas';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersBackground, MediaFetcher } from '../../domain/render-plan.js';
import { layerDrawingVersion, layerKey } from '../cache/layer-raster-key.js';
import { withRenderCache } from '../cache/render-cache.js';
import { drawLayer, type LayerImage } from './draw-layer.js';
import { pixelBox } from './layer-box.js';
import { engineSource } from './engine-source.js';
import { describeSource, localMedia } from './local-media.js';

export interface LayerBackgroundOptions {
  fetcher: MediaFetcher;
  signal?: AbortSignal;
  /** The render cache's dir (RenderOptions.cacheDir); without one the layers are always drawn. */
  cacheDir?: string;
}

/** Draws the layers (or takes them from the render cache) into `background<scene>.png` in workDir; returns its path. */
export async function composeLayerBackground(bg: LayersBackground, scene: number, width: number, height: number, workDir: string, options: LayerBackgroundOptions): Promise<string> {
  // Pictures first: the cache key holds their bytes' hash.
  const images: (LayerImage | null)[] = [];
  for (const [j, layer] of bg.layers.entries()) {
    options.signal?.throwIfAborted();
    if (layer.type !== 'image') {
      images.push(null);
      continue;
    }
    const source = engineSource(layer.source);
    const path = await localMedia(source, workDir, `scene${scene}-layer${j}`, options);
    images.push({ path, name: describeSource(source), param: `scenes[${scene}].layers[${j}]` });
  }
  const path = join(workDir, `background${scene}.png`);
  const layers = await Promise.all(bg.layers.map((layer, j) => layerKey(layer, images[j]?.path ?? null)));
  await withRenderCache(options.cacheDir, {
    kind: 'layers-background',
    key: { drawing: layerDrawingVersion(), width, height, color: bg.color, layers },
    files: { 'background.png': path },
    build: async () => {
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = bg.color;
      ctx.fillRect(0, 0, width, height);
      for (const [j, layer] of bg.layers.entries()) {
        options.signal?.throwIfAborted();
        await drawLayer(ctx, layer, pixelBox(layer.box, width, height), height, images[j] ?? null);
      }
      await writeFile(path, await canvas.encode('png'));
      return null;
    },
  });
  return path;
}
