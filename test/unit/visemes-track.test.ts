// Phone → mouth-shape mapping and the per-frame track rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonemeToViseme } from '../../src/render/visemes/phoneme-to-viseme.js';
import { buildVisemeTrack, mouthOpening } from '../../src/render/visemes/viseme-track.js';
import type { PhoneTiming, Viseme } from '../../src/render/visemes/viseme.js';

test('ARPAbet follows the Rhubarb alphabet, any case, stress digits ignored', () => {
  const cases: [string, Viseme][] = [['p', 'A'], ['B', 'A'], ['m', 'A'], ['iy', 'B'], ['T', 'B'], ['eh', 'C'], ['AE1', 'C'], ['aa', 'D'],
    ['ao', 'E'], ['ER0', 'E'], ['uw', 'F'], ['ow', 'F'], ['w', 'F'], ['f', 'G'], ['V', 'G'], ['l', 'H'], ['pau', 'X'], ['SIL', 'X'], ['+NSN+', 'X']];
  for (const [phone, v] of cases) assert.equal(phonemeToViseme(phone, 'arpabet'), v, phone);
});

test('espeak mnemonics map too, unknown symbols fall back to B', () => {
  const cases: [string, Viseme][] = [['p', 'A'], ['m', 'A'], ['f', 'G'], ['v', 'G'], ['l', 'H'], ['A:', 'D'], ['aI', 'D'], ['a#', 'C'], ['E', 'C'],
    ['@2', 'C'], ['i:', 'B'], ['I', 'B'], ['O:', 'E'], ['3:', 'E'], ['u:', 'F'], ['oU', 'F'], ['w', 'F'], ['y', 'F'], ['_:', 'X'], ['_', 'X'], ['D', 'B'], ['tS', 'B'], ['??', 'B']];
  for (const [phone, v] of cases) assert.equal(phonemeToViseme(phone, 'espeak'), v, phone);
});

test('mouth opening: rest and closure 0, wide open 1', () => {
  assert.equal(mouthOpening('X'), 0);
  assert.equal(mouthOpening('A'), 0);
  assert.equal(mouthOpening('D'), 1);
  assert.ok(mouthOpening('C') > mouthOpening('B'));
});

const ph = (viseme: Viseme, start: number, end: number): PhoneTiming => ({ phone: viseme, viseme, start, end });

test('track covers the duration on the frame grid, X in leading and long silences', () => {
  const track = buildVisemeTrack([ph('D', 0.2, 0.4), ph('X', 0.4, 0.8), ph('C', 0.8, 1.0)], 1.2, 25);
  assert.equal(track.fps, 25);
  assert.equal(track.frames.length, 30);
  assert.equal(track.frames[0], 'X');
  assert.equal(track.frames[7], 'D');
  assert.equal(track.frames[14], 'X');
  assert.equal(track.frames[22], 'C');
  assert.equal(track.frames[29], 'X');
});

test('short silences between words keep the mouth neutral, not at rest', () => {
  const track = buildVisemeTrack([ph('D', 0, 0.4), ph('X', 0.4, 0.5), ph('C', 0.5, 1.0)], 1.0, 25);
  assert.ok(!track.frames.slice(1, 24).includes('X'), track.frames.join(''));
});

test('no shape lasts a single frame except closures; short closures survive and come early', () => {
  // 20 ms phones at 25 fps would flicker; the closure is only 15 ms.
  const phones = [ph('D', 0, 0.3), ph('C', 0.3, 0.32), ph('E', 0.32, 0.34), ph('D', 0.34, 0.6), ph('A', 0.6, 0.615), ph('C', 0.615, 1.0)];
  const track = buildVisemeTrack(phones, 1.0, 25);
  const runs: [Viseme, number][] = [];
  for (const f of track.frames) {
    const last = runs[runs.length - 1];
    if (last && last[0] === f) last[1]++;
    else runs.push([f, 1]);
  }
  for (const [v, n] of runs.slice(0, -1)) if (v !== 'A') assert.ok(n >= 2, `${v} lasted ${n} frame: ${track.frames.join('')}`);
  const closure = track.frames.indexOf('A');
  assert.ok(closure >= 0, 'closure kept');
  // The closure starts at 0.60 s = frame 15; anticipated by about one frame.
  assert.ok(closure <= 15 && closure >= 14, `closure at frame ${closure}`);
});
