// HeyGen's photo-avatar seed flow over HTTP (fake render engine, real face checks): POST
// /v1/photo_avatar.generate → pending, GET /v1/photo_avatar.get → completed with preview_url, then
// `character: {type: "photo_avatar"}` in /v2/video/generate renders that picture. Bad pictures fail with
// HeyGen's codes (40004 no face, 40005 several, 40006 small/blurred/turned) in the status and in
// photo_avatar_generation.fail; unknown and other spaces' ids are 400174.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { makePortraitFixtures, type PortraitFixtures } from '../support/portrait-fixtures.js';
import { servePictures, type PictureServer } from '../support/picture-server.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import fs from 'node:fs';
import { newSpaceKey, startWebhookPlatform } from '../support/webhook-platform.js';

const rx = useReceiver();
let pictures: PictureServer;
let fixtures: PortraitFixtures;
let secret: string;
const p = useTestPlatform({ kit: 'webhooks' }, async (t) => {
  fixtures = await makePortraitFixtures();
  pictures = await servePictures({ 'me.png': fixtures.face, 'none.png': fixtures.noFace, 'two.png': fixtures.twoFaces, 'blurred.png': fixtures.blurred, 'turned.png': fixtures.turned, 'tiny.jpg': fixtures.tinyFace });
  const ep = await t.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: t.headers, payload: { url: rx.url('/photo'), events: ['photo_avatar_generation.success', 'photo_avatar_generation.fail'] } });
  assert.equal(ep.statusCode, 200, ep.body);
  secret = ep.json().data.secret;
  return () => pictures.close();
});
const h = p.headers;

const generate = (imageUrl: string, headers = h) =>
  p.app.inject({ method: 'POST', url: '/v1/photo_avatar.generate', headers, payload: { name: 'Eileen', gender: 'female', image_url: imageUrl } });
const get = (id: string, headers = h) => p.app.inject({ method: 'GET', url: `/v1/photo_avatar.get?photo_avatar_id=${id}`, headers });

/** The signed events the endpoint got for one photo avatar. */
function eventsFor(id: string): { event_type: string; event_data: Record<string, unknown> }[] {
  return rx
    .on('/photo')
    .map((r) => new Webhook(secret).verify(r.body, r.headers) as { event_type: string; event_data: Record<string, unknown> })
    .filter((e) => e.event_data.photo_avatar_id === id);
}

describe('photo avatar seed flow', () => {
  test('generate → pending, get → completed with a preview, photo_avatar character renders it, photo_avatar_generation.success sent', async () => {
    const r = await generate(pictures.url('me.png'));
    assert.equal(r.statusCode, 200, r.body);
    const started = r.json();
    assert.equal(started.code, 100);
    assert.match(started.data.photo_avatar_id, /^[0-9a-f]{32}$/);
    assert.equal(started.data.status, 'pending');
    await p.pool.waitForIdle(30_000);

    const got = (await get(started.data.photo_avatar_id)).json();
    assert.equal(got.code, 100);
    assert.equal(got.data.status, 'completed', JSON.stringify(got.data));
    assert.equal(got.data.progress, 100);
    assert.equal(got.data.error, null);
    assert.equal(got.data.name, 'Eileen');
    assert.equal(got.data.gender, 'female');
    const preview = new URL(got.data.preview_url);
    const file = await p.app.inject({ method: 'GET', url: preview.pathname + preview.search });
    assert.equal(file.statusCode, 200);
    const meta = await sharp(file.rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 512, 512]);

    // Listed with the talking photos, whose ids the video routes take.
    const listed = (await p.app.inject({ method: 'GET', url: '/v2/avatars', headers: h })).json().data.talking_photos;
    assert.deepEqual(listed.find((t: { talking_photo_id: string }) => t.talking_photo_id === started.data.photo_avatar_id)?.talking_photo_name, 'Eileen');

    const events = eventsFor(started.data.photo_avatar_id);
    assert.deepEqual(events.map((e) => e.event_type), ['photo_avatar_generation.success']);
    assert.equal(events[0]!.event_data.group_id, got.data.group_id);
    assert.match(String(events[0]!.event_data.image_url), /^http:\/\/orator\.test\/files\//);

    const video = await p.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: { video_inputs: [{ character: { type: 'photo_avatar', photo_avatar_id: started.data.photo_avatar_id }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello.' } }], dimension: { width: 256, height: 256 } },
    });
    assert.equal(video.statusCode, 200, video.body);
    await p.pool.waitForIdle(30_000);
    const character = p.lastPlan().scenes[0]!.character!;
    assert.equal(character.type, 'photo');
    assert.ok(character.type === 'photo' && 'path' in character.image, JSON.stringify(character));
    const status = (await p.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${video.json().data.video_id}`, headers: h })).json();
    assert.equal(status.data.status, 'completed', JSON.stringify(status));
  });

  test('bad pictures fail with HeyGen’s codes in the status and in photo_avatar_generation.fail', async () => {
    const cases: [string, number, string, RegExp][] = [
      ['none.png', 40004, 'NO_FACE_ERROR', /No face found/],
      ['two.png', 40005, 'TOO_MANY_FACES_ERROR', /2 faces/],
      ['blurred.png', 40006, 'BAD_QUALITY_IMAGE', /blurred/],
      ['turned.png', 40006, 'BAD_QUALITY_IMAGE', /turned away/],
      ['tiny.jpg', 40006, 'BAD_QUALITY_IMAGE', /too small/],
    ];
    const ids: string[] = [];
    for (const [name] of cases) {
      const r = await generate(pictures.url(name));
      assert.equal(r.statusCode, 200, r.body);
      ids.push(r.json().data.photo_avatar_id);
    }
    await p.pool.waitForIdle(60_000);
    for (const [i, [name, code, , message]] of cases.entries()) {
      const got = (await get(ids[i]!)).json().data;
      assert.equal(got.status, 'failed', `${name}: ${JSON.stringify(got)}`);
      assert.equal(got.error.code, code, `${name}: ${JSON.stringify(got.error)}`);
      assert.match(got.error.message, message, name);
      assert.equal(got.preview_url, null);
      const events = eventsFor(ids[i]!);
      assert.deepEqual(events.map((e) => e.event_type), ['photo_avatar_generation.fail'], name);
      assert.equal(events[0]!.event_data.error_code, code);
    }
    // A failed photo avatar cannot be rendered; the message says why.
    const video = await p.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: { video_inputs: [{ character: { type: 'photo_avatar', photo_avatar_id: ids[0] }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' } }] },
    });
    assert.equal(video.statusCode, 400, video.body);
    assert.match(video.json().error.message, /failed \(No face found/);
  });

  test('refused at once: a URL that is not http(s), missing fields; unknown and other spaces’ ids are 400174', async () => {
    const ftp = await generate('ftp://example.com/me.png');
    assert.equal(ftp.statusCode, 400);
    assert.equal(ftp.json().code, 400175);
    assert.match(ftp.json().message, /image_url must be an http or https URL/);
    const missing = await p.app.inject({ method: 'POST', url: '/v1/photo_avatar.generate', headers: h, payload: { name: 'x' } });
    assert.equal(missing.statusCode, 400);

    const unknown = await get('0123456789abcdef0123456789abcdef');
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual([unknown.json().code, unknown.json().data], [400174, null]);
    const mine = (await generate(pictures.url('me.png'))).json().data.photo_avatar_id;
    const other = await newSpaceKey(p, 'other space');
    const theirs = await get(mine, other);
    assert.equal(theirs.statusCode, 404);
    assert.equal(theirs.json().code, 400174);
    const video = await p.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: other,
      payload: { video_inputs: [{ character: { type: 'photo_avatar', photo_avatar_id: mine }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' } }] },
    });
    assert.equal(video.statusCode, 404);
    assert.equal(video.json().error.code, 'avatar_not_found');
    assert.match(video.json().error.message, /Photo avatar .* not found/);
    await p.pool.waitForIdle(30_000);
  });
});

describe('photo avatar jobs are never lost', () => {
  test('a look made while no worker runs is finished by the next process on the same data', async () => {
    const first = await startWebhookPlatform({ startWorkers: false });
    try {
      const headers = await newSpaceKey(first);
      const r = await first.app.inject({ method: 'POST', url: '/v1/photo_avatar.generate', headers, payload: { name: 'Later', image_url: pictures.url('me.png') } });
      const id = r.json().data.photo_avatar_id;
      await first.stop();
      const second = await startWebhookPlatform({ dataDir: first.dataDir });
      try {
        await second.pool.waitForIdle(30_000);
        const got = (await second.app.inject({ method: 'GET', url: `/v1/photo_avatar.get?photo_avatar_id=${id}`, headers })).json();
        assert.deepEqual([got.data.status, got.data.progress], ['completed', 100]);
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
