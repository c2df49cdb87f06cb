// Video translations through the API on the in-process platform with the real translation engines
// (pocketsphinx, Apertium, espeak-ng, ffmpeg): bad input fails with HeyGen's codes and a message that
// says what is wrong, footage by URL is translated with its webhook, the v3 resource lists, renames and
// deletes, and a configured OpenAI-compatible chat endpoint (a tiny local server) replaces Apertium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/auth/api-keys.js';
import { composeTestPlatform, type ComposedTestPlatform } from '../support/test-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { eventually } from '../support/webhook-platform.js';

const media = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-translate-media-'));
let files: http.Server;
let filesBase = '';

/** Two English sentences with a pause, under a moving test picture; and broken variants of it. */
function makeMedia(): void {
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'Hello there.', '-o', path.join(media, 'a.wav')]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'The weather is nice today.', '-o', path.join(media, 'b.wav')]);
  ffmpeg('-i', path.join(media, 'a.wav'), '-i', path.join(media, 'b.wav'), '-filter_complex', '[0:a]adelay=300[x];[1:a]adelay=1800[y];[x][y]amix=inputs=2:normalize=0,apad=whole_dur=4[out]', '-map', '[out]', path.join(media, 'speech.wav'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=4', '-i', path.join(media, 'speech.wav'), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(media, 'talk.mp4'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path.join(media, 'mute.mp4'));
  ffmpeg('-i', path.join(media, 'speech.wav'), '-c:a', 'aac', path.join(media, 'sound-only.m4a'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=7', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=7', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(media, 'long.mp4'));
  fs.writeFileSync(path.join(media, 'corrupt.mp4'), Buffer.concat([Buffer.from('not a video at all'), Buffer.alloc(4096, 7)]));
}

before(async () => {
  makeMedia();
  files = http.createServer((req, res) => {
    const file = path.join(media, path.basename(req.url ?? ''));
    if (!fs.existsSync(file)) return void res.writeHead(404).end('missing');
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => files.close(r));
  fs.rmSync(media, { recursive: true, force: true });
});

const url = (name: string) => `${filesBase}/${name}`;
/** The blob key inside a signed /files link. */
const keyOf = (link: string) => decodeURIComponent(new URL(link).pathname.replace(/^\/files\//, ''));

async function blobText(p: ComposedTestPlatform, link: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await p.platform.blobs.getStream(keyOf(link))) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function conforms(method: string, template: string, r: { statusCode: number; json(): unknown; body: string }): void {
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${template} ${r.statusCode}: ${r.body}`);
}

async function settled(app: FastifyInstance, headers: Record<string, string>, id: string): Promise<any> {
  return eventually(async () => {
    const d = (await app.inject({ method: 'GET', url: `/v3/video-translations/${id}`, headers })).json().data;
    return d.status === 'completed' || d.status === 'failed' ? d : undefined;
  }, 120_000);
}

describe('video translations (Apertium, offline)', () => {
  // Five-second limit, so a seven-second clip is "too long" without a long fixture.
  const t = useTestPlatform({ kit: 'webhooks', env: { ORATOR_TRANSLATION_MAX_SECONDS: '5' } });
  const receiver = useReceiver();

  test('bad input: each fails with HeyGen’s code and a message naming the file', async () => {
    const cases: [string, number, RegExp][] = [
      ['mute.mp4', 400624, /mute\.mp4 has no audio stream/],
      ['sound-only.m4a', 400621, /sound-only\.m4a has no video stream/],
      ['corrupt.mp4', 400652, /corrupt\.mp4 could not be read as a video/],
      ['long.mp4', 40119, /long\.mp4 is 7\.0 s long; this server translates videos of at most 5 s/],
      ['nowhere.mp4', 400175, new RegExp(`Failed to download ${url('nowhere.mp4').replace(/[.]/g, '\\.')}`)],
    ];
    const ids: string[] = [];
    for (const [name] of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/v1/video_translate', headers: t.headers, payload: { video_url: url(name), target_language: 'es', callback_url: receiver.url('/fail'), callback_id: name } });
      assert.equal(r.statusCode, 200, r.body);
      ids.push(r.json().data.video_translate_id);
    }
    for (const [i, [name, code, message]] of cases.entries()) {
      await settled(t.app, t.headers, ids[i]!);
      const r = await t.app.inject({ method: 'GET', url: `/v1/video_translate_status.get?video_translate_id=${ids[i]}`, headers: t.headers });
      const d = r.json().data;
      assert.equal(d.status, 'failed', name);
      assert.equal(d.error.code, code, `${name}: ${JSON.stringify(d.error)}`);
      assert.match(d.message, message);
    }
    const events = await eventually(() => (receiver.on('/fail').length >= cases.length ? receiver.on('/fail') : undefined));
    const bodies = events.map((e) => JSON.parse(e.body));
    assert.ok(bodies.every((b) => b.event_type === 'video_translate.fail' && ids.includes(b.event_data.video_translate_id) && b.event_data.output_language === 'es'), JSON.stringify(bodies));
    assert.match(bodies.find((b) => b.event_data.callback_id === 'mute.mp4').event_data.message, /no audio stream/);
  });

  test('refused at once: unsupported language (listing the supported ones), voices, missing fields, unknown ids', async () => {
    const post = (u: string, payload: object) => t.app.inject({ method: 'POST', url: u, headers: t.headers, payload });
    const fr = await post('/v3/video-translations', { video: { type: 'url', url: url('talk.mp4') }, output_languages: ['fr'] });
    assert.equal(fr.statusCode, 400);
    conforms('POST', '/v3/video-translations', fr);
    assert.equal(fr.json().error.param, 'output_languages');
    assert.match(fr.json().error.message, /"fr" is not supported from en; supported: ca \(Catalan\), es \(Spanish\)/);
    const v1 = await post('/v1/video_translate', { video_url: url('talk.mp4'), target_language: 'de' });
    assert.equal(v1.statusCode, 400);
    assert.equal(v1.json().code, 400175);
    const voice = await post('/v2/video_translate', { video_url: url('talk.mp4'), output_language: 'es', voice_id: 'flite_slt' });
    assert.equal(voice.statusCode, 400);
    assert.match(voice.json().error.message, /flite_slt speaks English \(en\), not the target language es/);
    assert.equal((await post('/v2/video_translate', { video_url: url('talk.mp4'), output_language: 'es', voice_id: 'nope' })).statusCode, 404);
    const none = await post('/v2/video_translate', { video_url: url('talk.mp4') });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.param, 'output_language');
    const asset = await post('/v3/video-translations', { video: { type: 'asset_id' }, output_languages: ['es'] });
    assert.equal(asset.json().error.param, 'video.asset_id');
    const recog = await post('/v3/video-translations', { video: { type: 'url', url: url('talk.mp4') }, output_languages: ['es'], input_language: 'de' });
    assert.match(recog.json().error.message, /speech recognition here knows en only/);
    for (const [u, version] of [
      ['/v1/video_translate_status.get?video_translate_id=nope', 'v1'],
      ['/v2/video_translate/nope', 'v3'],
      ['/v3/video-translations/nope', 'v3'],
      ['/v2/video_translate/caption?video_translate_id=nope&caption_type=srt', 'v3'],
    ] as const) {
      const r = await t.app.inject({ method: 'GET', url: u, headers: t.headers });
      assert.equal(r.statusCode, 404, u);
      if (version === 'v1') assert.equal(r.json().code, 400183);
      else assert.equal(r.json().error.code, 'not_found');
    }
  });

  test('footage by URL, v3: Idempotency-Key, webhook with the links, list by cursor, rename, captions, delete', async () => {
    const body = { video: { type: 'url', url: url('talk.mp4') }, output_languages: ['es', 'Catalan'], title: 'talk', callback_url: receiver.url('/ok'), callback_id: 'cb-ok' };
    const headers = { ...t.headers, 'idempotency-key': 'translate-talk-1' };
    const first = await t.app.inject({ method: 'POST', url: '/v3/video-translations', headers, payload: body });
    assert.equal(first.statusCode, 200, first.body);
    conforms('POST', '/v3/video-translations', first);
    const again = await t.app.inject({ method: 'POST', url: '/v3/video-translations', headers, payload: body });
    assert.deepEqual(again.json(), first.json(), 'the same key answers the same translations');
    const [es, ca] = first.json().data.video_translation_ids;

    const done = await settled(t.app, t.headers, es);
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.equal((await settled(t.app, t.headers, ca)).output_language, 'ca');
    const get = await t.app.inject({ method: 'GET', url: `/v3/video-translations/${es}`, headers: t.headers });
    conforms('GET', '/v3/video-translations/{video_translation_id}', get);
    assert.equal(done.input_language, 'en');
    assert.equal(done.translate_audio_only, false);
    assert.match(done.translated_script.map((s: any) => s.text).join(' '), /tiempo es bueno hoy/i);
    for (const k of ['video_url', 'audio_url', 'srt_caption_url', 'vtt_caption_url']) assert.match(done[k], /^http:\/\/orator\.test\/files\/translations\//, k);

    const events = await eventually(() => (receiver.on('/ok').length >= 2 ? receiver.on('/ok') : undefined));
    const success = events.map((e) => JSON.parse(e.body)).find((b) => b.event_data.video_translate_id === es);
    assert.equal(success.event_type, 'video_translate.success');
    assert.equal(success.event_data.callback_id, 'cb-ok');
    assert.equal(success.event_data.output_language, 'es');
    assert.match(success.event_data.url, /\/files\/translations\/.*\/video\.mp4\?Expires=/);

    const page1 = await t.app.inject({ method: 'GET', url: '/v3/video-translations?limit=1', headers: t.headers });
    conforms('GET', '/v3/video-translations', page1);
    assert.equal(page1.json().has_more, true);
    const page2 = await t.app.inject({ method: 'GET', url: `/v3/video-translations?limit=1&token=${encodeURIComponent(page1.json().next_token)}`, headers: t.headers });
    assert.notEqual(page2.json().data[0].id, page1.json().data[0].id);

    const renamed = await t.app.inject({ method: 'PATCH', url: `/v3/video-translations/${es}`, headers: t.headers, payload: { title: 'charla' } });
    conforms('PATCH', '/v3/video-translations/{video_translation_id}', renamed);
    assert.equal(renamed.json().data.title, 'charla');
    const caption = await t.app.inject({ method: 'GET', url: `/v3/video-translations/${es}/caption?format=vtt`, headers: t.headers });
    conforms('GET', '/v3/video-translations/{video_translation_id}/caption', caption);
    assert.match(caption.json().data.caption_url, /captions\.vtt\?Expires=/);
    const v2 = await t.app.inject({ method: 'GET', url: `/v2/video_translate/${es}`, headers: t.headers });
    assert.equal(v2.json().data.status, 'success');

    const del = await t.app.inject({ method: 'DELETE', url: `/v3/video-translations/${es}`, headers: t.headers });
    conforms('DELETE', '/v3/video-translations/{video_translation_id}', del);
    assert.equal((await t.app.inject({ method: 'GET', url: `/v3/video-translations/${es}`, headers: t.headers })).statusCode, 404);
    assert.equal(await t.platform.blobs.exists(keyOf(done.video_url)), false, 'its files went with it');
  });
});

describe('video translations through an OpenAI-compatible chat endpoint (configured)', () => {
  let chat: http.Server;
  let p: ComposedTestPlatform;
  let headers: Record<string, string>;
  const asked: any[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-translate-chat-'));
  before(async () => {
    chat = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw);
        asked.push(body);
        const sentences: string[] = JSON.parse(body.messages[1].content);
        const content = JSON.stringify(sentences.map((_s, i) => (i === 0 ? 'Bonjour à tous.' : 'Il fait beau aujourd’hui.')));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      });
    });
    await new Promise<void>((r) => chat.listen(0, '127.0.0.1', r));
    const env = {
      ORATOR_ALLOW_PRIVATE_URLS: '1',
      ORATOR_TRANSLATION_ENGINE: 'openai',
      ORATOR_TRANSLATION_URL: `http://127.0.0.1:${(chat.address() as AddressInfo).port}/v1`,
      ORATOR_TRANSLATION_MODEL: 'tiny-local',
      ORATOR_TRANSLATION_LANGUAGES: 'fr,de',
    };
    p = await composeTestPlatform({ dataDir, env });
    headers = { 'x-api-key': (await createApiKey(p.platform.keys, { name: 'chat' })).key };
  });
  after(async () => {
    await p?.stop();
    await new Promise((r) => chat.close(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the languages are the configured ones; the model’s translation is what is spoken and captioned', async () => {
    const langs = await p.app.inject({ method: 'GET', url: '/v3/video-translations/languages', headers });
    conforms('GET', '/v3/video-translations/languages', langs);
    assert.deepEqual(langs.json().data.languages, ['de', 'fr']);
    assert.match(langs.json().data.translation_engine, /OpenAI-compatible chat model "tiny-local"/);
    const r = await p.app.inject({ method: 'POST', url: '/v2/video_translate', headers, payload: { video_url: url('talk.mp4'), output_language: 'fr' } });
    assert.equal(r.statusCode, 200, r.body);
    const done = await settled(p.app, headers, r.json().data.video_translate_id);
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.equal(done.engines.translation, 'openai-compatible chat (tiny-local)');
    assert.match(done.engines.speech, /espeak-ng \(espeak_fr_/);
    assert.deepEqual(done.translated_script.map((s: any) => s.text), ['Bonjour à tous.', 'Il fait beau aujourd’hui.']);
    assert.equal(asked.length, 1);
    assert.match(asked[0].messages[0].content, /from en to fr/);
    const srt = await blobText(p, done.srt_caption_url);
    assert.match(srt, /Bonjour à tous\./);
    assert.match(srt, /Il fait beau aujourd’hui\./);
  });
});
