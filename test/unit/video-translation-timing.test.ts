// The timing half of video translation, as pure functions: sentences from words, speeds within
// 0.8–1.25×, placement that never overlaps, the re-render plan's scenes and pauses, and reading an
// Orator render's captions back to place its scenes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderPlan, ScenePlan } from '../../src/domain/render-plan.js';
import { parseSpeechText } from '../../src/domain/speech-text.js';
import { anchorsFromCaptions } from '../../src/services/translations/own-render-script.js';
import { fittedSpeed, scheduleSpeech } from '../../src/services/translations/schedule-speech.js';
import { sentencesFromWords } from '../../src/services/translations/sentence-segments.js';
import { parseSrt } from '../../src/services/translations/srt-cues.js';
import { buildTranslatedPlan, pauseTags, scenesToSplit, voiceText } from '../../src/services/translations/translated-render-plan.js';
import { chooseVoice, resolveTargetLanguage, translationLanguages } from '../../src/services/translations/translation-languages.js';

const w = (word: string, start: number, end: number) => ({ word, start, end });

test('a script splits at sentence ends; recognised words split at pauses; a long run at its widest gap', () => {
  const script = [w('Hello', 0, 0.3), w('there.', 0.3, 0.6), w('Welcome', 0.7, 1), w('back!', 1, 1.4), w('Bye', 1.5, 1.8)];
  assert.deepEqual(sentencesFromWords(script, { scene: 2 }), [
    { text: 'Hello there.', start: 0, end: 0.6, scene: 2 },
    { text: 'Welcome back!', start: 0.7, end: 1.4, scene: 2 },
    { text: 'Bye', start: 1.5, end: 1.8, scene: 2 },
  ]);
  const heard = [w('hello', 0, 0.3), w('there', 0.3, 0.6), w('welcome', 1.0, 1.3), w('back', 1.32, 1.6)];
  assert.deepEqual(sentencesFromWords(heard, { pauseSec: 0.3 }).map((s) => s.text), ['hello there', 'welcome back']);
  const run = Array.from({ length: 12 }, (_x, i) => w(`w${i}`, i * 0.3 + (i >= 7 ? 0.2 : 0), i * 0.3 + 0.28 + (i >= 7 ? 0.2 : 0)));
  assert.deepEqual(sentencesFromWords(run, { maxWords: 8 }).map((s) => s.text.split(' ').length), [7, 5]);
});

test('speed fits the source length within 0.8–1.25×', () => {
  assert.equal(fittedSpeed(2, 2), 1);
  assert.equal(fittedSpeed(2.2, 2), 1.1);
  assert.equal(fittedSpeed(4, 2), 1.25);
  assert.equal(fittedSpeed(1, 2), 0.8);
  assert.equal(fittedSpeed(0, 2), 1);
});

test('each sentence starts at its source time, pushed later only when the one before still speaks', () => {
  const take = (durationSec: number, lead = 0) => ({ durationSec, lead });
  const s = scheduleSpeech(
    [{ start: 0, end: 6 }],
    [
      { span: 0, sourceStart: 0.5, take: take(1, 0.1) },
      { span: 0, sourceStart: 1.2, take: take(2) }, // the first still speaks until 1.5
      { span: 0, sourceStart: 5, take: take(2) },
    ],
  );
  assert.deepEqual(s.placed.map((p) => +p.start.toFixed(3)), [0.5, 1.48, 5]);
  for (let i = 1; i < s.placed.length; i++) assert.ok(s.placed[i]!.pieceStart >= s.placed[i - 1]!.pieceEnd, 'no overlap');
  // The last sentence runs past the source's end: the span grows to hold it.
  assert.ok(s.spans[0]!.end >= s.placed[2]!.pieceEnd);
});

test('a silent scene keeps its length; a later scene starts where an overgrown one ended', () => {
  const s = scheduleSpeech(
    [{ start: 0, end: 2 }, { start: 2, end: 3, silent: true }, { start: 3, end: 5 }],
    [
      { span: 0, sourceStart: 0.1, take: { durationSec: 2.5, lead: 0 } },
      { span: 2, sourceStart: 3.1, take: { durationSec: 1, lead: 0 } },
    ],
  );
  assert.ok(s.spans[0]!.end > 2.5);
  assert.equal(+(s.spans[1]!.end - s.spans[1]!.start).toFixed(6), 1);
  assert.equal(s.spans[2]!.start, s.spans[1]!.end);
  assert.ok(s.placed[1]!.start >= s.spans[2]!.start);
});

const scene = (voice: ScenePlan['voice'], extra: Partial<ScenePlan> = {}): ScenePlan => ({
  character: { type: 'avatar', avatarId: 'amara_office_front', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: true },
  voice,
  background: { type: 'color', color: '#336699' },
  ...extra,
});
const text = (t: string): ScenePlan['voice'] => ({ type: 'text', voiceId: 'espeak_en-us_f', text: t, speed: 1, pitch: 0, volume: 0.8 });
const plan = (scenes: ScenePlan[]): RenderPlan => ({ width: 320, height: 180, fps: 25, seed: 7, format: 'mp4', burnCaptions: false, scenes });

test('the re-render plan: still scenes cut per sentence, each held to its frames; clip scenes stay whole', () => {
  const source = plan([
    scene(text('One. Two.')),
    scene(text('Three. Four.'), { background: { type: 'video', source: { url: 'https://example.com/b.mp4' }, fit: 'cover', playStyle: 'loop' }, transition: { type: 'fade', seconds: 0.5 } }),
  ]);
  const split = scenesToSplit(source, [2, 2]);
  assert.deepEqual(split, [true, false]);
  const placed = (pieceStart: number, pieceEnd: number) => ({ start: pieceStart, pieceStart, pieceEnd });
  const out = buildTranslatedPlan(
    source,
    [{ start: 0, end: 2 }, { start: 2, end: 4.5 }],
    [
      { scene: 0, text: 'Uno.', speed: 1.1, placed: placed(0.1, 0.6) },
      { scene: 0, text: 'Dos.', speed: 0.9, placed: placed(1.01, 1.5) },
      { scene: 1, text: 'Tres.', speed: 1.2, placed: placed(2.2, 2.9) },
      { scene: 1, text: 'Cuatro.', speed: 1.2, placed: placed(3.3, 4) },
    ],
    { voiceId: 'espeak_es_f', split },
  );
  assert.equal(out.scenes.length, 3);
  const voices = out.scenes.map((s) => s.voice as Extract<ScenePlan['voice'], { type: 'text' }>);
  assert.deepEqual(voices.map((v) => v.speed), [1.1, 0.9, 1.2]);
  assert.ok(voices.every((v) => v.voiceId === 'espeak_es_f' && v.volume === 0.8 && v.pitch === 0));
  // Frames: 0–25 (the second sentence's scene starts on frame 25, at 1.00 s), 25–50, 50–113.
  assert.deepEqual(out.scenes.map((s) => s.length), [{ type: 'at_least', seconds: 1 }, { type: 'at_least', seconds: 1 }, { type: 'at_least', seconds: 2.52 }]);
  assert.deepEqual(parseSpeechText(voices[0]!.text), [{ type: 'pause', durationSec: 0.1 }, { type: 'text', text: 'Uno.' }]);
  assert.deepEqual(parseSpeechText(voices[1]!.text), [{ type: 'pause', durationSec: 0.01 }, { type: 'text', text: 'Dos.' }]);
  assert.deepEqual(parseSpeechText(voices[2]!.text), [
    { type: 'pause', durationSec: 0.2 },
    { type: 'text', text: 'Tres.' },
    { type: 'pause', durationSec: 0.4 },
    { type: 'text', text: 'Cuatro.' },
  ]);
  assert.equal(out.scenes[2]!.transition?.type, 'fade', 'the scene keeps its transition');
  assert.equal(out.scenes[1]!.transition, undefined, 'a cut inside a scene is not a transition');
  assert.equal(out.seed, 7);
});

test('pauses over the speech parser’s 10 s limit become several breaks; text is escaped', () => {
  assert.equal(pauseTags(12.5), '<break time="10000ms"/><break time="2500ms"/>');
  assert.equal(pauseTags(-0.2), '');
  const t = voiceText([{ scene: 0, text: 'a < b & c', speed: 1, placed: { start: 1, pieceStart: 1, pieceEnd: 2 } }], 0);
  assert.deepEqual(parseSpeechText(t), [{ type: 'pause', durationSec: 1 }, { type: 'text', text: 'a < b & c' }]);
});

test('an Orator render’s captions place its scenes: a scene’s first word opening a cue is an anchor', () => {
  const srt = '1\n00:00:00,100 --> 00:00:00,600\nHello there.\n\n2\n00:00:03,525 --> 00:00:04,675\nThank you for watching\n';
  assert.deepEqual(parseSrt(srt), [{ start: 0.1, end: 0.6, text: 'Hello there.' }, { start: 3.525, end: 4.675, text: 'Thank you for watching' }]);
  const scene1 = [w('Hello', 0.1, 0.4), w('there.', 0.4, 0.6)];
  const scene2 = [w('Thank', 0.165, 0.5), w('you', 0.5, 0.6), w('for', 0.6, 0.8), w('watching', 0.8, 1.2)];
  const anchors = anchorsFromCaptions(srt, [scene1, scene2]);
  assert.equal(anchors[0], 0);
  assert.ok(Math.abs(anchors[1]! - 3.36) < 1e-9);
  // Other words than the captions hold (another engine version): no anchors at all.
  assert.deepEqual(anchorsFromCaptions(srt, [scene1, scene2.slice(1)]), [undefined, undefined]);
});

test('languages: a pair without a voice is not offered; names and locales resolve; a miss lists what is supported', () => {
  const voices = [
    { voice_id: 'espeak_es_f', language: 'Spanish', locale: 'es-ES', gender: 'female' as const },
    { voice_id: 'espeak_es_m', language: 'Spanish', locale: 'es-ES', gender: 'male' as const },
    { voice_id: 'espeak_ca_f', language: 'Catalan', locale: 'ca-ES', gender: 'female' as const },
    { voice_id: 'flite_slt', language: 'English', locale: 'en-US', gender: 'female' as const },
  ];
  const pairs = [{ source: 'en', target: 'es' }, { source: 'en', target: 'ca' }, { source: 'en', target: 'gl' }, { source: 'es', target: 'en' }];
  const list = translationLanguages(pairs, voices);
  assert.deepEqual(list.map((l) => [l.language, l.sourceLanguages]), [['ca', ['en']], ['en', ['es']], ['es', ['en']]]);
  for (const asked of ['es', 'es-ES', 'es_MX', 'Spanish', 'spanish (Spain)']) assert.equal(resolveTargetLanguage(asked, list, 'en', 'output_language'), 'es');
  assert.throws(() => resolveTargetLanguage('gl', list, 'en', 'output_language'), /output_language "gl" is not supported from en; supported: ca \(Catalan\), es \(Spanish\)/);
  assert.equal(chooseVoice(voices, 'es', undefined, 'male').voice_id, 'espeak_es_m');
  assert.throws(() => chooseVoice(voices, 'es', 'flite_slt', undefined), /speaks English \(en\), not the target language es/);
  assert.throws(() => chooseVoice(voices, 'es', 'nope', undefined), (e: any) => e.kind === 'voice_not_found');
});
