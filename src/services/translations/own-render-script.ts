// What an Orator render said and when, without listening to it: the stored plan holds every scene's
// script, voice, speed and pitch, so speaking each scene again (deterministic, milliseconds for espeak)
// gives its words' times inside the scene; the stored captions say where each scene's first word fell
// in the video, which places the scenes (scene lengths alone would miss clip-timed scenes).
import path from 'node:path';
import type { RenderPlan, ScenePlan } from '../../domain/render-plan.js';
import type { SourceSentence, TimedWord } from '../../domain/video-translation.js';
import { sentencesFromWords } from './sentence-segments.js';
import type { SourceSpan } from './schedule-speech.js';
import { parseSrt } from './srt-cues.js';
import type { TranslationSpeech } from './translation-ports.js';

export interface OwnRenderScript {
  spans: SourceSpan[];
  sentences: SourceSentence[];
}

type TextVoice = Extract<ScenePlan['voice'], { type: 'text' }>;

/** The plan can be re-rendered with new speech only when every voice is a script or a silence. */
export function scriptedVoices(plan: RenderPlan): boolean {
  return plan.scenes.every((s) => s.voice.type === 'text' || s.voice.type === 'silence');
}

/** The scene's length in frames when its voice and an at_least rule decide it; undefined for clip-timed scenes. */
function sceneFrames(scene: ScenePlan, fps: number, speechSec: number): number | undefined {
  const voiceFrames = Math.max(1, Math.round((scene.voice.type === 'silence' ? scene.voice.durationSec : speechSec) * fps));
  if (!scene.length) return voiceFrames;
  if (scene.length.type === 'at_least') return Math.max(voiceFrames, Math.round(scene.length.seconds * fps));
  return undefined;
}

/**
 * Where each scene's first word starts in the video, from the captions: cue texts are the words in order,
 * so counting words tells which cue a scene's first word opens. Undefined where it is mid-cue.
 */
export function anchorsFromCaptions(srt: string, wordsPerScene: readonly (readonly TimedWord[])[]): (number | undefined)[] {
  const cues = parseSrt(srt);
  const cueStartAtWord = new Map<number, number>();
  let count = 0;
  for (const cue of cues) {
    cueStartAtWord.set(count, cue.start);
    count += cue.text.split(/\s+/).filter(Boolean).length;
  }
  const total = wordsPerScene.reduce((n, w) => n + w.length, 0);
  // Another word count means other words (a changed voice engine): trust none of them.
  if (count !== total) return wordsPerScene.map(() => undefined);
  let index = 0;
  return wordsPerScene.map((words) => {
    const anchor = words.length > 0 ? cueStartAtWord.get(index) : undefined;
    index += words.length;
    return anchor === undefined ? undefined : anchor - words[0]!.start;
  });
}

export async function readOwnRenderScript(
  plan: RenderPlan,
  captions: string | null,
  durationSec: number,
  deps: { speech: TranslationSpeech; workDir: string; signal?: AbortSignal },
): Promise<OwnRenderScript> {
  const spoken: { words: TimedWord[]; durationSec: number }[] = [];
  for (const [i, scene] of plan.scenes.entries()) {
    if (scene.voice.type !== 'text') {
      spoken.push({ words: [], durationSec: 0 });
      continue;
    }
    const v: TextVoice = scene.voice;
    const outPath = path.join(deps.workDir, `source-scene-${i}.wav`);
    spoken.push(await deps.speech.synthesize({ text: v.text, voiceId: v.voiceId, speed: v.speed, pitch: v.pitch, outPath, ...(deps.signal ? { signal: deps.signal } : {}) }));
  }
  const anchors = captions ? anchorsFromCaptions(captions, spoken.map((s) => s.words)) : plan.scenes.map(() => undefined);
  const starts: number[] = [];
  let next = 0;
  for (const [i, scene] of plan.scenes.entries()) {
    const start = i === 0 ? 0 : (anchors[i] ?? next);
    starts.push(start);
    const frames = sceneFrames(scene, plan.fps, spoken[i]!.durationSec);
    next = start + (frames === undefined ? spoken[i]!.durationSec : frames / plan.fps);
  }
  const spans: SourceSpan[] = plan.scenes.map((scene, i) => ({
    start: starts[i]!,
    end: i + 1 < starts.length ? starts[i + 1]! : Math.max(durationSec, next),
    ...(scene.voice.type === 'text' ? {} : { silent: true }),
  }));
  const sentences = spoken.flatMap((s, i) =>
    sentencesFromWords(s.words.map((w) => ({ word: w.word, start: w.start + starts[i]!, end: w.end + starts[i]! })), { scene: i }),
  );
  return { spans, sentences };
}
