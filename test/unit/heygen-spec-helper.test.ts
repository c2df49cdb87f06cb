import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateHeygenResponse, hasOperation } from '../support/validate-heygen-response.js';

test('the conformance helper accepts HeyGen examples and rejects wrong shapes', () => {
  const ok = { error: { code: 'not_found', message: 'Video not found.', param: null, doc_url: null } };
  assert.deepEqual(validateHeygenResponse('GET', '/v3/videos/{video_id}', 404, ok), []);
  const bad = { error: { code: 404, message: 'Video not found.' } };
  assert.notDeepEqual(validateHeygenResponse('GET', '/v3/videos/{video_id}', 404, bad), []);
  assert.ok(hasOperation('POST', '/v3/videos'));
  assert.throws(() => validateHeygenResponse('GET', '/v9/nothing', 200, {}));
});
