// Audio layers as encode inputs (issue #12): each scene's music and its unmuted video layers' own
// sound, fetched once per render, decoded to the part that is heard and placed on the whole video's
// timeline, with the spans where the scene's voice speaks (music dips under them; clip sound does not,
// since a clip left unmuted is content the template chose to be heard, not a bed under the voice).
import { join } from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { AudioLayerPlan, TimedLayerPlan, VideoLayerContent } from '../../domain/render-plan.js';
import { AUDIO_SAMPLE_RATE, type AudioLayerInput } from '../compose/audio-graph.js';
import { mergeSpeechSpans, type TimeSpan } from '../compose/ducking-envelope.js';
import { engineSource } from '../media/engine-source.js';
import { clipPlayLength, decodeLayerAudio, layerFileName, layerLocalCopy, probeLayerMedia, type LayerRef } from '../media/layer-media.js';
import { describeSource } from '../media/local-media.js';
import type { RenderContext } from './render-context.js';
import type { SpeechStageOutput, SpokenScene } from './speech-stage.js';

/** Where a scene sits on the video's timeline, in seconds. */
interface SceneTime {
  startSec: number;
  lengthSec: number;
}

export async function prepareAudioLayers(ctx: RenderContext, speech: SpeechStageOutput): Promise<AudioLayerInput[]> {
  const fps = ctx.plan.fps;
  const out: AudioLayerInput[] = [];
  for (const [i, scene] of ctx.plan.scenes.entries()) {
    const time = { startSec: speech.sceneStarts[i]! / fps, lengthSec: speech.scenes[i]!.frames / fps };
    for (const [j, layer] of (scene.audioLayers ?? []).entries()) {
      const input = await musicInput(ctx, layer, time, speech.scenes[i]!, { source: engineSource(layer.source), param: `scenes[${i}].audio_layers[${j}]` });
      if (input) out.push(input);
    }
    for (const [j, layer] of (scene.timedLayers ?? []).entries()) {
      const content = layer.content;
      if (content.type !== 'video' || content.muted) continue;
      const input = await clipSoundInput(ctx, layer, content, time, { source: engineSource(content.source), param: `scenes[${i}].timed_layers[${j}]` });
      if (input) out.push(input);
    }
  }
  return out;
}

/** A layer's span inside its scene, on the video's timeline; null when it starts after the scene ends. */
export function layerSpan(layer: { start: number; end?: number }, time: Pick<SceneTime, 'startSec' | 'lengthSec'>): TimeSpan | null {
  const end = Math.min(layer.end ?? time.lengthSec, time.lengthSec);
  if (end - layer.start < 1 / AUDIO_SAMPLE_RATE) return null;
  return { start: time.startSec + layer.start, end: time.startSec + end };
}

/**
 * Where a scene's voice is heard (seconds from the video's start): its words, or for a voice without
 * word times (uploaded audio with no transcript) the frames where the mouth is not at rest.
 */
export function speechSpansOf(scene: Pick<SpokenScene, 'words' | 'visemes'>, sceneStartSec: number, fps: number): TimeSpan[] {
  const spans: TimeSpan[] = scene.words.length > 0
    ? scene.words.map((w) => ({ start: w.start, end: w.end }))
    : visemeRuns(scene.visemes).map((r) => ({ start: r.start / fps, end: r.end / fps }));
  return mergeSpeechSpans(spans.map((s) => ({ start: sceneStartSec + s.start, end: sceneStartSec + s.end })));
}

function visemeRuns(visemes: readonly string[]): TimeSpan[] {
  const runs: TimeSpan[] = [];
  visemes.forEach((v, f) => {
    if (v === 'X') return;
    const last = runs[runs.length - 1];
    if (last && last.end === f) last.end = f + 1;
    else runs.push({ start: f, end: f + 1 });
  });
  return runs;
}

async function musicInput(ctx: RenderContext, layer: AudioLayerPlan, time: SceneTime, spoken: SpokenScene, ref: LayerRef): Promise<AudioLayerInput | null> {
  const span = layerSpan(layer, time);
  if (!span || layer.volume <= 0) return null;
  const local = await layerLocalCopy(ctx, ref);
  const probe = await probeLayerMedia(local, ref, ctx.options.signal);
  if (!probe.audio) throw new OratorError('invalid_audio_format', `${ref.param}: ${describeSource(ref.source)} has no audio stream`, { param: ref.param });
  const spanSec = span.end - span.start;
  // Only as much as the span needs: a long track under a short scene is not decoded to its end.
  const wav = join(ctx.workDir, `${layerFileName(ref)}.wav`);
  const decodedSec = await decodeLayerAudio(local, wav, { fromSec: 0, seconds: spanSec }, AUDIO_SAMPLE_RATE, ref, ctx.options.signal);
  if (decodedSec <= 0) throw new OratorError('empty_audio_stream', `${ref.param}: ${describeSource(ref.source)} has no sound to play`, { param: ref.param });
  const ducked = layer.ducking !== undefined && layer.ducking < 1;
  return {
    path: wav, startSec: span.start, endSec: span.end, volume: layer.volume, loop: decodedSec < spanSec,
    ...(ducked ? { ducking: { factor: layer.ducking!, spans: speechSpansOf(spoken, time.startSec, ctx.plan.fps) } } : {}),
  };
}

/** The clip's own sound, trimmed like its picture and played once or looped like it; a clip without sound adds nothing. */
async function clipSoundInput(ctx: RenderContext, layer: TimedLayerPlan, content: VideoLayerContent, time: SceneTime, ref: LayerRef): Promise<AudioLayerInput | null> {
  const span = layerSpan(layer, time);
  if (!span) return null;
  const local = await layerLocalCopy(ctx, ref);
  const probe = await probeLayerMedia(local, ref, ctx.options.signal);
  if (!probe.audio) return null;
  const clipSec = clipPlayLength(probe, content.trim, ref);
  const spanSec = span.end - span.start;
  const loop = content.loop && clipSec < spanSec;
  // Looped, the sound is padded to the clip's exact length, so each repeat starts with its picture.
  const cut = { fromSec: content.trim.start, seconds: loop ? clipSec : Math.min(clipSec, spanSec), ...(loop ? { padded: true } : {}) };
  const wav = join(ctx.workDir, `${layerFileName(ref)}.wav`);
  const decodedSec = await decodeLayerAudio(local, wav, cut, AUDIO_SAMPLE_RATE, ref, ctx.options.signal);
  if (decodedSec <= 0) return null;
  return { path: wav, startSec: span.start, endSec: span.end, volume: 1, loop };
}
