import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCaptionCues, formatSrt, formatTimestamp, formatWebVtt } from '../../src/render/media/caption-cues.js';

const words = 'The quick brown fox jumps over the lazy dog. It was not amused at all, said the narrator slowly'
  .split(' ')
  .map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.3 }));

test('words group into cues of at most 42 characters and 3 seconds, breaking at sentences', () => {
  const cues = buildCaptionCues(words);
  for (const cue of cues) {
    assert.ok(cue.text.length <= 42, cue.text);
    assert.ok(cue.end - cue.start <= 3 + 1e-9, `${cue.start}-${cue.end}`);
  }
  assert.equal(cues.map((c) => c.text).join(' '), words.map((w) => w.word).join(' '));
  assert.ok(cues.some((c) => c.text.endsWith('dog.')), 'a sentence end closes a cue');
  assert.equal(cues[0]!.start, words[0]!.start);
  assert.equal(cues[cues.length - 1]!.end, words[words.length - 1]!.end);
});

test('a long pause starts a new cue', () => {
  const cues = buildCaptionCues([
    { word: 'Hello', start: 0, end: 0.4 },
    { word: 'again', start: 2, end: 2.4 },
  ]);
  assert.equal(cues.length, 2);
});

test('SRT and WebVTT formatting', () => {
  const cues = [{ start: 0.04, end: 2.205, text: 'Hello <there>' }, { start: 3723.5, end: 3724, text: 'Later' }];
  assert.equal(formatTimestamp(3723.5, ','), '01:02:03,500');
  assert.equal(formatSrt(cues), '1\n00:00:00,040 --> 00:00:02,205\nHello <there>\n\n2\n01:02:03,500 --> 01:02:04,000\nLater\n');
  assert.equal(formatWebVtt(cues), 'WEBVTT\n\n00:00:00.040 --> 00:00:02.205\nHello &lt;there&gt;\n\n01:02:03.500 --> 01:02:04.000\nLater\n');
});
