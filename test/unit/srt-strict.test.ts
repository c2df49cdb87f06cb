// A caller's SRT is read strictly: the first problem is a 400672 SRT_FILE_ERROR naming its line; a good
// file round-trips through formatSrt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOratorError } from '../../src/domain/errors.js';
import { formatSrt, parseSrtStrict } from '../../src/services/translations/srt-cues.js';

function failure(text: string): string {
  try {
    parseSrtStrict(text, 'srt');
  } catch (err) {
    assert.ok(isOratorError(err));
    assert.equal(err.spec.legacyCode, 400672);
    assert.equal(err.spec.legacyName, 'SRT_FILE_ERROR');
    return err.message;
  }
  assert.fail('no error');
}

test('malformed SRTs name the line and what is wrong', () => {
  assert.match(failure(''), /SRT line 1: the file has no cues/);
  assert.match(failure('hello\n'), /SRT line 1: expected a cue number, found "hello"/);
  assert.match(failure('1\n00:00:01,000 --> 00:00:02\nHi\n'), /SRT line 2: expected "HH:MM:SS,mmm --> HH:MM:SS,mmm", found "00:00:01,000 --> 00:00:02"/);
  assert.match(failure('1\n00:00:02,000 --> 00:00:01,000\nHi\n'), /SRT line 2: the cue ends \(00:00:01,000\) before it starts/);
  assert.match(failure('1\n00:00:01,000 --> 00:00:02,000\n\n'), /SRT line 3: the cue has no text/);
  assert.match(failure('1\n00:00:05,000 --> 00:00:06,000\nA\n\n2\n00:00:01,000 --> 00:00:02,000\nB\n'), /SRT line 6: the cue starts \(00:00:01,000\) before the one above it/);
});

test('a good SRT (BOM, CRLF, two-line cue) reads and formats back', () => {
  const cues = parseSrtStrict('\uFEFF1\r\n00:00:00,300 --> 00:00:01,250\r\nHola\r\namigo.\r\n\r\n2\r\n00:00:01,800 --> 01:00:03,000\r\nAdiós.\r\n', 'srt');
  assert.deepEqual(cues, [
    { start: 0.3, end: 1.25, text: 'Hola amigo.' },
    { start: 1.8, end: 3603, text: 'Adiós.' },
  ]);
  assert.equal(formatSrt(cues), '1\n00:00:00,300 --> 00:00:01,250\nHola amigo.\n\n2\n00:00:01,800 --> 01:00:03,000\nAdiós.\n');
  assert.deepEqual(parseSrtStrict(formatSrt(cues), 'srt'), cues);
});
