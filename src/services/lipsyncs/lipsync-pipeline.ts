// A lip-sync run. An Orator render of one scene is rendered again with the new audio or script as its
// voice, so the avatar's mouth follows it by construction. Anything else (footage, or a render of several
// scenes) keeps its picture and gets the new sound in place of the old: audio replacement only, the mouth
// is not re-drawn (the resync field of the result says which happened).
import path from 'node:path';
import { OratorError } from '../../domain/errors.js';
import type { RenderPlan } from '../../domain/render-plan.js';
import type { VideoRecord } from '../../domain/video.js';
import type { ProbedMedia } from '../assets/asset-ports.js';
import type { BlobStore, RenderEngine } from '../ports.js';
import type { PipelineContext, PipelineResult } from '../translations/translation-pipeline.js';
import { resyncFootage } from '../translations/footage-mouth.js';
import { rerenderPlan } from '../translations/rerender-plan.js';
import { escapeForSpeech } from '../translations/speak-translation.js';


function checkPicture(probe: ProbedMedia | undefined, label: string, maxSec: number): ProbedMedia {
  const param = 'video';
  if (!probe || probe.truncated) throw new OratorError('video_file_corrupted', `${label} could not be read as a video: the file is damaged or cut short`, { param });
  if (!probe.video) throw new OratorError('empty_video_stream', `${label} has no video stream (send a video, not a sound file)`, { param });
  if (probe.durationSec > maxSec) throw new OratorError('video_too_long', `${label} is ${probe.durationSec.toFixed(1)} s long; this server lip-syncs videos of at most ${maxSec} s`, { param });
  return probe;
}

/** The new audio next to the work, checked to hold sound. */
async function newAudio(ctx: PipelineContext): Promise<string> {
  const audio = ctx.translation.options.audio!;
  const label = audio.type === 'url' ? audio.url.split('?')[0]! : audio.label;
  const ext = path.extname(audio.type === 'url' ? new URL(audio.url).pathname : audio.blobKey).slice(0, 8) || '.wav';
  const file = path.join(ctx.workDir, `new-audio${ext}`);
  await ctx.readSupplied(audio, file);
  const probe = await ctx.engines.media.probe(file);
  if (!probe || probe.truncated) throw new OratorError('video_file_corrupted', `audio ${label} could not be read: the file is damaged or not a sound file`, { param: 'audio' });
  if (!probe.hasAudio) throw new OratorError('empty_audio_stream', `audio ${label} has no audio stream`, { param: 'audio' });
  return file;
}

const engines = (ctx: PipelineContext, resync: string) => ({
  transcript: 'none (lip-sync: the new sound is given)',
  translation: 'none (lip-sync)',
  speech: ctx.translation.options.audio ? 'the audio given' : `${ctx.engines.speech.engineOf(ctx.translation.voiceId)} (${ctx.translation.voiceId})`,
  resync,
});

export async function lipsyncFootage(ctx: PipelineContext, videoPath: string, maxSec: number): Promise<PipelineResult> {
  const t = ctx.translation;
  const { media } = ctx.engines;
  await ctx.stage('preparing', 5);
  const probe = checkPicture(await media.probe(videoPath), t.sourceLabel, maxSec);
  await ctx.stage('speaking', 20);
  let dub: string;
  let durationSec = probe.durationSec;
  let words: { word: string; start: number; end: number }[] = [];
  if (t.options.audio) {
    dub = await newAudio(ctx);
  } else {
    const spoken = path.join(ctx.workDir, 'script.wav');
    const speech = await ctx.engines.speech.synthesize({ text: escapeForSpeech(t.options.text ?? ''), voiceId: t.voiceId, speed: 1, pitch: 0, outPath: spoken, signal: ctx.signal });
    words = speech.words;
    durationSec = Math.max(durationSec, speech.durationSec);
    dub = path.join(ctx.workDir, 'dub.wav');
    await media.assembleDub([{ wavPath: spoken, start: 0 }], durationSec, dub);
  }
  await ctx.stage('rendering', 50);
  const video = path.join(ctx.workDir, 'lipsynced.mp4');
  await media.replaceSpeech({ videoPath, dubWav: dub, outPath: video, original: 'dropped', speechSpans: [] }, ctx.signal);
  const srt = path.join(ctx.workDir, 'captions.srt');
  const vtt = path.join(ctx.workDir, 'captions.vtt');
  await media.writeCaptions(words, srt, vtt);
  await ctx.stage('rendering', 70);
  const resynced = await resyncFootage(ctx, videoPath, dub, video);
  return { video: resynced.video, audio: dub, srt, vtt, durationSec, script: [], engines: engines(ctx, resynced.resync) };
}

/** Only a one-scene render can take a new voice whole; undefined: treat it as footage. */
export function lipsyncPlan(plan: RenderPlan, voice: { text: string; voiceId: string } | { audioPath: string }): RenderPlan | undefined {
  if (plan.scenes.length !== 1) return undefined;
  const scene = plan.scenes[0]!;
  const newVoice =
    'audioPath' in voice
      ? { type: 'audio' as const, source: { path: voice.audioPath, label: 'the lip-sync audio' } }
      : { type: 'text' as const, voiceId: voice.voiceId, text: escapeForSpeech(voice.text), speed: 1, pitch: 0 };
  // The new voice decides the length: a length rule fitted to the old speech would cut or pad it.
  return { ...plan, scenes: [{ ...scene, voice: newVoice, length: undefined }] };
}

export async function lipsyncOwnRender(
  ctx: PipelineContext,
  deps: { engine: Pick<RenderEngine, 'validate' | 'render' | 'extractAudio'>; blobs: BlobStore },
  video: VideoRecord,
  asFootage: () => Promise<PipelineResult>,
): Promise<PipelineResult> {
  const t = ctx.translation;
  if (video.plan.scenes.length !== 1) return asFootage();
  await ctx.stage('preparing', 5);
  const voice = t.options.audio ? { audioPath: await newAudio(ctx) } : { text: t.options.text ?? '', voiceId: t.voiceId };
  const plan = lipsyncPlan(video.plan, voice)!;
  deps.engine.validate(plan);
  const { result, audio } = await rerenderPlan(ctx, deps, plan, { from: 20, span: 0.75 });
  return {
    video: result.video,
    audio,
    srt: result.srt,
    vtt: result.vtt,
    durationSec: result.durationSec,
    script: [],
    engines: engines(ctx, 're-rendered: the avatar speaks the new sound (mouth in sync by construction)'),
  };
}
