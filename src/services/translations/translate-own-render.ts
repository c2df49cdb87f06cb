// An Orator render translated by rendering it again: its script (from the stored plan, placed with the
// stored captions) is translated sentence by sentence, spoken and fitted to the source's timing, and the
// same plan is rendered with that speech, so the avatar's mouth moves with the new words by construction
// and the captions come from the new speech.
import type { VideoRecord } from '../../domain/video.js';
import type { BlobStore, RenderEngine } from '../ports.js';
import { readOwnRenderScript } from './own-render-script.js';
import { rerenderPlan } from './rerender-plan.js';
import { scheduleSpeech } from './schedule-speech.js';
import { speakSentences } from './speak-translation.js';
import { buildTranslatedPlan, scenesToSplit } from './translated-render-plan.js';
import { textsToSpeak } from './source-sentences.js';
import { enginesUsed, noSpeechError, translatedScript, type PipelineContext, type PipelineResult } from './translation-pipeline.js';

export interface OwnRenderDeps {
  engine: Pick<RenderEngine, 'validate' | 'render' | 'extractAudio'>;
  blobs: BlobStore;
}


export async function translateOwnRender(ctx: PipelineContext, deps: OwnRenderDeps, video: VideoRecord, captions: string | null): Promise<PipelineResult> {
  const t = ctx.translation;
  await ctx.stage('transcribing', 5);
  const script = await readOwnRenderScript(video.plan, captions, video.durationSec ?? 0, { speech: ctx.engines.speech, workDir: ctx.workDir, signal: ctx.signal });
  if (script.sentences.length === 0) throw noSpeechError(t.sourceLabel, 'its script has no words');
  await ctx.stage('translating', 15);
  const translated = await textsToSpeak(ctx, script.sentences, true);
  const perScene = video.plan.scenes.map((_s, i) => translated.filter((s) => s.source.scene === i).length);
  const split = scenesToSplit(video.plan, perScene);
  await ctx.stage('speaking', 25);
  const spoken = await speakSentences(
    { speech: ctx.engines.speech, voiceId: t.voiceId, workDir: ctx.workDir, signal: ctx.signal },
    // A scene cut per sentence fits each sentence alone; a whole scene keeps one speed.
    translated.map((s, i) => ({ ...s, group: split[s.source.scene ?? 0] ? i : -1 - (s.source.scene ?? 0) })),
  );
  const schedule = scheduleSpeech(script.spans, spoken.map((s) => ({ span: s.source.scene ?? 0, sourceStart: s.source.start, take: s.take })));
  const plan = buildTranslatedPlan(
    video.plan,
    schedule.spans,
    spoken.map((s, i) => ({ scene: s.source.scene ?? 0, text: s.text, speed: s.speed, placed: schedule.placed[i]! })),
    { voiceId: t.voiceId, split },
  );
  deps.engine.validate(plan);
  const { result, audio } = await rerenderPlan(ctx, deps, plan, { from: 35, span: 0.6 });
  return {
    video: result.video,
    audio,
    srt: result.srt,
    vtt: result.vtt,
    durationSec: result.durationSec,
    script: translatedScript(spoken, schedule.placed),
    engines: enginesUsed(ctx, 'the render’s own script (no recognition)', 're-rendered: the avatar speaks the new speech (mouth in sync by construction)'),
  };
}
