// The structural read of src/ stays clean: no import runs up the layers (scripts/check-architecture.ts
// holds the table of which folder may import which), no import circle, no file over 400 lines and no
// function over 80. A finding names the file and what to move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArchitecture } from '../../scripts/check-architecture.js';

test('src/ has no upward import, no circle and no oversized file or function', () => {
  const findings = checkArchitecture();
  assert.deepEqual(findings.map((f) => `${f.kind} ${f.where}: ${f.detail}`), []);
});
