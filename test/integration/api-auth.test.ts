// API keys: 401 bodies per API version, both headers, revoked keys, bootstrap behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey, ensureBootstrapKey, hashApiKey } from '../../src/auth/api-keys.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform({ startWorkers: false });

test('v1 without a key → 401 {code, message, data:null}', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/v1/video.list' });
  assert.equal(r.statusCode, 401);
  assert.deepEqual(r.json(), { code: 400112, message: 'Invalid or expired API key. Verify your x-api-key header.', data: null });
  assert.deepEqual(validateHeygenResponse('GET', '/v1/user/me', 401, (await t.app.inject({ method: 'GET', url: '/v1/user/me' })).json()), []);
});

test('v2 with a wrong key → 401 {error:{code,message}, data:null}', async () => {
  const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: { 'x-api-key': 'sk_wrong' }, payload: {} });
  assert.equal(r.statusCode, 401);
  assert.deepEqual(r.json(), { error: { code: 'authentication_failed', message: 'Invalid or expired API key. Verify your x-api-key header.' }, data: null });
});

test('v3 paths get the v3 error shape', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/v3/videos' });
  assert.equal(r.statusCode, 401);
  assert.deepEqual(r.json(), { error: { code: 'authentication_failed', message: 'Invalid or expired API key. Verify your x-api-key header.', param: null, doc_url: null } });
});

test('Authorization: Bearer <key> and a case-insensitive X-API-KEY both work', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/v2/voices', headers: { authorization: `Bearer ${t.key}` } })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/v2/voices', headers: { 'X-API-KEY': t.key } })).statusCode, 200);
});

test('a revoked key stops working (after the short auth cache)', async () => {
  const { key, info } = await createApiKey(t.platform.keys, { name: 'revoke-me' });
  assert.ok(await t.platform.keys.revoke(info.id, Date.now()));
  // Built fresh so the cache of the shared app does not hide the revocation.
  const app = await t.platform.buildHttpApp();
  assert.equal((await app.inject({ method: 'GET', url: '/v2/voices', headers: { 'x-api-key': key } })).statusCode, 401);
  await app.close();
});

test('unknown routes with a key → 404 in the right envelope', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/v1/nothing.here', headers: { 'x-api-key': t.key } });
  assert.equal(r.statusCode, 404);
  assert.equal(r.json().data, null);
  assert.equal(typeof r.json().code, 'number');
});

test('bootstrap: ORATOR_API_KEY is stored hashed; a generated key appears only when none exists', async () => {
  const repo = t.platform.keys;
  assert.deepEqual(await ensureBootstrapKey(repo, 'sk_configured_key'), { kind: 'configured' });
  assert.ok(await repo.findActiveByHash(hashApiKey('sk_configured_key')));
  assert.deepEqual(await ensureBootstrapKey(repo, 'sk_configured_key'), { kind: 'configured' }, 'idempotent');
  assert.deepEqual(await ensureBootstrapKey(repo, undefined), { kind: 'existing' });
  const rows = await t.platform.database.db.selectFrom('api_keys').select('key_hash').execute();
  assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash)), 'only hashes are stored');
});
