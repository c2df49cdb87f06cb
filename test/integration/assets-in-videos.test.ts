// Uploaded assets used by videos: v2 audio_asset_id / image_asset_id / video_asset_id and v3
// audio_asset_id / background.asset_id / image.asset_id render from this space's blobs (the render job
// copies them next to the render), the file kind must fit the field, other spaces' ids are unknown,
// and an asset deleted before its render fails that video with a reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createApiKey } from '../../src/auth/api-keys.js';
import { encodeWav } from '../../src/render/speech/wav-file.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { startTestPlatform } from '../support/test-platform.js';
import { useTestPlatform, type TestPlatformHandle } from '../support/use-test-platform.js';

let t: TestPlatformHandle;
let headers: Record<string, string>;
let audioId: string;
let imageId: string;
let png: Buffer;
const wav = encodeWav({ sampleRate: 16000, samples: Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin(i / 5))) });

async function upload(body: Buffer, contentType: string, h = headers): Promise<string> {
  const r = await t.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...h, 'content-type': contentType }, payload: body });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data.id;
}

async function statusOf(videoId: string): Promise<{ status: string; error: { code: number; message: string } | null }> {
  return (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${videoId}`, headers })).json().data;
}

describe('assets in videos', () => {
  t = useTestPlatform();
  headers = t.headers;
  before(async () => {
    png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#3366aa' } }).png().toBuffer();
    audioId = await upload(wav, 'audio/wav');
    imageId = await upload(png, 'image/png');
  });

  test('v2: audio and background image by asset id render from local copies of the uploaded files', async () => {
    const seen: { audio: Buffer; image: Buffer }[] = [];
    t.engine.controls.behaviour = async (plan: RenderPlan) => {
      const scene = plan.scenes[0]!;
      assert.ok(scene.voice.type === 'audio' && 'path' in scene.voice.source, 'the engine gets a file path');
      assert.ok(scene.background.type === 'image' && 'path' in scene.background.source);
      seen.push({ audio: readFileSync(scene.voice.source.path), image: readFileSync(scene.background.source.path) });
    };
    const r = await t.app.inject({
      method: 'POST', url: '/v2/video/generate', headers,
      payload: { video_inputs: [{ character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' }, voice: { type: 'audio', audio_asset_id: audioId }, background: { type: 'image', image_asset_id: imageId } }] },
    });
    assert.equal(r.statusCode, 200, r.body);
    await t.pool.waitForIdle();
    t.engine.controls.behaviour = async () => {};
    assert.equal((await statusOf(r.json().data.video_id)).status, 'completed');
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.audio, wav);
    assert.deepEqual(seen[0]!.image, png);
  });

  test('v2: the file kind must fit the field, and unknown ids are 404', async () => {
    const wrongKind = await t.app.inject({
      method: 'POST', url: '/v2/video/generate', headers,
      payload: { video_inputs: [{ character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' }, voice: { type: 'audio', audio_asset_id: imageId } }] },
    });
    assert.equal(wrongKind.statusCode, 400, wrongKind.body);
    assert.match(wrongKind.json().error.message, /image file; video_inputs\[0\]\.voice\.audio_asset_id needs an? audio/);
    const unknown = await t.app.inject({
      method: 'POST', url: '/v2/video/generate', headers,
      payload: { video_inputs: [{ character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' }, background: { type: 'video', video_asset_id: 'nope' } }] },
    });
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.match(unknown.json().error.message, /Asset nope not found/);
  });

  test("another space's asset ids are unknown to this space", async () => {
    const other = await createApiKey(t.platform.keys, { name: 'other space' });
    const r = await t.app.inject({
      method: 'POST', url: '/v2/video/generate', headers: { 'x-api-key': other.key },
      payload: { video_inputs: [{ character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' }, voice: { type: 'audio', audio_asset_id: audioId } }] },
    });
    assert.equal(r.statusCode, 404, r.body);
  });

  test('v3: audio, background and photo by asset id', async () => {
    const plans: RenderPlan[] = [];
    t.engine.controls.behaviour = async (plan) => {
      plans.push(plan);
    };
    const r = await t.app.inject({
      method: 'POST', url: '/v3/videos', headers,
      payload: { type: 'image', image: { type: 'asset_id', asset_id: imageId }, audio_asset_id: audioId, background: { type: 'image', asset_id: imageId } },
    });
    assert.equal(r.statusCode, 200, r.body);
    await t.pool.waitForIdle();
    t.engine.controls.behaviour = async () => {};
    const scene = plans[0]!.scenes[0]!;
    assert.ok(scene.character?.type === 'photo' && 'path' in scene.character.image);
    assert.ok(scene.voice.type === 'audio' && 'path' in scene.voice.source);
    assert.ok(scene.background.type === 'image' && 'path' in scene.background.source);
    assert.equal(scene.character.image.path, scene.background.source.path, 'one blob is copied once per render');
    const bad = await t.app.inject({ method: 'POST', url: '/v3/videos', headers, payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', audio_asset_id: 'nope' } });
    assert.equal(bad.statusCode, 404, bad.body);
    assert.equal(bad.json().error.param, 'audio_asset_id');
  });

  test('an asset deleted before its render fails that video with a reason', async () => {
    // Workers held back, so the deletion lands between the request and the render.
    const idle = await startTestPlatform({ startWorkers: false });
    try {
      const h = { 'x-api-key': idle.key };
      const up = await idle.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...h, 'content-type': 'audio/wav' }, payload: wav });
      const doomed = up.json().data.id;
      const r = await idle.app.inject({
        method: 'POST', url: '/v2/video/generate', headers: h,
        payload: { video_inputs: [{ character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' }, voice: { type: 'audio', audio_asset_id: doomed } }] },
      });
      assert.equal(r.statusCode, 200, r.body);
      const deleted = await idle.app.inject({ method: 'POST', url: `/v1/asset/${doomed}/delete`, headers: h });
      assert.equal(deleted.statusCode, 200, deleted.body);
      idle.pool.start();
      await idle.pool.waitForIdle();
      const status = (await idle.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${r.json().data.video_id}`, headers: h })).json().data;
      assert.equal(status.status, 'failed', JSON.stringify(status));
      assert.match(status.error.message, /no longer stored/);
      assert.equal(idle.engine.controls.renders.length, 0, 'the engine never ran');
    } finally {
      await idle.close();
    }
  });
});
