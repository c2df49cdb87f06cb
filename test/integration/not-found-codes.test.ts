// Every "not found" answers with the catalogue's code for its resource, in the envelope of its route's
// version, from the one error table: no bare 404 codes, no INVALID_PARAMETER for a missing thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_TABLE, type ErrorKind } from '../../src/domain/errors.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform({ startWorkers: false });

type Envelope = 'v1' | 'v2' | 'v3';
const CASES: [string, string, Envelope, ErrorKind, string][] = [
  ['GET', '/v1/video_status.get?video_id=nope', 'v1', 'video_not_found', 'video_id'],
  ['DELETE', '/v1/video.delete?video_id=nope', 'v1', 'video_not_found', 'video_id'],
  ['GET', '/v3/videos/nope', 'v3', 'video_not_found', 'video_id'],
  ['DELETE', '/v3/videos/nope', 'v3', 'video_not_found', 'video_id'],
  ['GET', '/v2/videos/nope', 'v3', 'video_not_found', 'video_id'],
  ['POST', '/v1/asset/nope/delete', 'v1', 'asset_not_found', 'asset_id'],
  ['GET', '/v3/assets/nope', 'v3', 'asset_not_found', 'asset_id'],
  ['DELETE', '/v3/assets/nope', 'v3', 'asset_not_found', 'asset_id'],
  ['DELETE', '/v1/webhook/endpoint.delete?endpoint_id=nope', 'v1', 'webhook_not_found', 'endpoint_id'],
  ['POST', '/v3/webhooks/endpoints/nope/rotate-secret', 'v3', 'webhook_not_found', 'endpoint_id'],
  ['DELETE', '/v3/webhooks/endpoints/nope', 'v3', 'webhook_not_found', 'endpoint_id'],
  ['POST', '/v3/webhooks/events/nope/redeliver', 'v3', 'webhook_not_found', 'event_id'],
  ['DELETE', '/v2/talking_photo/nope', 'v2', 'avatar_not_found', 'talking_photo_id'],
  ['GET', '/v2/avatar/nope/details', 'v2', 'avatar_not_found', 'avatar_id'],
  ['GET', '/v3/voices/nope', 'v3', 'voice_not_found', 'voice_id'],
  ['GET', '/v2/template/nope', 'v2', 'template_not_found', 'template_id'],
  ['GET', '/v3/templates/nope', 'v3', 'template_not_found', 'template_id'],
  ['GET', '/v3/template/nope', 'v3', 'template_not_found', 'template_id'],
  ['DELETE', '/v3/templates/nope', 'v3', 'template_not_found', 'template_id'],
  ['GET', '/v3/videos/batches/nope', 'v3', 'batch_not_found', 'batch_id'],
];

for (const [method, url, envelope, kind, param] of CASES) {
  test(`${method} ${url} → 404 ${kind} in the ${envelope} envelope`, async () => {
    const r = await t.app.inject({ method: method as 'GET', url, headers: { 'x-api-key': t.key } });
    assert.equal(r.statusCode, 404, r.body);
    const body = r.json();
    const spec = ERROR_TABLE[kind];
    if (envelope === 'v1') {
      assert.equal(body.code, spec.legacyCode);
      assert.equal(body.data, null);
    } else if (envelope === 'v2') {
      assert.equal(body.error.code, spec.v3Code);
      assert.equal(body.data, null);
    } else {
      assert.equal(body.error.code, spec.v3Code);
      assert.equal(body.error.param, param);
    }
    assert.match(envelope === 'v1' ? body.message : body.error.message, /nope/, 'the message names the id that was not found');
  });
}

test('each resource has its own legacy code, and none is the bare HTTP status', () => {
  const kinds: ErrorKind[] = ['video_not_found', 'asset_not_found', 'webhook_not_found', 'avatar_not_found', 'voice_not_found', 'template_not_found', 'batch_not_found'];
  const codes = kinds.map((k) => ERROR_TABLE[k].legacyCode);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.ok(c > 9999, `${c} is a HeyGen business code`);
});
