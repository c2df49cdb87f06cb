// The photo lip-sync figures from their series: correlation with loudness, openings in speech and in
// real pauses (not the short gaps between words), and which mouth shape a decoded crop shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchMouths } from '../../src/render/quality/measure-photo-stills.js';
import { photoLipSyncFigures, sampledFrameNumbers } from '../../src/render/quality/measure-photo-lip-sync.js';

describe('photoLipSyncFigures', () => {
  it('a mouth that opens with the voice and rests in the pause scores high; a frozen one scores zero', () => {
    // 1 s of speech (loudness alternating syllables), 1 s of silence, at 25 fps.
    const loud = Array.from({ length: 50 }, (_, f) => (f < 25 ? (f % 5 < 3 ? 0.3 : 0.05) : 0));
    const offsets = loud.map((_, f) => f);
    const following = loud.map((l) => 0.05 + l);
    const good = photoLipSyncFigures(following, offsets, loud, 25);
    assert.ok(good.lipGapCorrelation > 0.99);
    assert.equal(good.pauseOpening, 0.05);
    assert.ok(good.openingRatio! > 4, JSON.stringify(good));
    const frozen = photoLipSyncFigures(loud.map(() => 0.2), offsets, loud, 25);
    assert.equal(frozen.lipGapCorrelation, 0);
    assert.equal(frozen.openingRatio, 1);
  });

  it('counts only silences of 0.3 s or more as pauses, and skips frames where the face was lost', () => {
    const loud = Array.from({ length: 40 }, (_, f) => (f === 10 || f === 11 ? 0 : f < 30 ? 0.3 : 0));
    const gaps = loud.map((_, f) => (f === 5 ? null : f >= 30 ? 0.02 : 0.2));
    const figures = photoLipSyncFigures(gaps, loud.map((_, f) => f), loud, 25);
    assert.equal(figures.pauseOpening, 0.02);
    assert.equal(figures.trackedFrames, 39);
    assert.equal(figures.sampledFrames, 40);
  });

  it('samples evenly within the span', () => {
    assert.deepEqual(sampledFrameNumbers(10, 10, 4), [10, 13, 16, 19]);
    assert.deepEqual(sampledFrameNumbers(0, 3, 10), [0, 1, 2]);
  });
});

describe('matchMouths', () => {
  it('tells which shape a crop shows, through a sway of a pixel or two', () => {
    const w = 6;
    const h = 4;
    const shape = (dark: number): Uint8Array => Uint8Array.from({ length: w * h }, (_, i) => (Math.floor(i / w) >= h - dark ? 30 : 200));
    const refs = [{ viseme: 'X' as const, luma: shape(0) }, { viseme: 'D' as const, luma: shape(3) }, { viseme: 'B' as const, luma: shape(1) }];
    // Crops are the box grown by 1 px on every side, with the picture moved by one pixel.
    const crop = (ref: Uint8Array): Uint8Array => {
      const out = new Uint8Array((w + 2) * (h + 2)).fill(120);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(y + 2) * (w + 2) + x + 1] = ref[y * w + x]!;
      return out;
    };
    const crops = new Uint8Array([...crop(shape(3)), ...crop(shape(0)), ...crop(shape(1))]);
    assert.deepEqual(matchMouths(crops, w + 2, h + 2, 3, refs, w, h, 1), ['D', 'X', 'B']);
  });
});
