import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapWithLimit, splitForParallel } from '../../src/render/speech/split-for-parallel.js';

test('long texts split in two at the sentence end nearest the middle; short or unsplittable ones stay whole', () => {
  const a = 'The first sentence is about here. ';
  const text = `${a.repeat(3)}Middle one ends now. ${a.repeat(3)}`.trim();
  assert.deepEqual(splitForParallel(text, 10), [`${a.repeat(3)}Middle one ends now.`, a.repeat(3).trim()]);
  assert.deepEqual(splitForParallel('Short. Text.'), ['Short. Text.']);
  // Abbreviations and initials are not sentence ends.
  const abbreviations = 'Mr. Smith met Dr. Jones at the U.S. Embassy and they talked for hours without a break';
  assert.deepEqual(splitForParallel(abbreviations, 10), [abbreviations]);
  assert.deepEqual(splitForParallel('Is it done? "Yes," she said.', 10), ['Is it done?', '"Yes," she said.']);
});

test('mapWithLimit keeps order, bounds concurrency, and settles the others before it throws', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapWithLimit([30, 5, 20, 1], 2, async (ms, i) => {
    peak = Math.max(peak, ++running);
    await new Promise((r) => setTimeout(r, ms));
    running--;
    return i;
  });
  assert.deepEqual(out, [0, 1, 2, 3]);
  assert.equal(peak, 2);
  let slowDone = false;
  await assert.rejects(
    mapWithLimit([1, 2, 3], 2, async (n) => {
      if (n === 1) throw new Error('boom');
      await new Promise((r) => setTimeout(r, 20));
      slowDone = true;
    }),
    /boom/,
  );
  assert.ok(slowDone, 'the running item finished before the error surfaced');
});
