// Music and clip sound under the voices (issue #12): the ducking envelope, the mix graph and the
// decode argv, as data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audioGraph, audioLayerChain, voicesOnlyOutputArgs, type AudioLayerInput } from '../../src/render/compose/audio-graph.js';
import { duckingVolumeExpression, mergeSpeechSpans } from '../../src/render/compose/ducking-envelope.js';
import { buildLayerAudioArgs, clipPlayLength, trimmedLength } from '../../src/render/media/layer-media.js';
import { layerSpan, speechSpansOf } from '../../src/render/stages/audio-layers.js';
import { OratorError } from '../../src/domain/errors.js';
import type { MediaProbe } from '../../src/render/media/probe-media.js';

/** Evaluates a `volume` expression at `t` (its clip/min/max read the same in JavaScript). */
function gainAt(expression: string, t: number): number {
  const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
  return new Function('t', 'clip', 'min', `return ${expression};`)(t, clip, Math.min) as number;
}

test('word times merge into speech spans: breaths stay inside, pauses split', () => {
  const words = [
    { start: 1.2, end: 1.5 }, { start: 0.2, end: 0.6 }, { start: 0.7, end: 1.0 }, // 0.1 s and 0.2 s gaps
    { start: 2.5, end: 3.0 }, // a 1 s pause before it
    { start: 3.1, end: 3.1 }, // empty: dropped
  ];
  assert.deepEqual(mergeSpeechSpans(words), [{ start: 0.2, end: 1.5 }, { start: 2.5, end: 3.0 }]);
  assert.deepEqual(mergeSpeechSpans(words, 1.1), [{ start: 0.2, end: 3.0 }]);
  assert.deepEqual(mergeSpeechSpans([]), []);
});

test('ducking gain: full outside speech, volume × factor inside, 150 ms ramps just before and after', () => {
  const expr = duckingVolumeExpression([{ start: 1, end: 2 }, { start: 4, end: 4.5 }], 0.8, 0.25);
  const at = (t: number): number => Math.round(gainAt(expr, t) * 1000) / 1000;
  assert.equal(at(0), 0.8);
  assert.equal(at(0.85), 0.8); // the ramp starts 150 ms before the first word
  assert.equal(at(0.925), 0.5); // halfway down: 0.8 × (1 − 0.75 × 0.5)
  assert.equal(at(1), 0.2);
  assert.equal(at(1.5), 0.2);
  assert.equal(at(2), 0.2);
  assert.equal(at(2.15), 0.8);
  assert.equal(at(3), 0.8);
  assert.equal(at(4.2), 0.2);
  assert.equal(at(5), 0.8);
  // A span starting at 0 is already low at the first sample (its ramp lies before the layer).
  assert.equal(Math.round(gainAt(duckingVolumeExpression([{ start: 0.05, end: 1 }], 1, 0.5), 0) * 1000) / 1000, 0.667);
  assert.equal(duckingVolumeExpression([], 0.7, 0.2), '0.7');
  assert.equal(duckingVolumeExpression([{ start: 1, end: 2 }], 0.7, 1), '0.7');
});

test('ramps of two spans closer than two ramps never stack: the spans are merged first', () => {
  const expr = duckingVolumeExpression([{ start: 1, end: 2 }, { start: 2.2, end: 3 }], 1, 0.5);
  for (let t = 0; t <= 4; t += 0.01) assert.ok(gainAt(expr, t) >= 0.5 - 1e-9, `gain ${gainAt(expr, t)} at ${t}`);
  assert.equal(gainAt(expr, 2.1), 0.5);
});

const music = (over: Partial<AudioLayerInput> = {}): AudioLayerInput => ({ path: '/w/music.wav', startSec: 1, endSec: 3, volume: 0.5, loop: true, ...over });

test('layers are summed onto the voices at unit weight, looped inputs to fill their span, delayed to their start', () => {
  const inputs: string[][] = [];
  const graph: string[] = [];
  const out = audioGraph(
    { audio: [{ path: '/w/s0.wav', frames: 50 }, { path: null, frames: 50 }], audioLayers: [music(), music({ path: '/w/clip.wav', startSec: 0, endSec: 0.5, volume: 1, loop: false })], fps: 25 },
    graph,
    (args) => inputs.push(args) - 1,
  );
  assert.deepEqual(out, { main: 'amix', voicesOnly: null });
  assert.deepEqual(inputs, [['-i', '/w/s0.wav'], ['-stream_loop', '-1', '-i', '/w/music.wav'], ['-i', '/w/clip.wav']]);
  assert.deepEqual(graph.slice(3), [
    '[1:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=mono,atrim=end_sample=96000,asetpts=PTS-STARTPTS,volume=0.5,adelay=delays=48000S:all=1[ml0]',
    '[2:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=mono,atrim=end_sample=24000,asetpts=PTS-STARTPTS,volume=1[ml1]',
    '[aout][ml0][ml1]amix=inputs=3:duration=first:dropout_transition=0:normalize=0[amix]',
  ]);
});

test('no layers (or only silent or empty ones): the voices alone, as before', () => {
  for (const audioLayers of [undefined, [], [music({ volume: 0 })], [music({ startSec: 2, endSec: 2 })]]) {
    const graph: string[] = [];
    const out = audioGraph({ audio: [{ path: '/w/s0.wav', frames: 50 }], ...(audioLayers ? { audioLayers } : {}), fps: 25 }, graph, () => 0);
    assert.deepEqual(out, { main: 'a0', voicesOnly: null });
    assert.equal(graph.length, 1);
  }
});

test('asked for, the voices alone are split off before the music and written as a WAV beside the video', () => {
  const graph: string[] = [];
  const out = audioGraph({ audio: [{ path: '/w/s0.wav', frames: 50 }], audioLayers: [music()], fps: 25, voicesOnlyPath: '/w/voices.wav' }, graph, (args) => (args.includes('/w/s0.wav') ? 0 : 1));
  assert.deepEqual(out, { main: 'amix', voicesOnly: 'vonly' });
  assert.ok(graph.includes('[a0]asplit=2[vmix][vonly]'));
  assert.ok(graph.at(-1)!.startsWith('[vmix][ml0]amix='));
  assert.deepEqual(voicesOnlyOutputArgs(out.voicesOnly, '/w/voices.wav'), ['-map', '[vonly]', '-c:a', 'pcm_s16le', '/w/voices.wav']);
  // Without music there is nothing to split: the video's own sound is the voices.
  const plain = audioGraph({ audio: [{ path: '/w/s0.wav', frames: 50 }], fps: 25, voicesOnlyPath: '/w/voices.wav' }, [], () => 0);
  assert.equal(plain.voicesOnly, null);
  assert.deepEqual(voicesOnlyOutputArgs(plain.voicesOnly, '/w/voices.wav'), []);
});

test('a ducked layer evaluates its gain per 10 ms frame on its own clock', () => {
  const chain = audioLayerChain(music({ ducking: { factor: 0.2, spans: [{ start: 1.5, end: 2 }] } }));
  assert.equal(
    chain,
    "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=mono,atrim=end_sample=96000,asetpts=PTS-STARTPTS,asetnsamples=n=480,volume='0.5*(1-0.8*(clip(min((t-0.35)/0.15,(1.15-t)/0.15),0,1)))':eval=frame,adelay=delays=48000S:all=1",
  );
});

test('layer spans: the layer inside its scene, on the video timeline; cut at the scene end', () => {
  const scene = { startSec: 4, lengthSec: 3 };
  assert.deepEqual(layerSpan({ start: 0.5 }, scene), { start: 4.5, end: 7 });
  assert.deepEqual(layerSpan({ start: 1, end: 2 }, scene), { start: 5, end: 6 });
  assert.deepEqual(layerSpan({ start: 1, end: 9 }, scene), { start: 5, end: 7 });
  assert.equal(layerSpan({ start: 3 }, scene), null);
  assert.equal(layerSpan({ start: 2, end: 1 }, scene), null);
});

test('speech spans come from the words, else from the frames where the mouth moves', () => {
  const words = [{ word: 'Hi', start: 0.1, end: 0.4 }, { word: 'there', start: 0.5, end: 0.9 }, { word: 'again', start: 2, end: 2.4 }];
  assert.deepEqual(speechSpansOf({ words, visemes: [] }, 10, 25), [{ start: 10.1, end: 10.9 }, { start: 12, end: 12.4 }]);
  const visemes = ['X', 'B', 'C', 'X', 'X', ...new Array<'X'>(20).fill('X'), 'D', 'X'] as const;
  assert.deepEqual(speechSpansOf({ words: [], visemes: [...visemes] }, 0, 25), [{ start: 0.04, end: 0.12 }, { start: 1, end: 1.04 }]);
});

test('decode argv: the heard cut of the first sound stream, mono at the output rate; padded when it loops', () => {
  assert.deepEqual(buildLayerAudioArgs('/w/m.mp3', '/w/m.wav', { fromSec: 0, seconds: 4 }, 48000), [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', '/w/m.mp3', '-t', '4', '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '48000',
    '-c:a', 'pcm_s16le', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'wav', '/w/m.wav',
  ]);
  const looped = buildLayerAudioArgs('/w/c.mp4', '/w/c.wav', { fromSec: 1.5, seconds: 2, padded: true }, 48000);
  assert.deepEqual(looped.slice(5, 15), ['-ss', '1.5', '-i', '/w/c.mp4', '-t', '2', '-map', '0:a:0', '-vn', '-af']);
  assert.equal(looped[15], 'apad');
});

test('trimmed clip length; a trim past the end is refused naming the layer', () => {
  assert.equal(trimmedLength(5, { start: 1 }), 4);
  assert.equal(trimmedLength(5, { start: 1, end: 3 }), 2);
  assert.equal(trimmedLength(5, { start: 1, end: 9 }), 4);
  const probe: MediaProbe = { durationSec: 2, formatName: 'mov,mp4', video: null, audio: null };
  const ref = { param: 'scenes[1].timed_layers[0]', source: { url: 'https://example.com/clip.mp4' } };
  assert.throws(() => clipPlayLength(probe, { start: 3 }, ref), (e: unknown) =>
    e instanceof OratorError && e.param === 'scenes[1].timed_layers[0]' && /trim from 3 s leaves nothing of https:\/\/example.com\/clip.mp4, which lasts 2 s/.test(e.message));
});
