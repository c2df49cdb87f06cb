import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertVideoDimension } from '../../src/domain/video-dimension.js';
import { OratorError } from '../../src/domain/errors.js';

test('dimensions from 128 to 4096 px inclusive, even only, with HeyGen messages', () => {
  assert.doesNotThrow(() => assertVideoDimension({ width: 128, height: 4096 }));
  const fails = (d: { width: number; height: number }, message: RegExp) =>
    assert.throws(() => assertVideoDimension(d), (e: unknown) => e instanceof OratorError && e.kind === 'invalid_dimension' && e.param === 'dimension' && message.test(e.message));
  fails({ width: 126, height: 256 }, /^Video width or height must be smaller than 4096 and larger than 128$/);
  fails({ width: 256, height: 4098 }, /smaller than 4096/);
  fails({ width: 129, height: 256 }, /^Video width and height must be even number$/);
  fails({ width: 256.5, height: 256 }, /smaller than 4096/);
});
