// HeyGen's v2 photo_avatar endpoints over HTTP (fake render engine; real face checks, drawings and
// resampling): a group from an uploaded image_key, looks added, trained, new looks generated from it,
// motion, upscale; illustrated photos from attributes, usable at once; the private groups in
// /v2/avatar_group.list and /v2/avatar_group/{id}/avatars; deletes; photo_avatar_train.* events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { makePortraitFixtures, type PortraitFixtures } from '../support/portrait-fixtures.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { newSpaceKey } from '../support/webhook-platform.js';

const rx = useReceiver();
let fixtures: PortraitFixtures;
let secret: string;
const p = useTestPlatform({ kit: 'webhooks' }, async (t) => {
  fixtures = await makePortraitFixtures();
  const ep = await t.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: t.headers, payload: { url: rx.url('/hooks') } });
  assert.equal(ep.statusCode, 200, ep.body);
  secret = ep.json().data.secret;
});
const h = p.headers;

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = h) {
  const r = await p.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.json() };
}

async function uploadImage(bytes: Buffer): Promise<string> {
  const r = await p.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...h, 'content-type': 'image/png' }, payload: bytes });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data.image_key;
}

async function fetchLink(link: string): Promise<Buffer> {
  const u = new URL(link);
  const r = await p.app.inject({ method: 'GET', url: u.pathname + u.search });
  assert.equal(r.statusCode, 200, link);
  return r.rawPayload;
}

function events(type: string) {
  return rx
    .on('/hooks')
    .map((r) => new Webhook(secret).verify(r.body, r.headers) as { event_type: string; event_data: Record<string, any> })
    .filter((e) => e.event_type === type);
}

describe('v2 photo avatar groups', () => {
  test('create from image_key → look with the group’s id; add; train → ready; look/generate; motion; upscale; listings; deletes', async () => {
    const key = await uploadImage(fixtures.face);
    assert.match(key, /^image\/[^/]+\/original$/);
    const created = await call('POST', '/v2/photo_avatar/avatar_group/create', { name: 'Eileen', image_key: key });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal(created.body.error, null);
    const look = created.body.data;
    assert.equal(look.id, look.group_id, 'the first look takes the group’s id');
    assert.equal(look.status, 'pending');
    assert.equal(look.business_type, 'photo_avatar');
    const groupId: string = look.group_id;

    const early = await call('POST', '/v2/photo_avatar/look/generate', { group_id: groupId, prompt: 'in a park' });
    assert.equal(early.status, 400, 'looks are generated from trained groups only');
    assert.match(early.body.error.message, /not trained/);

    const added = await call('POST', '/v2/photo_avatar/avatar_group/add', { group_id: groupId, image_keys: [key], name: 'Second' });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.data.photo_avatar_list.length, 1);
    assert.equal(added.body.data.photo_avatar_list[0].name, 'Second');
    await p.pool.waitForIdle(30_000);

    const got = await call('GET', `/v2/photo_avatar/${groupId}`);
    assert.equal(got.body.data.status, 'completed', JSON.stringify(got.body));
    assert.deepEqual(got.body.data.upscale_availability, { available: true, reason: null });
    assert.equal((await sharp(await fetchLink(got.body.data.image_url)).metadata()).width, 512);

    const train = await call('POST', '/v2/photo_avatar/train', { group_id: groupId });
    assert.equal(train.status, 200, JSON.stringify(train.body));
    assert.match(train.body.data.flow_id, /^[0-9a-f]{32}$/);
    assert.ok(['pending', 'training', 'ready'].includes((await call('GET', `/v2/photo_avatar/train/status/${groupId}`)).body.data.status));
    await p.pool.waitForIdle(30_000);
    const trained = (await call('GET', `/v2/photo_avatar/train/status/${groupId}`)).body.data;
    assert.deepEqual([trained.status, trained.progress, trained.error_msg], ['ready', 100, null]);
    const trainEvents = events('photo_avatar_train.success');
    assert.equal(trainEvents.length, 1);
    assert.deepEqual([trainEvents[0]!.event_data.group_id, trainEvents[0]!.event_data.flow_id], [groupId, train.body.data.flow_id]);

    const gen = await call('POST', '/v2/photo_avatar/look/generate', { group_id: groupId, prompt: 'in a park', orientation: 'vertical', pose: 'close_up', style: 'Noir' });
    assert.equal(gen.status, 200, JSON.stringify(gen.body));
    await p.pool.waitForIdle(30_000);
    const generation = (await call('GET', `/v2/photo_avatar/generation/${gen.body.data.generation_id}`)).body.data;
    assert.equal(generation.status, 'success', JSON.stringify(generation));
    assert.equal(generation.illustrated, false);
    assert.match(generation.note, /no image model/);
    assert.equal(generation.image_key_list.length, 4);
    // The first picture is the pose and style asked for: a vertical close-up in black and white.
    const first = await sharp(await fetchLink(generation.image_url_list[0])).raw().toBuffer({ resolveWithObject: true });
    assert.equal(Math.round((first.info.width / first.info.height) * 100), 75);
    let colour = 0;
    for (let i = 0; i < first.data.length; i += first.info.channels) colour = Math.max(colour, Math.abs(first.data[i]! - first.data[i + 2]!));
    assert.ok(colour <= 2, `Noir is greyscale (max R-B ${colour})`);
    assert.equal(events('photo_avatar_generation.success').filter((e) => e.event_data.generation_id === generation.id).length, 1);

    // Generated pictures are looks at once: no job, completed in the answer.
    const fromGen = await call('POST', '/v2/photo_avatar/avatar_group/add', { group_id: groupId, image_keys: generation.image_key_list.slice(0, 2), generation_id: generation.id });
    assert.deepEqual(fromGen.body.data.photo_avatar_list.map((l: { status: string }) => l.status), ['completed', 'completed']);
    const wrongGen = await call('POST', '/v2/photo_avatar/avatar_group/add', { group_id: groupId, image_keys: generation.image_key_list.slice(0, 1), generation_id: '0'.repeat(32) });
    assert.equal(wrongGen.status, 400);

    const motion = await call('POST', '/v2/photo_avatar/add_motion', { id: groupId, prompt: 'nods' });
    assert.equal(motion.status, 200, JSON.stringify(motion.body));
    const up = await call('POST', '/v2/photo_avatar/upscale', { id: groupId });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal((await call('POST', '/v2/photo_avatar/upscale', { id: groupId })).status, 400, 'an upscale already asked for is refused');
    await p.pool.waitForIdle(30_000);
    const moving = (await call('GET', `/v2/photo_avatar/${motion.body.data.id}`)).body.data;
    assert.deepEqual([moving.status, moving.is_motion, moving.group_id], ['completed', true, groupId]);
    assert.match(moving.motion_preview_url, /^http:\/\/orator\.test\/files\//);
    assert.equal(p.lastPlan().scenes[0]!.voice.type, 'silence', 'the motion preview is a render of the look idling');
    assert.equal(events('photo_avatar_add_motion.success').length, 1);
    const upscaled = (await call('GET', `/v2/photo_avatar/${groupId}`)).body.data;
    assert.equal(upscaled.upscaled, true);
    assert.equal(upscaled.upscale_availability.available, false);
    assert.equal((await sharp(await fetchLink(upscaled.image_url)).metadata()).width, 1024, 'Lanczos 2x');

    const list = (await call('GET', '/v2/avatar_group.list')).body.data;
    const mine = list.avatar_group_list.find((g: { id: string }) => g.id === groupId);
    assert.deepEqual([mine.group_type, mine.num_looks, mine.train_status, mine.name], ['PRIVATE', 5, 'ready', 'Eileen']);
    assert.equal(list.total_count, list.avatar_group_list.length);
    const looks = (await call('GET', `/v2/avatar_group/${groupId}/avatars`)).body.data.avatar_list;
    assert.equal(looks.length, 5);
    assert.ok(looks.every((l: { group_id: string; status: string }) => l.group_id === groupId && l.status === 'completed'));
    const other = await newSpaceKey(p, 'other');
    assert.ok(!(await call('GET', '/v2/avatar_group.list', undefined, other)).body.data.avatar_group_list.some((g: { id: string }) => g.id === groupId));
    assert.equal((await call('GET', `/v2/avatar_group/${groupId}/avatars`, undefined, other)).status, 404);
    assert.equal((await call('GET', `/v2/photo_avatar/${groupId}`, undefined, other)).status, 404);
    assert.equal((await call('DELETE', `/v2/photo_avatar_group/${groupId}`, undefined, other)).status, 404);

    const second = added.body.data.photo_avatar_list[0].id;
    const del = await call('DELETE', `/v2/photo_avatar/${second}`);
    assert.deepEqual(del, { status: 200, body: { error: null, data: { id: second } } });
    assert.equal((await call('GET', `/v2/photo_avatar/${second}`)).status, 404);
    const delGroup = await call('DELETE', `/v2/photo_avatar_group/${groupId}`);
    assert.equal(delGroup.status, 200);
    assert.equal((await call('GET', `/v2/photo_avatar/train/status/${groupId}`)).status, 404);
    assert.equal((await call('GET', `/v2/photo_avatar/${groupId}`)).body.error.code, 'avatar_not_found');
    assert.ok(!(await call('GET', '/v2/avatar_group.list')).body.data.avatar_group_list.some((g: { id: string }) => g.id === groupId));
    // The generation's pictures outlive the group made from them.
    await fetchLink((await call('GET', `/v2/photo_avatar/generation/${generation.id}`)).body.data.image_url_list[0]);
  });

  test('photo/generate draws illustrated presenters from the attributes, honestly labelled; each is an avatar at once', async () => {
    const body = { name: 'Lina', age: 'Young Adult', gender: 'Woman', ethnicity: 'East Asian', orientation: 'horizontal', pose: 'half_body', style: 'Realistic', appearance: 'long hair, glasses, navy blazer, in an office' };
    const started = await call('POST', '/v2/photo_avatar/photo/generate', body);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.data.illustrated, true);
    assert.match(started.body.data.note, /drawings, not photographs/);
    await p.pool.waitForIdle(30_000);
    const g = (await call('GET', `/v2/photo_avatar/generation/${started.body.data.generation_id}`)).body.data;
    assert.equal(g.status, 'success', JSON.stringify(g));
    assert.equal(g.image_url_list.length, 4);
    const picture = await sharp(await fetchLink(g.image_url_list[0])).metadata();
    assert.deepEqual([picture.format, picture.width, picture.height], ['png', 1024, 576]);

    const group = await call('POST', '/v2/photo_avatar/avatar_group/create', { name: 'Lina', image_key: g.image_key_list[0], generation_id: g.id });
    assert.equal(group.body.data.status, 'completed', 'usable at once');
    assert.equal(group.body.data.default_voice_id, 'festival_slt_hts', 'a Woman gets a female voice');
    const video = await p.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: { video_inputs: [{ character: { type: 'talking_photo', talking_photo_id: group.body.data.id }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' } }], dimension: { width: 256, height: 256 } },
    });
    assert.equal(video.statusCode, 200, video.body);
    await p.pool.waitForIdle(30_000);
    assert.equal(p.lastPlan().scenes[0]!.character!.type, 'photo');

    const bad = await call('POST', '/v2/photo_avatar/photo/generate', { ...body, age: 'Teen' });
    assert.equal(bad.status, 400);
    const missing = await call('POST', '/v2/photo_avatar/photo/generate', { name: 'x' });
    assert.equal(missing.status, 400);
    assert.equal((await call('GET', `/v2/photo_avatar/generation/${'f'.repeat(32)}`)).status, 404);
  });

  test('a training whose look lost its picture fails with photo_avatar_train.fail; a look generation without a look fails with photo_avatar_generation.fail', async () => {
    const created = await call('POST', '/v2/photo_avatar/avatar_group/create', { name: 'Fragile', image_key: await uploadImage(fixtures.face) });
    const groupId: string = created.body.data.group_id;
    await p.pool.waitForIdle(30_000);
    const trained = await call('POST', '/v2/photo_avatar/train', { group_id: groupId });
    assert.equal(trained.status, 200);
    await p.pool.waitForIdle(30_000);
    assert.equal((await call('GET', `/v2/photo_avatar/train/status/${groupId}`)).body.data.status, 'ready');
    // Storage lost the picture (the look row survives): training again cannot check it.
    const link = new URL((await call('GET', `/v2/photo_avatar/${groupId}`)).body.data.image_url);
    await p.platform.blobs.delete(decodeURIComponent(link.pathname.replace(/^\/files\//, '')));
    assert.equal((await call('POST', '/v2/photo_avatar/train', { group_id: groupId })).status, 200);
    await p.pool.waitForIdle(30_000);
    const failed = (await call('GET', `/v2/photo_avatar/train/status/${groupId}`)).body.data;
    assert.equal(failed.status, 'failed');
    assert.match(failed.error_msg, /deleted during training/);
    const fail = events('photo_avatar_train.fail').filter((e) => e.event_data.group_id === groupId);
    assert.equal(fail.length, 1);
    assert.equal(fail[0]!.event_data.error_code, 400174);

    // Trained once, then its only look deleted: nothing to make new looks from.
    const other = await call('POST', '/v2/photo_avatar/avatar_group/create', { name: 'Lonely', image_key: await uploadImage(fixtures.face) });
    const lonely: string = other.body.data.group_id;
    await p.pool.waitForIdle(30_000);
    await call('POST', '/v2/photo_avatar/train', { group_id: lonely });
    await p.pool.waitForIdle(30_000);
    assert.equal((await call('DELETE', `/v2/photo_avatar/${lonely}`)).status, 200);
    const gen = await call('POST', '/v2/photo_avatar/look/generate', { group_id: lonely, prompt: 'at the beach' });
    assert.equal(gen.status, 200, JSON.stringify(gen.body));
    await p.pool.waitForIdle(30_000);
    const g = (await call('GET', `/v2/photo_avatar/generation/${gen.body.data.generation_id}`)).body.data;
    assert.deepEqual([g.status, g.image_url_list], ['failed', []]);
    assert.match(g.msg, /no completed look/);
    assert.equal(events('photo_avatar_generation.fail').filter((e) => e.event_data.generation_id === g.id).length, 1);
  });

  test('a group with no completed look cannot train; unknown ids are not found', async () => {
    assert.equal((await call('POST', '/v2/photo_avatar/train', { group_id: 'nope' })).status, 404);
    assert.equal((await call('POST', '/v2/photo_avatar/add_motion', { id: 'nope' })).body.error.code, 'avatar_not_found');
    assert.equal((await call('POST', '/v2/photo_avatar/avatar_group/create', { name: 'x', image_key: 'image/nothing/original' })).status, 404);
    const failed = await call('POST', '/v2/photo_avatar/avatar_group/create', { name: 'Nobody', image_key: await uploadImage(fixtures.noFace) });
    await p.pool.waitForIdle(30_000);
    const look = (await call('GET', `/v2/photo_avatar/${failed.body.data.id}`)).body.data;
    assert.deepEqual([look.status, look.error.code], ['failed', 40004]);
    const train = await call('POST', '/v2/photo_avatar/train', { group_id: failed.body.data.id });
    assert.equal(train.status, 400);
    assert.match(train.body.error.message, /no completed look/);
  });
});
