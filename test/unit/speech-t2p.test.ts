// flite word times from t2p: one text-analysis run instead of synthesising every word on its own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { buildT2pLookupText, parseT2pWords } from '../../src/render/speech/flite-engine.js';
import { splitWords } from '../../src/render/speech/split-words.js';

test('t2p lookup text separates the words with semicolons; its output splits at the pauses, stress dropped', () => {
  assert.equal(buildT2pLookupText(splitWords('Hello, "café" world!')), 'Hello; cafe; world');
  assert.deepEqual(parseT2pWords('pau hh ax l ow1 pau k ae1 f ey pau w er1 l d pau \n'), ['hh ax l ow', 'k ae f ey', 'w er l d']);
  assert.deepEqual(parseT2pWords(''), []);
});

test('real t2p: one group per word for ordinary text; abbreviations that merge words are detectable', { skip: !hasT2p() }, () => {
  const plain = splitWords('Welcome to the tour, it is 2024 and we ship.');
  assert.equal(parseT2pWords(execFileSync('t2p', [buildT2pLookupText(plain)], { encoding: 'utf8' })).length, plain.length);
  // "Mr; Dr" reads as one phrase: the counts differ, so the engine falls back to the per-word run.
  const tricky = splitWords('Mr Dr A world');
  assert.notEqual(parseT2pWords(execFileSync('t2p', [buildT2pLookupText(tricky)], { encoding: 'utf8' })).length, tricky.length);
});

function hasT2p(): boolean {
  try {
    execFileSync('t2p', ['a'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
