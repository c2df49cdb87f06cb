// Lip-syncs on the in-process platform: the webhook a finished lip-sync sends to its callback_url
// (video_translate.success with lipsync_id: HeyGen names no lip-sync event), Idempotency-Key replays,
// a failure's event, and footage given a script is spoken with its captions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { eventually } from '../support/webhook-platform.js';

const media = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-lipsync-media-'));
let files: http.Server;
let base = '';
before(async () => {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=2', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(media, 'clip.mp4')]);
  files = http.createServer((req, res) => {
    const file = path.join(media, path.basename(req.url ?? ''));
    if (!fs.existsSync(file)) return void res.writeHead(404).end('missing');
    res.writeHead(200).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => files.close(r));
  fs.rmSync(media, { recursive: true, force: true });
});

describe('lip-syncs (in-process)', () => {
  const t = useTestPlatform({ kit: 'webhooks' });
  const receiver = useReceiver();

  test('a script spoken over footage, its event to callback_url, Idempotency-Key replayed; a missing audio file fails with its event', async () => {
    const body = { video: { type: 'url', url: `${base}/clip.mp4` }, script: 'Good morning to you all.', callback_url: receiver.url('/ls'), callback_id: 'ls-1' };
    const headers = { ...t.headers, 'idempotency-key': 'lipsync-one' };
    const first = await t.app.inject({ method: 'POST', url: '/v3/lipsyncs', headers, payload: body });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(validateHeygenResponse('POST', '/v3/lipsyncs', 200, first.json()), []);
    const again = await t.app.inject({ method: 'POST', url: '/v3/lipsyncs', headers, payload: body });
    assert.equal(again.json().data.lipsync_id, first.json().data.lipsync_id);
    const id = first.json().data.lipsync_id;

    const bad = await t.app.inject({ method: 'POST', url: '/v3/lipsyncs', headers: t.headers, payload: { video: { type: 'url', url: `${base}/clip.mp4` }, audio: { type: 'url', url: `${base}/nowhere.wav` }, callback_url: receiver.url('/bad') } });
    const badId = bad.json().data.lipsync_id;

    const events = await eventually(() => (receiver.on('/ls').length && receiver.on('/bad').length ? [receiver.on('/ls')[0]!, receiver.on('/bad')[0]!] : undefined), 60_000);
    const [ok, fail] = events.map((e) => JSON.parse(e.body));
    assert.equal(ok.event_type, 'video_translate.success');
    assert.equal(ok.event_data.lipsync_id, id);
    assert.equal(ok.event_data.callback_id, 'ls-1');
    assert.match(ok.event_data.url, /\/files\//);
    assert.equal(fail.event_type, 'video_translate.fail');
    assert.equal(fail.event_data.lipsync_id, badId);
    assert.match(fail.event_data.message, /nowhere\.wav/);

    const done = (await t.app.inject({ method: 'GET', url: `/v3/lipsyncs/${id}`, headers: t.headers })).json().data;
    assert.equal(done.status, 'completed');
    assert.match(done.engines.speech, /^(espeak-ng|flite|festival) \(\w+\)$/);
    assert.match(done.engines.resync, /no face was found .*audio replaced only/);
    const failed = (await t.app.inject({ method: 'GET', url: `/v3/lipsyncs/${badId}`, headers: t.headers })).json();
    assert.deepEqual(validateHeygenResponse('GET', '/v3/lipsyncs/{lipsync_id}', 200, failed), []);
    assert.equal(failed.data.status, 'failed');
    assert.equal(failed.data.error.code, 400175);
    // The old name answers too.
    const alias = await t.app.inject({ method: 'GET', url: `/v3/overdubs/${id}`, headers: t.headers });
    assert.equal(alias.json().data.id, id);
    // A lip-sync is not a translation, and the other way round.
    assert.equal((await t.app.inject({ method: 'GET', url: `/v3/video-translations/${id}`, headers: t.headers })).statusCode, 404);
  });
});
