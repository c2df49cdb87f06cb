// The re-render of an Orator video in another language: the same plan (avatar, background, layout,
// layers, seed) with each scene's voice replaced by the translated sentences, so the mouth follows the
// new speech by construction. A still scene is cut into one scene per sentence so each sentence keeps its
// own fitted speed; a scene whose clip, layers or music run through it stays whole and speaks all its
// sentences at one speed. Either way <break> pauses put every sentence at its scheduled time, and each
// scene is held to its scheduled length in whole frames.
import type { RenderPlan, ScenePlan } from '../../domain/render-plan.js';
import { MAX_PAUSE_SEC } from '../../domain/speech-text.js';
import type { PlacedTake } from './schedule-speech.js';

/** The render engine's scene limit (render/validate-render-plan.ts): more sentences keep scenes whole. */
export const MAX_PLAN_SCENES = 50;

export interface PlannedSentence {
  scene: number;
  text: string;
  speed: number;
  placed: PlacedTake;
}

/** A scene whose picture does not run on a clock of its own can be cut between sentences. */
export function canSplitScene(scene: ScenePlan): boolean {
  return scene.background.type !== 'video' && !scene.timedLayers?.length && !scene.audioLayers?.length;
}

/** Which scenes are cut per sentence: the still ones, unless that would pass the engine's scene limit. */
export function scenesToSplit(plan: RenderPlan, sentencesPerScene: readonly number[]): boolean[] {
  const split = plan.scenes.map((s, i) => canSplitScene(s) && (sentencesPerScene[i] ?? 0) > 1);
  const count = plan.scenes.reduce((n, _s, i) => n + (split[i] ? sentencesPerScene[i]! : 1), 0);
  return count <= MAX_PLAN_SCENES ? split : plan.scenes.map(() => false);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** <break> tags for a pause, each within the speech parser's limit. */
export function pauseTags(seconds: number): string {
  let left = Math.round(seconds * 1000);
  const tags: string[] = [];
  while (left > 0) {
    const ms = Math.min(left, MAX_PAUSE_SEC * 1000);
    tags.push(`<break time="${ms}ms"/>`);
    left -= ms;
  }
  return tags.join('');
}

/** The voice text of one output scene starting at `start`: a pause, a sentence, a pause, a sentence … */
export function voiceText(sentences: readonly PlannedSentence[], start: number): string {
  let cursor = start;
  const parts: string[] = [];
  for (const s of sentences) {
    parts.push(pauseTags(s.placed.pieceStart - cursor), escapeText(s.text));
    cursor = s.placed.pieceEnd;
  }
  return parts.filter(Boolean).join(' ');
}

interface OutputScene {
  source: number;
  first: boolean;
  sentences: PlannedSentence[];
  startFrame: number;
  endFrame: number;
}

function outputScenes(plan: RenderPlan, spans: readonly { start: number; end: number }[], sentences: readonly PlannedSentence[], split: readonly boolean[]): OutputScene[] {
  const fps = plan.fps;
  const out: OutputScene[] = [];
  for (const [i, span] of spans.entries()) {
    const own = sentences.filter((s) => s.scene === i);
    const groups = split[i] ? own.map((s) => [s]) : [own];
    // A later sentence's scene starts on the frame at or before its speech, so its pause is never negative.
    const starts = groups.map((g, k) => (k === 0 ? Math.round(span.start * fps) : Math.floor(g[0]!.placed.pieceStart * fps)));
    groups.forEach((g, k) => out.push({ source: i, first: k === 0, sentences: g, startFrame: starts[k]!, endFrame: k + 1 < starts.length ? starts[k + 1]! : Math.round(span.end * fps) }));
  }
  return out;
}

export function buildTranslatedPlan(
  plan: RenderPlan,
  spans: readonly { start: number; end: number }[],
  sentences: readonly PlannedSentence[],
  options: { voiceId: string; split: readonly boolean[] },
): RenderPlan {
  const fps = plan.fps;
  const scenes = outputScenes(plan, spans, sentences, options.split).map((o): ScenePlan => {
    const source = plan.scenes[o.source]!;
    const seconds = Math.max(1, o.endFrame - o.startFrame) / fps;
    const { transition, length: _length, ...rest } = source;
    const base: ScenePlan = { ...rest, ...(o.first && transition ? { transition } : {}) };
    if (o.sentences.length === 0) return { ...base, voice: source.voice.type === 'silence' ? source.voice : { type: 'silence', durationSec: seconds }, length: { type: 'at_least', seconds } };
    const volume = source.voice.type === 'text' ? source.voice.volume : undefined;
    const voice: ScenePlan['voice'] = {
      type: 'text',
      voiceId: options.voiceId,
      text: voiceText(o.sentences, o.startFrame / fps),
      speed: o.sentences[0]!.speed,
      pitch: 0,
      ...(volume === undefined ? {} : { volume }),
    };
    return { ...base, voice, length: { type: 'at_least', seconds } };
  });
  return { ...plan, scenes };
}
