// Real synthesis with every installed engine: short phrases, so the whole file stays a few seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OratorError } from '../../src/domain/errors.js';
import { synthesizeSpeech } from '../../src/render/speech/synthesize-speech.js';
import { SPEECH_SAMPLE_RATE, type SpeechResult } from '../../src/render/speech/speech-engine.js';
import { readWav } from '../../src/render/speech/wav-file.js';

const PHRASE = 'The quick brown fox jumps over the lazy dog.';
const dir = await mkdtemp(join(tmpdir(), 'orator-speech-test-'));
test.after(() => rm(dir, { recursive: true, force: true }));

function assertWellFormed(r: SpeechResult, expectedWords: string[]): void {
  assert.ok(r.durationSec > 0.5, `duration ${r.durationSec}`);
  assert.deepEqual(r.words.map((w) => w.word), expectedWords);
  let last = 0;
  for (const w of r.words) {
    assert.ok(w.start >= last - 1e-9 && w.end >= w.start, `monotone: ${JSON.stringify(w)}`);
    last = w.end;
  }
  assert.ok(last <= r.durationSec + 1e-9, `last word end ${last} ≤ ${r.durationSec}`);
  assert.ok(r.words[0]!.start < 0.5, 'speech starts promptly');
  assert.ok(last > r.durationSec * 0.6, 'words cover the speech');
  assert.ok(r.phones.length >= 20);
  assert.ok(r.phones.some((p) => p.viseme === 'A'), 'has a closure (b in brown, m in jumps)');
}

for (const voiceId of ['espeak_en-us_f', 'flite_slt', 'festival_slt_hts']) {
  test(`${voiceId}: synthesizes a phrase with ordered word timings`, async () => {
    const out = join(dir, `${voiceId}.wav`);
    const r = await synthesizeSpeech({ text: PHRASE, voiceId, outPath: out });
    assertWellFormed(r, PHRASE.split(' '));
    const wav = await readWav(out);
    assert.equal(wav.sampleRate, SPEECH_SAMPLE_RATE);
    assert.ok(Math.abs(wav.samples.length / wav.sampleRate - r.durationSec) < 1e-6);
  });

  test(`${voiceId}: speed changes duration`, async () => {
    const slow = await synthesizeSpeech({ text: 'Hello there, my friend.', voiceId, speed: 0.6, pitch: -20, outPath: join(dir, `${voiceId}-slow.wav`) });
    const fast = await synthesizeSpeech({ text: 'Hello there, my friend.', voiceId, speed: 1.5, pitch: 20, outPath: join(dir, `${voiceId}-fast.wav`) });
    assert.ok(slow.durationSec > fast.durationSec * 1.6, `slow ${slow.durationSec} vs fast ${fast.durationSec}`);
  });
}

test('break tags insert the pause between segments', async () => {
  const plain = await synthesizeSpeech({ text: 'One two. Three four.', voiceId: 'espeak_en-us_m', outPath: join(dir, 'plain.wav') });
  const paused = await synthesizeSpeech({ text: 'One two. <break time="1.5s"/> Three four.', voiceId: 'espeak_en-us_m', outPath: join(dir, 'paused.wav') });
  assert.deepEqual(paused.words.map((w) => w.word), ['One', 'two.', 'Three', 'four.']);
  const gap = paused.words[2]!.start - paused.words[1]!.end;
  assert.ok(gap >= 1.5, `gap ${gap}`);
  assert.ok(paused.durationSec > plain.durationSec + 1.2);
  assert.ok(paused.phones.some((p) => p.phone === 'pause' && Math.abs(p.end - p.start - 1.5) < 0.01));
});

// Voice previews are rendered as videos by services/media-previews.ts; this covers the German voice itself.
test('non-English espeak voice', async () => {
  const r = await synthesizeSpeech({ text: 'Hallo! So klingt meine Stimme.', voiceId: 'espeak_de_m', speed: 1, pitch: 0, outPath: join(dir, 'preview.wav') });
  assert.ok(r.durationSec > 0.5);
  assert.deepEqual(r.words.map((w) => w.word), ['Hallo!', 'So', 'klingt', 'meine', 'Stimme.']);
  assert.ok((await stat(join(dir, 'preview.wav'))).size > 1000);
});

test('errors: unknown voice, empty text, too long text', async () => {
  await assert.rejects(synthesizeSpeech({ text: 'hi', voiceId: 'no_such_voice', outPath: join(dir, 'x.wav') }), (e: unknown) => {
    assert.ok(e instanceof OratorError);
    assert.equal(e.kind, 'voice_not_found');
    assert.equal(e.message, 'Voice not found: no_such_voice');
    assert.equal(e.param, 'voice_id');
    return true;
  });
  await assert.rejects(synthesizeSpeech({ text: '  <break time="1s"/> ', voiceId: 'flite_slt', outPath: join(dir, 'x.wav') }), (e: unknown) => e instanceof OratorError && e.kind === 'invalid_text_input');
  await assert.rejects(synthesizeSpeech({ text: 'a'.repeat(5001), voiceId: 'flite_slt', outPath: join(dir, 'x.wav') }), (e: unknown) => e instanceof OratorError && e.kind === 'text_too_long');
});
