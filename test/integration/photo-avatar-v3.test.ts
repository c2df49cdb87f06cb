// POST /v3/avatars with type "photo" over HTTP (fake render engine, real face checks), every answer
// validated against HeyGen's v3 schemas: group + look processing → completed, private listings, consent,
// rename, the look id as avatar_id in POST /v3/videos, deletes; stock avatars read-only, other spaces'
// avatars not found, types not built refused by name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makePortraitFixtures, type PortraitFixtures } from '../support/portrait-fixtures.js';
import { servePictures, type PictureServer } from '../support/picture-server.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { newSpaceKey } from '../support/webhook-platform.js';

let pictures: PictureServer;
let fixtures: PortraitFixtures;
const p = useTestPlatform({ kit: 'webhooks' }, async () => {
  fixtures = await makePortraitFixtures();
  pictures = await servePictures({ 'me.png': fixtures.face, 'two.png': fixtures.twoFaces });
  return () => pictures.close();
});
const h = p.headers;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Calls the route and checks the answer against HeyGen's schema for it. */
async function v3(method: Method, template: string, url: string, expected: number, payload?: object, headers = h) {
  const r = await p.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  assert.equal(r.statusCode, expected, `${method} ${url}: ${r.body}`);
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${url}: ${r.body}`);
  return r.json();
}

describe('v3 photo avatars', () => {
  test('POST /v3/avatars type photo → processing, then completed; private lists, consent, rename, POST /v3/videos with the look, deletes', async () => {
    const created = await v3('POST', '/v3/avatars', '/v3/avatars', 200, { type: 'photo', name: 'Eileen', file: { type: 'url', url: pictures.url('me.png') } });
    const { avatar_group: group, avatar_item: look } = created.data;
    assert.deepEqual([group.status, look.status, look.avatar_type, look.group_id, group.looks_count], ['processing', 'processing', 'photo_avatar', group.id, 1]);
    await p.pool.waitForIdle(30_000);

    const mine = await v3('GET', '/v3/avatars', '/v3/avatars?ownership=private', 200);
    assert.deepEqual(mine.data.map((g: { id: string }) => g.id), [group.id], 'private lists this space’s avatars only');
    assert.equal(mine.data[0].status, 'completed');
    assert.match(mine.data[0].preview_image_url, /^http:\/\/orator\.test\/files\//);
    const all = await v3('GET', '/v3/avatars', '/v3/avatars?limit=50', 200);
    assert.equal(all.data[0].id, group.id, 'private before public');
    assert.ok(all.data.length > 1);
    assert.equal((await v3('GET', '/v3/avatars', '/v3/avatars?ownership=public&limit=50', 200)).data.some((g: { id: string }) => g.id === group.id), false);
    const looks = await v3('GET', '/v3/avatars/looks', `/v3/avatars/looks?ownership=private&group_id=${group.id}`, 200);
    assert.deepEqual(looks.data.map((l: { id: string }) => l.id), [look.id]);
    assert.deepEqual([looks.data[0].image_width, looks.data[0].image_height, looks.data[0].preferred_orientation], [512, 512, 'square']);
    assert.equal((await v3('GET', '/v3/avatars/looks', '/v3/avatars/looks?avatar_type=photo_avatar', 200)).data.length, 1);
    assert.equal((await v3('GET', '/v3/avatars/{group_id}', `/v3/avatars/${group.id}`, 200)).data.consent_status, null);

    const consent = await v3('POST', '/v3/avatars/{group_id}/consent', `/v3/avatars/${group.id}/consent`, 200, {});
    assert.deepEqual([consent.data.avatar_group.consent_status, consent.data.url], ['approved', `http://orator.test/v3/avatars/${group.id}`]);
    await v3('POST', '/v3/avatars/{group_id}/consent', `/v3/avatars/${group.id}/consent`, 400, { consent_text: '<b>I agree</b>' });
    const renamed = await v3('PATCH', '/v3/avatars/looks/{look_id}', `/v3/avatars/looks/${look.id}`, 200, { name: 'Eileen at work' });
    assert.equal(renamed.data.name, 'Eileen at work');
    assert.equal((await v3('GET', '/v3/avatars/looks/{look_id}', `/v3/avatars/looks/${look.id}`, 200)).data.name, 'Eileen at work');

    const video = await p.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'avatar', avatar_id: look.id, script: 'Hello there.', voice_id: 'flite_slt', dimension: { width: 320, height: 180 } } });
    assert.equal(video.statusCode, 200, video.body);
    assert.deepEqual(validateHeygenResponse('POST', '/v3/videos', 200, video.json()), []);
    await p.pool.waitForIdle(30_000);
    const character = p.lastPlan().scenes[0]!.character!;
    assert.equal(character.type, 'photo');
    assert.ok('image' in character && 'path' in character.image, 'the look’s picture, copied out of the blob store for the engine');

    // A second look added to the group, from base64.
    const second = await v3('POST', '/v3/avatars', '/v3/avatars', 200, { type: 'photo', name: 'Second', avatar_group_id: group.id, file: { type: 'base64', media_type: 'image/png', data: fixtures.face.toString('base64') } });
    assert.equal(second.data.avatar_group.looks_count, 2);
    await p.pool.waitForIdle(30_000);
    assert.equal((await v3('GET', '/v3/avatars/looks/{look_id}', `/v3/avatars/looks/${second.data.avatar_item.id}`, 200)).data.status, 'completed');

    const other = await newSpaceKey(p, 'other');
    await v3('GET', '/v3/avatars/{group_id}', `/v3/avatars/${group.id}`, 404, undefined, other);
    await v3('GET', '/v3/avatars/looks/{look_id}', `/v3/avatars/looks/${look.id}`, 404, undefined, other);
    await v3('DELETE', '/v3/avatars/{group_id}', `/v3/avatars/${group.id}`, 404, undefined, other);
    assert.equal((await v3('GET', '/v3/avatars', '/v3/avatars?ownership=private', 200, undefined, other)).data.length, 0);

    assert.deepEqual((await v3('DELETE', '/v3/avatars/looks/{look_id}', `/v3/avatars/looks/${second.data.avatar_item.id}`, 200)).data, { id: second.data.avatar_item.id });
    assert.deepEqual((await v3('DELETE', '/v3/avatars/{group_id}', `/v3/avatars/${group.id}`, 200)).data, { id: group.id });
    await v3('GET', '/v3/avatars/{group_id}', `/v3/avatars/${group.id}`, 404);
    const gone = await p.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'avatar', avatar_id: look.id, script: 'Hi.', voice_id: 'flite_slt' } });
    assert.equal(gone.statusCode, 404);
  });

  test('a picture with two faces fails the look with its reason; stock avatars are read-only; digital_twin and prompt are refused by name', async () => {
    const created = await v3('POST', '/v3/avatars', '/v3/avatars', 200, { type: 'photo', name: 'Pair', file: { type: 'url', url: pictures.url('two.png') } });
    await p.pool.waitForIdle(30_000);
    const look = (await v3('GET', '/v3/avatars/looks/{look_id}', `/v3/avatars/looks/${created.data.avatar_item.id}`, 200)).data;
    assert.deepEqual([look.status, look.error.code], ['failed', 'too_many_faces']);
    assert.match(look.error.message, /2 faces/);
    const group = (await v3('GET', '/v3/avatars/{group_id}', `/v3/avatars/${created.data.avatar_group.id}`, 200)).data;
    assert.equal(group.status, 'failed');
    const video = await p.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'avatar', avatar_id: look.id, script: 'Hi.', voice_id: 'flite_slt' } });
    assert.equal(video.statusCode, 400);
    assert.match(video.json().error.message, /failed/);

    // HeyGen documents no 403 for these routes; the body is the standard error.
    const stock = p.engine.listAvatars()[0]!.avatar_id;
    for (const url of [`/v3/avatars/${stock}`, `/v3/avatars/looks/${stock}`]) {
      const r = await p.app.inject({ method: 'DELETE', url, headers: h });
      assert.equal(r.statusCode, 403, r.body);
      assert.equal(r.json().error.code, 'forbidden');
      assert.match(r.json().error.message, /stock avatar and cannot be deleted/);
    }
    await v3('DELETE', '/v3/avatars/{group_id}', '/v3/avatars/nobody', 404);
    for (const type of ['digital_twin', 'prompt']) {
      const r = await v3('POST', '/v3/avatars', '/v3/avatars', 400, { type, name: 'x', prompt: 'a person' });
      assert.match(r.error.message, /not supported on this server/);
    }
    await v3('POST', '/v3/avatars', '/v3/avatars', 400, { type: 'photo', name: 'x' });
    await v3('POST', '/v3/avatars', '/v3/avatars', 400, { type: 'photo', name: 'x', file: { type: 'base64', media_type: 'image/png', data: Buffer.from('not a picture').toString('base64') } });
    await v3('POST', '/v3/avatars', '/v3/avatars', 404, { type: 'photo', name: 'x', file: { type: 'asset_id', asset_id: 'missing' } });
  });
});
