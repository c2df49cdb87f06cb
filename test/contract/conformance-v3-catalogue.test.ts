// Avatars, looks, voices and speech: real responses validated against HeyGen's schemas, plus the
// behaviour clients rely on (engine=starfish, filters, cursors, supported_api_engines).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/build-app.js';
import { generateSpeech } from '../../src/services/voices/generate-speech.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { useTestPlatform } from '../support/use-test-platform.js';

let app: FastifyInstance;
const synthesized: { text: string; speed: number }[] = [];

const t = useTestPlatform({ startWorkers: false }, async () => {
  // Speech with a fake synthesizer: the HTTP contract is the point, not the TTS engines.
  const scratch = {
    create: (label: string) => fsp.mkdtemp(path.join(os.tmpdir(), `orator-${label}-`)),
    remove: (dir: string) => fsp.rm(dir, { recursive: true, force: true }),
  };
  const speech = {
    async synthesize(i: { text: string; voiceId: string; speed: number; outPath: string }) {
      synthesized.push({ text: i.text, speed: i.speed });
      await fsp.writeFile(i.outPath, 'RIFF-fake-wav');
      return { durationSec: 1.25, words: [{ word: 'hello', start: 0.1, end: 0.5 }] };
    },
  };
  const deps = t.platform.appDeps;
  app = await buildApp({ ...deps, voices: { ...deps.voices, speech: (space, req) => generateSpeech({ speech, engine: t.engine, blobs: t.platform.blobs, scratch }, space, req) } });
  return () => app.close();
});
const h = t.headers;

async function check(method: 'GET' | 'POST', template: string, url: string, expected: number, options: { payload?: object; headers?: Record<string, string> } = {}) {
  const r = await app.inject({ method, url, headers: options.headers ?? h, ...(options.payload ? { payload: options.payload } : {}) });
  assert.equal(r.statusCode, expected, r.body);
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${url}: ${r.body}`);
  return r.json();
}

describe('conformance: avatars and looks', () => {
  test('GET /v3/avatars 200 (paged), 400, 401', async () => {
    const page = await check('GET', '/v3/avatars', '/v3/avatars?limit=1', 200);
    assert.equal(page.data.length, 1);
    assert.equal(page.has_more, true);
    const rest = await check('GET', '/v3/avatars', `/v3/avatars?limit=1&token=${page.next_token}`, 200);
    assert.equal(rest.has_more, false);
    assert.equal(rest.next_token, null);
    assert.deepEqual((await check('GET', '/v3/avatars', '/v3/avatars?ownership=private', 200)).data, []);
    await check('GET', '/v3/avatars', '/v3/avatars?limit=51', 400);
    await check('GET', '/v3/avatars', '/v3/avatars', 401, { headers: {} });
  });

  test('GET /v3/avatars/{group_id} 200, 404', async () => {
    const g = await check('GET', '/v3/avatars/{group_id}', '/v3/avatars/Daisy-inskirt-20220818', 200);
    assert.equal(g.data.looks_count, 1);
    await check('GET', '/v3/avatars/{group_id}', '/v3/avatars/nobody', 404);
  });

  test('GET /v3/avatars/looks 200 with supported_api_engines, filters, 400, 401', async () => {
    const looks = await check('GET', '/v3/avatars/looks', '/v3/avatars/looks', 200);
    assert.equal(looks.data.length, 2);
    assert.deepEqual(looks.data[0].supported_api_engines, ['avatar_iv']);
    const one = await check('GET', '/v3/avatars/looks', '/v3/avatars/looks?group_id=josh_lite3_20230714', 200);
    assert.deepEqual(one.data.map((l: { id: string }) => l.id), ['josh_lite3_20230714']);
    assert.deepEqual((await check('GET', '/v3/avatars/looks', '/v3/avatars/looks?avatar_type=photo_avatar', 200)).data, []);
    await check('GET', '/v3/avatars/looks', '/v3/avatars/looks?limit=0', 400);
    await check('GET', '/v3/avatars/looks', '/v3/avatars/looks', 401, { headers: {} });
  });

  test('GET /v3/avatars/looks/{look_id} 200, 404', async () => {
    const l = await check('GET', '/v3/avatars/looks/{look_id}', '/v3/avatars/looks/Daisy-inskirt-20220818', 200);
    assert.equal(l.data.default_voice_id, 'flite_slt');
    await check('GET', '/v3/avatars/looks/{look_id}', '/v3/avatars/looks/nobody', 404);
  });
});

describe('conformance: voices and speech', () => {
  test('GET /v3/voices: engine=starfish lists the TTS voices; filters; cursor; 400; 401', async () => {
    const all = await check('GET', '/v3/voices', '/v3/voices?engine=starfish', 200);
    assert.deepEqual(all.data.map((v: { voice_id: string }) => v.voice_id), ['flite_slt', 'flite_rms']);
    assert.deepEqual((await check('GET', '/v3/voices', '/v3/voices?engine=elevenlabs', 200)).data, []);
    const female = await check('GET', '/v3/voices', '/v3/voices?gender=Female&language=English', 200);
    assert.deepEqual(female.data.map((v: { voice_id: string }) => v.voice_id), ['flite_slt']);
    const first = await check('GET', '/v3/voices', '/v3/voices?limit=1', 200);
    assert.equal(first.has_more, true);
    const second = await check('GET', '/v3/voices', `/v3/voices?limit=1&token=${first.next_token}`, 200);
    assert.equal(second.data[0].voice_id, 'flite_rms');
    assert.deepEqual((await check('GET', '/v3/voices', '/v3/voices?type=private', 200)).data, []);
    await check('GET', '/v3/voices', '/v3/voices?engine=nonsense', 400);
    await check('GET', '/v3/voices', '/v3/voices?token=@@', 400);
    await check('GET', '/v3/voices', '/v3/voices', 401, { headers: {} });
  });

  test('GET /v3/voices/{voice_id} 200, 404', async () => {
    const v = await check('GET', '/v3/voices/{voice_id}', '/v3/voices/flite_slt', 200);
    assert.equal(v.data.status, 'complete');
    await check('GET', '/v3/voices/{voice_id}', '/v3/voices/nope', 404);
  });

  test('GET /v1/audio/voices 200 (v3 envelope), 401', async () => {
    const r = await check('GET', '/v1/audio/voices', '/v1/audio/voices?gender=male', 200);
    assert.deepEqual(r.data.map((v: { voice_id: string }) => v.voice_id), ['flite_rms']);
    await check('GET', '/v1/audio/voices', '/v1/audio/voices', 401, { headers: {} });
  });

  for (const url of ['/v3/voices/speech', '/v1/audio/text_to_speech']) {
    test(`POST ${url} 200 (signed audio URL, word timestamps), 400, 401`, async () => {
      const ok = await check('POST', url, url, 200, { payload: { text: 'Hello <break time="1s"/> <emphasis>there</emphasis>', voice_id: 'flite_slt', input_type: 'ssml', speed: 1.8, locale: 'en-US', unknown: 1 } });
      assert.match(ok.data.audio_url, /\/files\/speech\/.*\.wav\?Expires=\d+&Signature=/);
      assert.equal(ok.data.duration, 1.25);
      assert.deepEqual(ok.data.word_timestamps, [{ word: 'hello', start: 0.1, end: 0.5 }]);
      assert.equal(typeof ok.data.request_id, 'string');
      assert.deepEqual(synthesized.at(-1), { text: 'Hello <break time="1s"/> there', speed: 1.5 });
      const file = await app.inject({ method: 'GET', url: ok.data.audio_url.replace('http://orator.test', '') });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'audio/wav');
      await check('POST', url, url, 400, { payload: { voice_id: 'flite_slt' } });
      await check('POST', url, url, 400, { payload: { text: 'x', voice_id: 'flite_slt', speed: 3 } });
      await check('POST', url, url, 401, { payload: { text: 'x', voice_id: 'flite_slt' }, headers: {} });
      const missing = await app.inject({ method: 'POST', url, headers: h, payload: { text: 'x', voice_id: 'nope' } });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'voice_not_found');
    });
  }

  test('POST /v3/voices/speech honours Idempotency-Key', async () => {
    const payload = { text: 'Once.', voice_id: 'flite_slt' };
    const a = await app.inject({ method: 'POST', url: '/v3/voices/speech', headers: { ...h, 'idempotency-key': 'speech-1' }, payload });
    const count = synthesized.length;
    const b = await app.inject({ method: 'POST', url: '/v3/voices/speech', headers: { ...h, 'idempotency-key': 'speech-1' }, payload });
    assert.equal(b.body, a.body);
    assert.equal(synthesized.length, count);
  });
});

describe('OpenAPI document', () => {
  test('/openapi.json lists the v3 routes and /docs serves the reference page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const p of ['/v3/videos', '/v3/videos/{video_id}', '/v3/avatars/looks', '/v3/voices', '/v3/voices/speech', '/v3/users/me', '/v2/videos']) assert.ok(doc.paths[p], p);
    assert.ok(doc.paths['/v3/videos'].post.requestBody);
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
  });
});
