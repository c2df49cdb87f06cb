// Scene length rules (issue #12): a scene lasts as long as its voice, or longer when its rule says so
// (`at_least` some seconds, or as long as one of its video layers plays). No rule cuts speech short.
import { OratorError } from '../../domain/errors.js';
import type { ScenePlan } from '../../domain/render-plan.js';
import { engineSource } from '../media/engine-source.js';
import { clipPlayLength, layerLocalCopy, probeLayerMedia } from '../media/layer-media.js';
import { describeSource } from '../media/local-media.js';
import type { RenderContext } from './render-context.js';

/** The scene's length in frames: its voice's `voiceFrames`, stretched to what its length rule asks. */
export async function ruledSceneFrames(ctx: RenderContext, scene: ScenePlan, index: number, voiceFrames: number): Promise<number> {
  const rule = scene.length;
  if (!rule) return voiceFrames;
  const fps = ctx.plan.fps;
  if (rule.type === 'at_least') return Math.max(voiceFrames, Math.round(rule.seconds * fps));
  return Math.max(voiceFrames, Math.round((await videoLayerEndSec(ctx, scene, index, rule.layer)) * fps));
}

/**
 * When the rule's clip has played to its end, in seconds from the scene's start: the layer's start plus
 * the clip's trimmed length (a clip that comes in late still plays through).
 */
async function videoLayerEndSec(ctx: RenderContext, scene: ScenePlan, index: number, layerIndex: number): Promise<number> {
  const layer = scene.timedLayers?.[layerIndex];
  if (!layer || layer.content.type !== 'video') {
    const param = `scenes[${index}].length.layer`;
    const count = scene.timedLayers?.length ?? 0;
    throw new OratorError('invalid_parameter', `${param}: timed layer ${layerIndex} is not a video layer of this scene (it has ${count} timed layer${count === 1 ? '' : 's'})`, { param });
  }
  const ref = { source: engineSource(layer.content.source), param: `scenes[${index}].timed_layers[${layerIndex}]` };
  const local = await layerLocalCopy(ctx, ref);
  const probe = await probeLayerMedia(local, ref, ctx.options.signal);
  if (!probe.video || probe.video.width === 0) {
    throw new OratorError('video_format_not_supported', `${ref.param}: ${describeSource(ref.source)} has no video stream`, { param: ref.param });
  }
  return layer.start + clipPlayLength(probe, layer.content.trim, ref);
}
