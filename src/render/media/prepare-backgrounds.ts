// Scene backgrounds as encode inputs: colours and transparency as they are (merged across scenes that
// show the same one), images fitted to the frame once, template layers drawn into one image per scene, videos probed for a picture and a length.
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { BackgroundPlan, ImageFit, MediaFetcher, RenderPlan, VideoPlayStyle } from '../../domain/render-plan.js';
import { ToolError } from '../run-program.js';
import { engineSource } from './engine-source.js';
import { fitImage } from './fit-image.js';
import { describeSource, localMedia } from './local-media.js';
import { probeMedia } from './probe-media.js';

export type BackgroundSource =
  | { kind: 'color'; color: string }
  | { kind: 'transparent' }
  | { kind: 'image'; path: string }
  | { kind: 'video'; path: string; fit: ImageFit; playStyle: VideoPlayStyle; sourceDurationSec: number };

/** One background segment: what it shows and the scenes it spans. */
export interface BackgroundSegment {
  input: BackgroundSource;
  scenes: number[];
}

/** `options.cacheDir` (the render options' long-lived cache) lets scenes' layers be drawn once across renders. */
export async function prepareBackgrounds(plan: RenderPlan, workDir: string, options: { fetcher: MediaFetcher; signal?: AbortSignal; cacheDir?: string }): Promise<BackgroundSegment[]> {
  const out: BackgroundSegment[] = [];
  let previous: BackgroundPlan | null = null;
  for (const [i, scene] of plan.scenes.entries()) {
    options.signal?.throwIfAborted();
    const bg = scene.background;
    const last = out[out.length - 1];
    if (last && previous && mergeable(previous, bg)) {
      last.scenes.push(i);
      continue;
    }
    previous = bg;
    const param = `video_inputs[${i}].background`;
    if (bg.type === 'color') out.push({ input: { kind: 'color', color: bg.color }, scenes: [i] });
    else if (bg.type === 'transparent') out.push({ input: { kind: 'transparent' }, scenes: [i] });
    else if (bg.type === 'layers') {
      // Loaded on first use: @napi-rs/canvas is a native module the embedded default must not load at start.
      const { composeLayerBackground } = await import('./compose-layer-background.js');
      const path = await composeLayerBackground(bg, i, plan.width, plan.height, workDir, options);
      out.push({ input: { kind: 'image', path }, scenes: [i] });
    } else if (bg.type === 'image') {
      const source = engineSource(bg.source);
      const input = await localMedia(source, workDir, `background${i}`, options);
      const path = join(workDir, `background${i}.png`);
      await fitImage(input, path, plan.width, plan.height, bg.fit, describeSource(source), param);
      out.push({ input: { kind: 'image', path }, scenes: [i] });
    } else {
      const source = engineSource(bg.source);
      const input = await localMedia(source, workDir, `background${i}`, options);
      let probe;
      try {
        probe = await probeMedia(input, options.signal);
      } catch (error) {
        if (error instanceof ToolError) throw new OratorError('video_file_corrupted', `Background video ${describeSource(source)} is corrupted or unreadable`, { param, cause: error });
        throw error;
      }
      if (!probe.video || probe.video.width === 0) {
        throw new OratorError('video_format_not_supported', `Background video ${describeSource(source)} has no video stream`, { param });
      }
      out.push({ input: { kind: 'video', path: input, fit: bg.fit, playStyle: bg.playStyle, sourceDurationSec: probe.durationSec }, scenes: [i] });
    }
  }
  return out;
}

/** Colour and transparent backgrounds are the same picture across scenes; images and videos restart. */
function mergeable(a: BackgroundPlan, b: BackgroundPlan): boolean {
  if (a.type === 'color' && b.type === 'color') return a.color.toLowerCase() === b.color.toLowerCase();
  return a.type === 'transparent' && b.type === 'transparent';
}
