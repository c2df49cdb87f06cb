// Speech stage: each scene's sound (synthesised text, uploaded audio or silence) with its length in
// frames, its per-frame mouth shapes and its word times, lengthened to the scene's length rule. A text
// voice a batch speaks again (same words, voice and settings) comes from the render cache.
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isOratorError, OratorError } from '../../domain/errors.js';
import type { ScenePlan, WordTiming } from '../../domain/render-plan.js';
import { redactPaths } from '../../domain/redact-paths.js';
import { withRenderCache } from '../cache/render-cache.js';
import type { SpeechOutput } from '../render-deps.js';
import { readWavEnvelope, scaleVisemesByLoudness } from '../visemes/loudness-visemes.js';
import { engineSource } from '../media/engine-source.js';
import { describeSource, localMedia } from '../media/local-media.js';
import type { Viseme } from '../visemes/viseme.js';
import type { RenderContext } from './render-context.js';
import { ruledSceneFrames } from './scene-length.js';

export interface SpokenScene {
  frames: number;
  audioPath: string | null;
  visemes: Viseme[];
  /** Word times relative to the scene start. */
  words: WordTiming[];
}

export interface SpeechStageOutput {
  scenes: SpokenScene[];
  /** First frame of each scene. */
  sceneStarts: number[];
  totalFrames: number;
}

export async function runSpeechStage(ctx: RenderContext): Promise<SpeechStageOutput> {
  const scenes: SpokenScene[] = [];
  for (const [i, scene] of ctx.plan.scenes.entries()) {
    ctx.options.signal?.throwIfAborted();
    scenes.push(await lengthenToRule(ctx, scene, i, await speakScene(ctx, scene, i)));
    ctx.report(2 + (23 * (i + 1)) / ctx.plan.scenes.length, 'speech');
  }
  const sceneStarts: number[] = [];
  const totalFrames = scenes.reduce((start, s) => (sceneStarts.push(start), start + s.frames), 0);
  return { scenes, sceneStarts, totalFrames };
}

/** The voice padded with silence (mouth at rest) to the scene's length rule; the words keep their times. */
async function lengthenToRule(ctx: RenderContext, scene: ScenePlan, index: number, spoken: SpokenScene): Promise<SpokenScene> {
  const frames = await ruledSceneFrames(ctx, scene, index, spoken.frames);
  return frames === spoken.frames ? spoken : { ...spoken, frames, visemes: fitLength(spoken.visemes, frames) };
}

async function speakScene(ctx: RenderContext, scene: ScenePlan, index: number): Promise<SpokenScene> {
  const { deps, options, workDir } = ctx;
  const fps = ctx.plan.fps;
  const voice = scene.voice;
  if (voice.type === 'silence') {
    const frames = Math.max(1, Math.round(voice.durationSec * fps));
    return { frames, audioPath: null, visemes: new Array<Viseme>(frames).fill('X'), words: [] };
  }
  if (voice.type === 'text') {
    const speech = await synthesizeOnce(ctx, voice, join(workDir, `speech${index}.wav`));
    const frames = Math.max(1, Math.round(speech.durationSec * fps));
    const track = deps.buildVisemeTrack(speech.phones, frames / fps, fps);
    const envelope = await readWavEnvelope(speech.wavPath, fps, options.signal);
    const visemes = scaleVisemesByLoudness(fitLength(track.frames, frames), envelope, deps.mouthOpening);
    return { frames, audioPath: speech.wavPath, visemes, words: speech.words };
  }
  // Uploaded audio: decode, recognise phones, then let loudness decide how far the mouth opens.
  const source = engineSource(voice.source);
  const param = `video_inputs[${index}].voice.audio_url`;
  const input = await localMedia(source, workDir, `audio${index}`, options);
  const wav = join(workDir, `audio${index}.wav`);
  try {
    await deps.decodeAudio(input, wav);
  } catch (error) {
    if (isOratorError(error) && error.kind !== 'render_failed' && error.kind !== 'internal_error') {
      // Name the input as the caller knows it (its URL or asset id), not as the work dir copy.
      const message = redactPaths(error.message).split(basename(input)).join(describeSource(source));
      throw new OratorError(error.kind, message, { param, cause: error });
    }
    throw new OratorError('invalid_audio_format', `Audio ${describeSource(source)} could not be decoded`, { param, cause: error });
  }
  const envelope = await readWavEnvelope(wav, fps, options.signal);
  if (envelope.length === 0) {
    throw new OratorError('empty_audio_stream', `Audio ${describeSource(source)} has no audio`, { param });
  }
  const frames = envelope.length;
  const recognised = await deps.phonesFromAudio(wav, voice.transcript);
  const track = deps.buildVisemeTrack(recognised.phones, frames / fps, fps);
  const visemes = scaleVisemesByLoudness(fitLength(track.frames, frames), envelope, deps.mouthOpening);
  return { frames, audioPath: wav, visemes, words: recognised.words ?? [] };
}

type TextVoice = Extract<ScenePlan['voice'], { type: 'text' }>;

/**
 * The voice's audio and timings, synthesised or taken from the render cache (keyed by what decides
 * them: text, voice, speed, pitch and the engine's version), written to `outPath` either way.
 */
async function synthesizeOnce(ctx: RenderContext, voice: TextVoice, outPath: string): Promise<SpeechOutput> {
  const { deps, options } = ctx;
  const request = { text: voice.text, voiceId: voice.voiceId, speed: voice.speed, pitch: voice.pitch };
  const engine = deps.speechEngineVersion?.(voice.voiceId);
  const timings = await withRenderCache(engine !== undefined ? options.cacheDir : undefined, {
    kind: 'speech',
    key: { ...request, engine },
    files: { 'speech.wav': outPath },
    build: async () => {
      const speech = await deps.synthesizeSpeech({ ...request, outPath, ...(options.signal ? { signal: options.signal } : {}) });
      if (speech.wavPath !== outPath) await copyFile(speech.wavPath, outPath);
      return { durationSec: speech.durationSec, words: speech.words, phones: speech.phones };
    },
  });
  return { wavPath: outPath, ...timings };
}

function fitLength(frames: readonly Viseme[], length: number): Viseme[] {
  const out = frames.slice(0, length);
  while (out.length < length) out.push('X');
  return out;
}
