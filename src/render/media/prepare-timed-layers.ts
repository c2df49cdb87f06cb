// Timed layers as encode inputs (issue #12): still layers drawn once into transparent PNGs (once per
// content across renders, through the render cache), clips fetched once per render (the copy the sound
// and length rules use too), probed, and cut to their section when a trimmed clip loops. Timing stays
// relative to the scene until the speech is known.
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { BackgroundLayer, RenderPlan, TimedLayerPlan, VideoLayerContent } from '../../domain/render-plan.js';
import { buildClipSectionArgs, type PreparedTimedLayer, type TimedLayerPicture } from '../compose/timed-layer-filter.js';
import { layerDrawingVersion, layerKey } from '../cache/layer-raster-key.js';
import { withRenderCache } from '../cache/render-cache.js';
import { runFfmpeg, ToolError } from '../run-program.js';
import type { LayerImage } from './draw-layer.js';
import { pixelBox, type Px } from './layer-box.js';
import { engineSource } from './engine-source.js';
import { clipPlayLength, layerLocalCopy, probeLayerMedia, type LayerFetch, type LayerRef } from './layer-media.js';
import { describeSource } from './local-media.js';

type Placed = { picture: TimedLayerPicture; at: Px };

/** A render's media fetching plus, optionally, the render cache's dir (RenderOptions.cacheDir) for the still layers' PNGs. */
type TimedLayerRender = LayerFetch & { options: LayerFetch['options'] & { cacheDir?: string } };

export async function prepareTimedLayers(plan: RenderPlan, render: TimedLayerRender): Promise<PreparedTimedLayer[]> {
  const out: PreparedTimedLayer[] = [];
  for (const [i, scene] of plan.scenes.entries()) {
    for (const [j, layer] of (scene.timedLayers ?? []).entries()) {
      render.options.signal?.throwIfAborted();
      // The same name the sound and length rules give this layer, so a failure reads the same from each.
      const where = { scene: i, layer: j, param: `scenes[${i}].timed_layers[${j}]` };
      const content = layer.content;
      const placed = content.type === 'video' ? await prepareClip(content, plan, render, where) : await prepareStill(content, plan, render, where);
      if (placed) out.push(timedLayer(layer, i, placed));
    }
  }
  return out;
}

function timedLayer(layer: TimedLayerPlan, scene: number, { picture, at }: Placed): PreparedTimedLayer {
  return {
    scene, picture, x: at.x, y: at.y, width: at.w, height: at.h,
    startSec: layer.start, endSec: layer.end ?? null, entrance: layer.entrance, exit: layer.exit, overCharacter: layer.overCharacter,
  };
}

interface Where {
  scene: number;
  layer: number;
  param: string;
}

async function prepareStill(content: BackgroundLayer, plan: RenderPlan, render: TimedLayerRender, where: Where): Promise<Placed | null> {
  let image: LayerImage | null = null;
  if (content.type === 'image') {
    const ref: LayerRef = { source: engineSource(content.source), param: where.param };
    image = { path: await layerLocalCopy(render, ref), name: describeSource(ref.source), param: where.param };
  }
  // Loaded on first use: @napi-rs/canvas is a native module the embedded default must not load at start.
  const { drawTimedStill } = await import('./draw-timed-still.js');
  const path = join(render.workDir, `timed-layer${where.scene}-${where.layer}.png`);
  // Keyed by what is drawn at this frame size, not when: the same layer in another scene or render shares it.
  const at = await withRenderCache(render.options.cacheDir, {
    kind: 'timed-still',
    key: { drawing: layerDrawingVersion(), frame: { width: plan.width, height: plan.height }, layer: await layerKey(content, image?.path ?? null) },
    files: { 'layer.png': path },
    build: () => drawTimedStill(content, plan, image, path),
  });
  return at ? { picture: { kind: 'still', path }, at } : null;
}

async function prepareClip(content: VideoLayerContent, plan: RenderPlan, render: LayerFetch, where: Where): Promise<Placed> {
  const ref: LayerRef = { source: engineSource(content.source), param: where.param };
  const local = await layerLocalCopy(render, ref);
  const probe = await probeLayerMedia(local, ref, render.options.signal);
  if (!probe.video || probe.video.width === 0) {
    throw new OratorError('video_format_not_supported', `${ref.param}: ${describeSource(ref.source)} has no video stream`, { param: ref.param });
  }
  const playSec = clipPlayLength(probe, content.trim, ref);
  const at = pixelBox(content.box, plan.width, plan.height);
  const trimmed = content.trim.start > 0 || (content.trim.end !== undefined && content.trim.end < probe.durationSec);
  if (!content.loop) {
    return { picture: { kind: 'video', path: local, loop: false, trimStartSec: content.trim.start, playSec: trimmed ? playSec : null, fit: content.fit }, at };
  }
  let path = local;
  if (trimmed) {
    path = join(render.workDir, `timed-clip${where.scene}-${where.layer}.mkv`);
    try {
      await runFfmpeg(buildClipSectionArgs(local, path, content.trim.start, playSec), render.options.signal ? { signal: render.options.signal } : {});
    } catch (error) {
      if (error instanceof ToolError) throw new OratorError('video_file_corrupted', `${ref.param}: ${describeSource(ref.source)} could not be decoded`, { param: ref.param, cause: error });
      throw error;
    }
  }
  return { picture: { kind: 'video', path, loop: true, trimStartSec: 0, playSec: null, fit: content.fit }, at };
}
