// A template scene's static layers (BackgroundPlan 'layers') drawn ONCE into a PNG at the output size:
// fill, shapes, images fitted into their boxes (sharp), text wrapped inside its box and shrunk until the
// lines fit (see draw-layer.ts). The encoder then shows the PNG like any image background; nothing is
// drawn per frame. Deterministic: the same plan and fonts give the same pixels.
import { createCanvas } from '@napi-rs/canvas';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersBackground, MediaFetcher } from '../../domain/render-plan.js';
import { drawLayer, type LayerImage } from './draw-layer.js';
import { pixelBox } from './layer-box.js';
import { engineSource } from './engine-source.js';
import { describeSource, localMedia } from './local-media.js';

/** Draws the layers and writes `background<scene>.png` in workDir; returns its path. */
export async function composeLayerBackground(bg: LayersBackground, scene: number, width: number, height: number, workDir: string, options: { fetcher: MediaFetcher; signal?: AbortSignal }): Promise<string> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = bg.color;
  ctx.fillRect(0, 0, width, height);
  for (const [j, layer] of bg.layers.entries()) {
    options.signal?.throwIfAborted();
    let image: LayerImage | null = null;
    if (layer.type === 'image') {
      const source = engineSource(layer.source);
      const path = await localMedia(source, workDir, `scene${scene}-layer${j}`, options);
      image = { path, name: describeSource(source), param: `scenes[${scene}].layers[${j}]` };
    }
    await drawLayer(ctx, layer, pixelBox(layer.box, width, height), height, image);
  }
  const path = join(workDir, `background${scene}.png`);
  await writeFile(path, await canvas.encode('png'));
  return path;
}
