// POST /v2/videos: HeyGen's flat body mapped onto the v3 creation (same plan, same storage), the v3
// error envelope naming the flat fields, and Idempotency-Key as on /v3 POSTs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform();
const h = t.headers;

const AVATAR = 'Daisy-inskirt-20220818';

function create(body: Record<string, unknown>, headers = h) {
  return t.app.inject({ method: 'POST', url: '/v2/videos', headers, payload: body });
}

describe('POST /v2/videos', () => {
  test('avatar + script answers {data:{video_id,status}} and the video completes', async () => {
    const r = await create({
      avatar_id: AVATAR,
      script: 'Hello from the flat body.',
      voice_id: 'flite_rms',
      title: 'flat',
      aspect_ratio: '9:16',
      resolution: '1080p',
      voice_settings: { speed: 1.2, pitch: 3 },
      background: { type: 'color', value: '#102030' },
      motion_prompt: 'wave',
      expressiveness: 'high',
      callback_id: 'cb-1',
    });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.deepEqual(Object.keys(body), ['data']);
    assert.deepEqual(Object.keys(body.data).sort(), ['status', 'video_id']);
    assert.match(body.data.video_id, /^[0-9a-f]{32}$/);
    assert.equal(body.data.status, 'pending');
    await t.pool.waitForIdle();
    const plan = t.lastPlan();
    assert.equal(plan.width, 1080);
    assert.equal(plan.height, 1920);
    assert.deepEqual(plan.scenes[0]!.voice, { type: 'text', voiceId: 'flite_rms', text: 'Hello from the flat body.', speed: 1.2, pitch: 3 });
    assert.deepEqual(plan.scenes[0]!.background, { type: 'color', color: '#102030' });
    assert.equal(plan.scenes[0]!.character!.type, 'avatar');
    const d = await t.app.inject({ method: 'GET', url: `/v2/videos/${body.data.video_id}`, headers: h });
    assert.equal(d.statusCode, 200, d.body);
    assert.equal(d.json().data.status, 'completed');
    assert.equal(d.json().data.title, 'flat');
    assert.ok(d.json().data.video_url);
  });

  test('image_url animates the photo by URL; image_asset_id takes a talking photo id', async () => {
    const byUrl = await create({ image_url: 'https://example.com/me.jpg', script: 'Hi.', voice_id: 'flite_slt' });
    assert.equal(byUrl.statusCode, 200, byUrl.body);
    await t.pool.waitForIdle();
    const character = t.lastPlan().scenes[0]!.character!;
    assert.equal(character.type, 'photo');
    assert.deepEqual((character as { image: unknown }).image, { url: 'https://example.com/me.jpg' });
    const status = await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${byUrl.json().data.video_id}`, headers: h });
    assert.equal(status.json().data.status, 'completed', status.body);

    const byAsset = await create({ image_asset_id: 'astronaut_photo', audio_url: 'https://example.com/a.mp3' });
    assert.equal(byAsset.statusCode, 200, byAsset.body);
    await t.pool.waitForIdle();
    assert.equal(t.lastPlan().scenes[0]!.character!.type, 'photo');
    assert.deepEqual(t.lastPlan().scenes[0]!.voice, { type: 'audio', source: { url: 'https://example.com/a.mp3' } });
  });

  const cases: Array<[string, Record<string, unknown>, number, string, string, RegExp]> = [
    ['avatar_id and image_url', { avatar_id: AVATAR, image_url: 'https://example.com/me.jpg', script: 'x', voice_id: 'flite_slt' }, 400, 'invalid_parameter', 'avatar_id', /Exactly one visual source required: avatar_id, image_url, or image_asset_id/],
    ['image_url and image_asset_id', { image_url: 'https://example.com/me.jpg', image_asset_id: 'astronaut_photo', script: 'x', voice_id: 'flite_slt' }, 400, 'invalid_parameter', 'avatar_id', /Exactly one visual source/],
    ['no subject', { script: 'x', voice_id: 'flite_slt' }, 400, 'invalid_parameter', 'avatar_id', /Exactly one visual source/],
    ['script without voice_id', { avatar_id: AVATAR, script: 'x' }, 400, 'invalid_parameter', 'voice_id', /voice_id is required when script is provided/],
    ['unknown avatar', { avatar_id: 'nobody', script: 'x', voice_id: 'flite_slt' }, 404, 'avatar_not_found', 'avatar_id', /nobody/],
    ['neither script nor audio', { avatar_id: AVATAR }, 400, 'invalid_parameter', 'script', /script or audio_url is required/],
    // Bodies are not type-coerced: an empty script is an empty string (minLength 1), not a missing one.
    ['empty script', { avatar_id: AVATAR, script: '', voice_id: 'flite_slt' }, 400, 'invalid_parameter', 'script', /^script must not be empty$/],
  ];
  for (const [name, body, status, code, param, message] of cases) {
    test(`error: ${name}`, async () => {
      const r = await create(body);
      assert.equal(r.statusCode, status, r.body);
      const e = r.json().error;
      assert.equal(e.code, code);
      assert.equal(e.param, param);
      assert.match(e.message, message);
    });
  }

  test('Idempotency-Key replays the first answer; another body under the key is 422', async () => {
    const body = { avatar_id: AVATAR, script: 'Once.', voice_id: 'flite_slt' };
    const headers = { ...h, 'idempotency-key': 'flat-key-1' };
    const first = await create(body, headers);
    assert.equal(first.statusCode, 200, first.body);
    const again = await create(body, headers);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().data.video_id, first.json().data.video_id);
    const other = await create({ ...body, script: 'Twice.' }, headers);
    assert.equal(other.statusCode, 422, other.body);
    assert.equal(other.json().error.code, 'idempotency_key_reused');
    await t.pool.waitForIdle();
  });
});
