// Request parsing as real clients exercise it (issue #10, points 1–4): empty bodies under any Content-Type,
// no 5xx from malformed input (deep JSON, over-long URLs, bad percent-encoding, unknown routes), no type
// coercion of bodies, and messages that name the field the client sent.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ONE_SCENE } from '../support/webhook-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const AVATAR = 'Daisy-inskirt-20220818';
const JSON_TYPE = { 'content-type': 'application/json' };

// No workers: creation only queues a render, nothing is rendered.
const p = useTestPlatform({ kit: 'webhooks', startWorkers: false });
const h = p.headers;
const rx = useReceiver();

function call(o: InjectOptions & { headers?: Record<string, string> }): Promise<LightMyRequestResponse> {
  return p.app.inject({ ...o, headers: { ...h, ...o.headers } });
}

async function createVideo(): Promise<string> {
  const r = await call({ method: 'POST', url: '/v2/video/generate', payload: ONE_SCENE });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data.video_id as string;
}

async function createEndpoint(): Promise<{ endpoint_id: string; secret: string }> {
  const r = await call({ method: 'POST', url: '/v3/webhooks/endpoints', payload: { url: rx.url('/hook') } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data;
}

async function videoCount(): Promise<number> {
  const r = await call({ method: 'GET', url: '/v1/video.list?limit=100' });
  return r.json().data.videos.length as number;
}

async function endpointCount(): Promise<number> {
  const r = await call({ method: 'GET', url: '/v1/webhook/endpoint.list' });
  return r.json().data.length as number;
}

/** The v1/v2/v3 error envelope, checked in full; returns `{code, message, param}`. */
function envelope(r: LightMyRequestResponse | { statusCode: number; body: string }, version: 'v1' | 'v2' | 'v3'): { code: unknown; message: string; param?: unknown } {
  const body = JSON.parse(r.body);
  if (version === 'v1') {
    assert.deepEqual(Object.keys(body).sort(), ['code', 'data', 'message'], r.body);
    assert.equal(typeof body.code, 'number');
    assert.equal(body.data, null);
    return body;
  }
  if (version === 'v2') {
    assert.deepEqual(Object.keys(body).sort(), ['data', 'error'], r.body);
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message'], r.body);
    return body.error;
  }
  assert.deepEqual(Object.keys(body), ['error'], r.body);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'doc_url', 'message', 'param'], r.body);
  return body.error;
}

describe('1. an empty body is no body, whatever its Content-Type', () => {
  test('DELETE /v1/video.delete with Content-Type: application/json and no body deletes the video (what HeyGen SDKs send)', async () => {
    const id = await createVideo();
    const r = await call({ method: 'DELETE', url: `/v1/video.delete?video_id=${id}`, headers: JSON_TYPE });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().code, 100);
    const gone = await call({ method: 'GET', url: `/v1/video_status.get?video_id=${id}` });
    assert.equal(gone.statusCode, 404, 'the video is gone');
  });

  for (const prefix of ['/v3', '/v2']) {
    test(`DELETE ${prefix}/videos/{id} with an empty JSON body deletes the video`, async () => {
      const id = await createVideo();
      const r = await call({ method: 'DELETE', url: `${prefix}/videos/${id}`, headers: JSON_TYPE, payload: '' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().data.deleted, true);
      assert.equal((await call({ method: 'GET', url: `/v3/videos/${id}` })).statusCode, 404);
    });
  }

  test('every other Content-Type (and a whitespace-only body) on a DELETE is no body too', async () => {
    for (const [type, payload] of [
      ['text/plain', ''],
      ['application/x-www-form-urlencoded', ''],
      ['application/octet-stream', ''],
      ['multipart/form-data; boundary=x', ''],
      ['application/json; charset=utf-8', '  \r\n '],
      [';;;', ''], // not a media type at all
      ['', ''],
    ] as const) {
      const id = await createVideo();
      const r = await call({ method: 'DELETE', url: `/v1/video.delete?video_id=${id}`, headers: { 'content-type': type }, payload });
      assert.equal(r.statusCode, 200, `${type}: ${r.body}`);
    }
  });

  test('webhook rotate-secret, test and both deletes take an empty JSON body', async () => {
    const e = await createEndpoint();
    const rotated = await call({ method: 'POST', url: `/v3/webhooks/endpoints/${e.endpoint_id}/rotate-secret`, headers: JSON_TYPE, payload: '' });
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.notEqual(rotated.json().data.secret, e.secret, 'a new secret');

    const tested = await call({ method: 'POST', url: `/v3/webhooks/endpoints/${e.endpoint_id}/test`, headers: JSON_TYPE, payload: '' });
    assert.equal(tested.statusCode, 200, tested.body);
    assert.equal(tested.json().data.succeeded, true);
    assert.equal(rx.on('/hook').length, 1, 'the test event was sent');

    const patched = await call({ method: 'PATCH', url: `/v3/webhooks/endpoints/${e.endpoint_id}`, headers: JSON_TYPE, payload: '' });
    assert.equal(patched.statusCode, 200, `PATCH with no fields changes nothing: ${patched.body}`);
    assert.equal(patched.json().data.url, rx.url('/hook'));

    const del = await call({ method: 'DELETE', url: `/v3/webhooks/endpoints/${e.endpoint_id}`, headers: JSON_TYPE, payload: '' });
    assert.equal(del.statusCode, 200, del.body);
    const v1 = await createEndpoint();
    const delV1 = await call({ method: 'DELETE', url: `/v1/webhook/endpoint.delete?endpoint_id=${v1.endpoint_id}`, headers: JSON_TYPE });
    assert.equal(delV1.statusCode, 200, delV1.body);
    assert.equal(await endpointCount(), 0);
  });

  test('routes that need a body answer "missing" naming the first required field, not "invalid JSON"', async () => {
    const cases: [string, string, 'v1' | 'v2' | 'v3', string][] = [
      ['POST', '/v2/video/generate', 'v2', 'video_inputs'],
      ['POST', '/v3/videos', 'v3', 'type'],
      ['POST', '/v3/webhooks/endpoints', 'v3', 'url'],
      ['POST', '/v1/webhook/endpoint.add', 'v1', 'url'],
      ['PATCH', '/v1/webhook/endpoint.update', 'v1', 'endpoint_id'],
      ['POST', '/v3/voices/speech', 'v3', 'text'],
      ['POST', '/v1/audio/text_to_speech', 'v3', 'text'],
    ];
    for (const [method, url, version, field] of cases) {
      for (const headers of [JSON_TYPE, {} as Record<string, string>]) {
        const r = await call({ method: method as 'POST', url, headers });
        assert.equal(r.statusCode, 400, `${method} ${url}: ${r.body}`);
        const e = envelope(r, version);
        assert.equal(e.message, `${field} is required`, `${method} ${url}`);
        if (version === 'v1') assert.equal(e.code, 40001);
        if (version === 'v3') assert.equal(e.param, field);
      }
    }
  });
});

describe('2. no 5xx from input', () => {
  test('JSON nested thousands deep is a 400 before parsing, on every create route (nothing stored)', async () => {
    const [videos, endpoints] = [await videoCount(), await endpointCount()];
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const cases: [string, string, 'v1' | 'v2' | 'v3', string][] = [
      ['POST', '/v2/video/generate', 'v2', `{"video_inputs":${deep}}`],
      ['POST', '/v3/videos', 'v3', `{"type":"avatar","avatar_id":"${AVATAR}","script":"hi","extra":${deep}}`],
      ['POST', '/v2/videos', 'v3', `{"avatar_id":"${AVATAR}","script":"hi","voice_id":"flite_slt","extra":${deep}}`],
      ['POST', '/v1/webhook/endpoint.add', 'v1', `{"url":"${rx.url('/d')}","extra":${deep}}`],
      ['POST', '/v3/webhooks/endpoints', 'v3', deep],
    ];
    for (const [method, url, version, payload] of cases) {
      // With an Idempotency-Key too: its body hash walks the value recursively.
      const r = await call({ method: method as 'POST', url, headers: { ...JSON_TYPE, 'idempotency-key': `deep-${url.replace(/\W/g, '')}` }, payload });
      assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
      assert.match(envelope(r, version).message, /deeper than 32 levels/);
    }
    assert.equal(await videoCount(), videos);
    assert.equal(await endpointCount(), endpoints);
  });

  test('invalid JSON says where it breaks', async () => {
    const r = await call({ method: 'POST', url: '/v3/videos', headers: JSON_TYPE, payload: '{"type": avatar}' });
    assert.equal(r.statusCode, 400);
    const e = envelope(r, 'v3');
    assert.match(e.message, /^Request body is not valid JSON: /);
    assert.equal(e.param, 'body');
    const proto = await call({ method: 'POST', url: '/v3/videos', headers: JSON_TYPE, payload: '{"type":"avatar","__proto__":{"x":1}}' });
    assert.equal(proto.statusCode, 400, proto.body);
    assert.match(envelope(proto, 'v3').message, /__proto__/);
  });

  test('bad percent-encoding in a path is a 400 in the route version’s envelope', async () => {
    for (const [url, version] of [
      ['/v1/video_status.get/%zz', 'v1'],
      ['/v3/videos/%E0%A4%A', 'v3'],
      ['/v2/videos/%E0%A4%A', 'v3'], // /v2/videos answers in the v3 envelope (config.envelope)
      ['/v2/avatar/%zz/details', 'v2'],
      ['/%zz', 'v3'],
    ] as const) {
      const r = await call({ method: 'GET', url });
      assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
      const e = envelope(r, version);
      assert.match(e.message, /not valid percent-encoding/, url);
      assert.ok(!r.body.includes('FST_ERR'), 'never Fastify’s own error body');
    }
    const del = await call({ method: 'DELETE', url: '/v3/webhooks/endpoints/%E0%A4%A', headers: JSON_TYPE });
    assert.equal(del.statusCode, 400, del.body);
    envelope(del, 'v3');
  });

  test('an over-long path parameter is a 400 in the envelope, not Fastify’s 414 body', async () => {
    const r = await call({ method: 'GET', url: `/v3/videos/${'a'.repeat(150)}` });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(envelope(r, 'v3').message, /longer than 100 characters/);
  });

  test('unknown routes answer in the envelope of their version prefix', async () => {
    for (const [url, version] of [
      ['/v1/no_such.thing', 'v1'],
      ['/v2/no/such/thing', 'v2'],
      ['/v3/no-such-thing', 'v3'],
      ['/no-such-thing', 'v3'],
    ] as const) {
      for (const method of ['GET', 'POST', 'DELETE'] as const) {
        const r = await call({ method, url, headers: JSON_TYPE, payload: method === 'GET' ? undefined : '{"a":' });
        assert.equal(r.statusCode, 404, `${method} ${url}: ${r.body}`);
        assert.match(envelope(r, version).message, /not found/);
      }
    }
  });

  describe('over-long request lines and headers (Node’s parser answers before Fastify)', () => {
    let port: number;
    before(async () => {
      await p.app.listen({ port: 0, host: '127.0.0.1' });
      port = (p.app.server.address() as AddressInfo).port;
    });

    /** Writes raw bytes and reads the whole answer until the server closes the connection. */
    function raw(request: string): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
      return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (c) => chunks.push(c));
        socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' && chunks.length ? undefined : reject(err)));
        socket.on('close', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const [head, ...rest] = text.split('\r\n\r\n');
          const [status, ...lines] = head!.split('\r\n');
          const headers: Record<string, string> = {};
          for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
          resolve({ statusCode: Number(status!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
        });
        socket.end(request);
      });
    }

    test('a 70 KB query string is a 414 in the URL version’s envelope with Connection: close', async () => {
      const q = `x=${'a'.repeat(70 * 1024)}`;
      for (const [path, version] of [
        ['/v1/video_status.get', 'v1'],
        ['/v2/avatars', 'v2'],
        ['/v2/videos', 'v3'],
        ['/v3/videos', 'v3'],
        ['/health', 'v3'],
      ] as const) {
        const r = await raw(`GET ${path}?${q} HTTP/1.1\r\nHost: x\r\nx-api-key: ${h['x-api-key']}\r\n\r\n`);
        assert.equal(r.statusCode, 414, `${path}: ${r.body}`);
        assert.equal(r.headers.connection, 'close');
        assert.match(r.headers['content-type']!, /^application\/json/);
        const e = envelope(r, version);
        assert.match(e.message, /Request URL exceeds the 16 KB limit/);
      }
    });

    test('70 KB of headers is a 431 in the envelope', async () => {
      const r = await raw(`GET /v1/video.list HTTP/1.1\r\nHost: x\r\nx-big: ${'b'.repeat(70 * 1024)}\r\n\r\n`);
      assert.equal(r.statusCode, 431, r.body);
      assert.equal(r.headers.connection, 'close');
      assert.match(envelope(r, 'v1').message, /Request headers exceed the 16 KB limit/);
    });

    test('a malformed request line is a 400 in the v3 envelope', async () => {
      const r = await raw('NOT A REQUEST\r\n\r\n');
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(envelope(r, 'v3').code, 'invalid_parameter');
    });
  });
});

describe('3. body types are not coerced', () => {
  const cases: [string, string, 'v1' | 'v2' | 'v3', unknown, string, RegExp][] = [
    ['POST', '/v3/videos', 'v3', { type: 'avatar', avatar_id: AVATAR, script: 12345 }, 'script', /^script must be a string$/],
    ['POST', '/v2/videos', 'v3', { avatar_id: AVATAR, voice_id: 'flite_slt', script: 12345 }, 'script', /^script must be a string$/],
    ['POST', '/v3/videos', 'v3', { type: 'avatar', avatar_id: AVATAR, script: 'hi', remove_background: 'true' }, 'remove_background', /must be a boolean/],
    ['POST', '/v2/video/generate', 'v2', { video_inputs: [{ voice: { type: 'text', voice_id: 'flite_slt', input_text: 123 } }] }, 'video_inputs[0].voice.input_text', /^video_inputs\[0\]\.voice\.input_text must be a string$/],
    ['POST', '/v2/video/generate', 'v2', { ...ONE_SCENE, dimension: { width: '256', height: 256 } }, 'dimension.width', /^dimension\.width must be an integer$/],
    ['POST', '/v3/webhooks/endpoints', 'v3', { url: 'https://example.com/h', events: 'x' }, 'events', /^events must be an array/],
    ['POST', '/v3/webhooks/endpoints', 'v3', { url: 'https://example.com/h', events: [['x']] }, 'events[0]', /^events\[0\] must be a string$/],
    ['POST', '/v3/webhooks/endpoints', 'v3', { url: 'https://example.com/h', entity_id: 5 }, 'entity_id', /^entity_id must be a string/],
    ['POST', '/v1/webhook/endpoint.add', 'v1', { url: 'https://example.com/h', events: 'x' }, 'events', /^events must be an array/],
    ['POST', '/v1/webhook/endpoint.add', 'v1', { url: 'https://example.com/h', entity_id: 5 }, 'entity_id', /^entity_id must be a string/],
    ['POST', '/v3/voices/speech', 'v3', { text: 'hi', voice_id: 'flite_slt', speed: '1' }, 'speed', /^speed must be a number$/],
  ];
  for (const [method, url, version, payload, param, message] of cases) {
    test(`${url} ${JSON.stringify(payload).slice(0, 90)} → 400 naming ${param}`, async () => {
      const [videos, endpoints] = [await videoCount(), await endpointCount()];
      const r = await call({ method: method as 'POST', url, payload: payload as object });
      assert.equal(r.statusCode, 400, r.body);
      const e = envelope(r, version);
      assert.match(e.message, message);
      if (version === 'v3') assert.equal(e.param, param);
      assert.equal(await videoCount(), videos, 'nothing stored');
      assert.equal(await endpointCount(), endpoints, 'nothing stored');
    });
  }

  test('query strings are still coerced (limit=1 is a number) and still checked', async () => {
    await createVideo();
    await createVideo();
    const r = await call({ method: 'GET', url: '/v1/video.list?limit=1' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().data.videos.length, 1);
    const v3 = await call({ method: 'GET', url: '/v3/videos?limit=1' });
    assert.equal(v3.json().data.length, 1);
    const bad = await call({ method: 'GET', url: '/v3/videos?limit=ten' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(envelope(bad, 'v3').param, 'limit');
  });

  test('unknown fields of a closed body are named with their path', async () => {
    const r = await call({ method: 'POST', url: '/v3/webhooks/endpoints', payload: { url: 'https://example.com/h', colour: 'red' } });
    assert.equal(r.statusCode, 400, r.body);
    const e = envelope(r, 'v3');
    assert.equal(e.param, 'colour');
    assert.equal(e.message, 'colour is not a known field');
  });
});

describe('4. messages name the field the client sent', () => {
  const url = (bad: string) => [
    ['/v2/video/generate', 'v2', { video_inputs: [{ voice: { type: 'audio', audio_url: bad } }] }, 'video_inputs[0].voice.audio_url'],
    ['/v2/video/generate', 'v2', { video_inputs: [{ voice: { type: 'silence' } }, { voice: { type: 'silence' }, background: { type: 'image', url: bad } }] }, 'video_inputs[1].background.url'],
    ['/v2/video/generate', 'v2', { ...ONE_SCENE, callback_url: bad }, 'callback_url'],
    ['/v3/videos', 'v3', { type: 'avatar', avatar_id: AVATAR, audio_url: bad }, 'audio_url'],
    ['/v3/videos', 'v3', { type: 'image', image: { type: 'url', url: bad }, script: 'hi' }, 'image.url'],
    ['/v3/videos', 'v3', { type: 'avatar', avatar_id: AVATAR, script: 'hi', background: { type: 'image', url: bad } }, 'background.url'],
    ['/v3/videos', 'v3', { type: 'avatar', avatar_id: AVATAR, script: 'hi', watermark: { image: { type: 'url', url: bad } } }, 'watermark.image.url'],
    ['/v3/videos', 'v3', { type: 'avatar', avatar_id: AVATAR, script: 'hi', callback_url: bad }, 'callback_url'],
    ['/v2/videos', 'v3', { image_url: bad, script: 'hi', voice_id: 'flite_slt' }, 'image_url'],
    ['/v2/videos', 'v3', { avatar_id: AVATAR, audio_url: bad }, 'audio_url'],
    ['/v3/webhooks/endpoints', 'v3', { url: bad }, 'url'],
    ['/v1/webhook/endpoint.add', 'v1', { url: bad }, 'url'],
  ] as const;
  for (const bad of ['not a url', 'ftp://example.com/a.mp3']) {
    for (const [path, version, payload, field] of url(bad)) {
      test(`${path}: ${field} = ${JSON.stringify(bad)} is refused by name`, async () => {
        const r = await call({ method: 'POST', url: path, payload });
        assert.equal(r.statusCode, 400, r.body);
        const e = envelope(r, version);
        assert.ok(e.message.startsWith(`${field} `), `message names ${field}: ${e.message}`);
        if (version === 'v3') assert.equal(e.param, field);
      });
    }
  }

  test('POST /v2/videos names image_asset_id, not v3’s image.asset_id', async () => {
    const r = await call({ method: 'POST', url: '/v2/videos', payload: { image_asset_id: 'no-such-asset', script: 'hi', voice_id: 'flite_slt' } });
    assert.ok(r.statusCode >= 400 && r.statusCode < 500, r.body);
    const e = envelope(r, 'v3');
    assert.equal(e.param, 'image_asset_id');
    assert.ok(!e.message.includes('image.'), e.message);
  });

  test('a JSON body sent as text/plain (or any non-JSON type) says which Content-Type it must have', async () => {
    const [videos, endpoints] = [await videoCount(), await endpointCount()];
    const body = JSON.stringify(ONE_SCENE);
    for (const [path, version] of [
      ['/v2/video/generate', 'v2'],
      ['/v3/videos', 'v3'],
      ['/v1/webhook/endpoint.add', 'v1'],
    ] as const) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/json', 'application/xml']) {
        const r = await call({ method: 'POST', url: path, headers: { 'content-type': type }, payload: body });
        assert.equal(r.statusCode, 400, `${path} ${type}: ${r.body}`);
        const e = envelope(r, version);
        assert.equal(e.message, `Content-Type ${type} is not supported: send the body as JSON with Content-Type: application/json`);
        if (version === 'v3') assert.equal(e.param, 'Content-Type');
      }
    }
    const none = await p.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: Buffer.from(body) });
    assert.equal(none.statusCode, 400, none.body);
    assert.match(envelope(none, 'v3').message, /no Content-Type: send the body as JSON with Content-Type: application\/json/);
    const garbage = await call({ method: 'POST', url: '/v3/videos', headers: { 'content-type': ';;;' }, payload: body });
    assert.equal(garbage.statusCode, 400, garbage.body);
    assert.match(envelope(garbage, 'v3').message, /Content-Type is not a valid media type/);
    assert.equal(await videoCount(), videos);
    assert.equal(await endpointCount(), endpoints);
  });

  test('413 names the limit', async () => {
    const big = JSON.stringify({ type: 'avatar', avatar_id: AVATAR, script: 'x'.repeat(2 * 1024 * 1024) });
    const r = await call({ method: 'POST', url: '/v3/videos', headers: JSON_TYPE, payload: big });
    assert.equal(r.statusCode, 413, r.body);
    const e = envelope(r, 'v3');
    assert.equal(e.code, 'payload_too_large');
    assert.equal(e.message, 'Request body exceeds the 2 MB limit');
    const v1 = await call({ method: 'POST', url: '/v1/webhook/endpoint.add', headers: JSON_TYPE, payload: big });
    assert.equal(v1.statusCode, 413);
    assert.equal(envelope(v1, 'v1').message, 'Request body exceeds the 2 MB limit');
  });
});
