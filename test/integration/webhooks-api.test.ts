// Webhook management over HTTP: v1 and v3 shapes (v3 checked against HeyGen's reference schemas),
// URL and event-name validation, cursor pagination, full replacement of events, and space scoping.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { newSpaceKey, ONE_SCENE, startWebhookPlatform } from '../support/webhook-platform.js';
import { useReceiver } from '../support/use-receiver.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const p = useTestPlatform({ kit: 'webhooks' });
const h = p.headers;
const rx = useReceiver();

function conforms(method: string, template: string, status: number, body: unknown) {
  assert.deepEqual(validateHeygenResponse(method, template, status, body), [], `${method} ${template} ${JSON.stringify(body)}`);
}

describe('v3 /v3/webhooks', () => {
  test('create, list with cursor pagination, update (events replaced), rotate, delete — all HeyGen-shaped', async () => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: rx.url(`/p${i}`), events: ['avatar_video.success', 'avatar_video.fail'] } });
      assert.equal(r.statusCode, 200, r.body);
      conforms('POST', '/v3/webhooks/endpoints', 200, r.json());
      assert.match(r.json().data.secret, /^whsec_/);
      assert.equal(r.json().data.status, 'enabled');
      created.push(r.json().data.endpoint_id);
    }
    const page1 = await p.app.inject({ method: 'GET', url: '/v3/webhooks/endpoints?limit=2', headers: h });
    conforms('GET', '/v3/webhooks/endpoints', 200, page1.json());
    assert.equal(page1.json().data.length, 2);
    assert.equal(page1.json().has_more, true);
    assert.equal(page1.json().data[0].secret, null, 'the secret is shown on create and rotate only');
    const page2 = await p.app.inject({ method: 'GET', url: `/v3/webhooks/endpoints?limit=2&token=${page1.json().next_token}`, headers: h });
    assert.equal(page2.json().has_more, false);
    assert.equal(page2.json().next_token, null);
    // Two endpoints created in the same millisecond are ordered by id, so compare as sets.
    assert.deepEqual([...page1.json().data, ...page2.json().data].map((e: { endpoint_id: string }) => e.endpoint_id).sort(), [...created].sort());

    const id = created[0]!;
    const patched = await p.app.inject({ method: 'PATCH', url: `/v3/webhooks/endpoints/${id}`, headers: h, payload: { events: ['avatar_video_gif.success'] } });
    assert.equal(patched.statusCode, 200, patched.body);
    conforms('PATCH', '/v3/webhooks/endpoints/{endpoint_id}', 200, patched.json());
    assert.deepEqual(patched.json().data.events, ['avatar_video_gif.success'], 'events are replaced, not merged');
    assert.equal(patched.json().data.url, rx.url('/p0'));

    const rotated = await p.app.inject({ method: 'POST', url: `/v3/webhooks/endpoints/${id}/rotate-secret`, headers: h });
    conforms('POST', '/v3/webhooks/endpoints/{endpoint_id}/rotate-secret', 200, rotated.json());

    const del = await p.app.inject({ method: 'DELETE', url: `/v3/webhooks/endpoints/${id}`, headers: h });
    assert.equal(del.statusCode, 200);
    conforms('DELETE', '/v3/webhooks/endpoints/{endpoint_id}', 200, del.json());
    assert.equal(del.json().error, null);
    const again = await p.app.inject({ method: 'DELETE', url: `/v3/webhooks/endpoints/${id}`, headers: h });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.param, 'endpoint_id');
  });

  test('event types and events are HeyGen-shaped', async () => {
    const types = await p.app.inject({ method: 'GET', url: '/v3/webhooks/event-types', headers: h });
    conforms('GET', '/v3/webhooks/event-types', 200, types.json());
    assert.ok(types.json().data.some((t: { event_type: string }) => t.event_type === 'avatar_video.success'));

    await p.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: ONE_SCENE });
    await p.pool.waitForIdle(20_000);
    const events = await p.app.inject({ method: 'GET', url: '/v3/webhooks/events?event_type=avatar_video.success', headers: h });
    assert.equal(events.statusCode, 200, events.body);
    conforms('GET', '/v3/webhooks/events', 200, events.json());
    assert.equal(events.json().data.length, 1);
    assert.match(events.json().data[0].event_id, /^evt_/);
    const bad = await p.app.inject({ method: 'GET', url: '/v3/webhooks/events?event_type=nope', headers: h });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /nope/);
  });

  test('unknown event names and bad URLs are 400s naming them', async () => {
    const unknown = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: rx.url('/x'), events: ['avatar_video.success', 'video.exploded'] } });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.param, 'events');
    assert.match(unknown.json().error.message, /video\.exploded/);
    const scheme = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: 'ftp://example.com/hook' } });
    assert.equal(scheme.statusCode, 400);
    assert.equal(scheme.json().error.param, 'url');
    const garbage = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: 'not a url' } });
    assert.equal(garbage.statusCode, 400);
    assert.equal(garbage.json().error.param, 'url');
  });

  test("another space's endpoints are invisible and untouchable", async () => {
    const other = await newSpaceKey(p, 'other');
    const mine = (await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: rx.url('/mine') } })).json().data.endpoint_id;
    const list = await p.app.inject({ method: 'GET', url: '/v3/webhooks/endpoints', headers: other });
    assert.deepEqual(list.json().data, []);
    for (const [method, url] of [
      ['PATCH', `/v3/webhooks/endpoints/${mine}`],
      ['DELETE', `/v3/webhooks/endpoints/${mine}`],
      ['POST', `/v3/webhooks/endpoints/${mine}/rotate-secret`],
      ['POST', `/v3/webhooks/endpoints/${mine}/test`],
    ] as const) {
      const r = await p.app.inject({ method, url, headers: other, ...(method === 'PATCH' ? { payload: { events: null } } : {}) });
      assert.equal(r.statusCode, 404, `${method} ${url}`);
    }
    const v1 = await p.app.inject({ method: 'DELETE', url: `/v1/webhook/endpoint.delete?endpoint_id=${mine}`, headers: other });
    assert.equal(v1.statusCode, 404);
  });

  test('the test send reports the receiver answer', async () => {
    rx.script('/probe', [204]);
    const id = (await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: rx.url('/probe') } })).json().data.endpoint_id;
    const r = await p.app.inject({ method: 'POST', url: `/v3/webhooks/endpoints/${id}/test`, headers: h });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().data.succeeded, true);
    assert.equal(r.json().data.status_code, 204);
    const got = rx.on('/probe');
    assert.equal(JSON.parse(got[0]!.body).event_type, 'webhook.test');
  });
});

describe('v1 /v1/webhook', () => {
  test('webhook.list, endpoint.add/list/update/delete in the v1 envelope', async () => {
    const names = await p.app.inject({ method: 'GET', url: '/v1/webhook/webhook.list', headers: h });
    assert.equal(names.statusCode, 200);
    const nb = names.json();
    assert.equal(nb.code, 100);
    assert.equal(nb.msg, null);
    assert.equal(nb.message, null);
    assert.ok(nb.data.includes('avatar_video.success') && nb.data.includes('avatar_video_gif.fail'));

    const added = await p.app.inject({ method: 'POST', url: '/v1/webhook/endpoint.add', headers: h, payload: { url: rx.url('/v1'), events: [] } });
    assert.equal(added.statusCode, 200, added.body);
    const a = added.json();
    assert.equal(a.code, 100);
    for (const k of ['endpoint_id', 'url', 'secret', 'status', 'events', 'created_at']) assert.ok(k in a.data, k);
    assert.equal(a.data.events, null, 'an empty list means every event');

    const updated = await p.app.inject({ method: 'PATCH', url: '/v1/webhook/endpoint.update', headers: h, payload: { endpoint_id: a.data.endpoint_id, events: ['avatar_video.fail'] } });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.deepEqual(updated.json().data.events, ['avatar_video.fail']);

    const listed = await p.app.inject({ method: 'GET', url: '/v1/webhook/endpoint.list', headers: h });
    assert.ok(listed.json().data.some((e: { endpoint_id: string }) => e.endpoint_id === a.data.endpoint_id));

    const bad = await p.app.inject({ method: 'POST', url: '/v1/webhook/endpoint.add', headers: h, payload: { url: rx.url('/v1'), events: ['bogus.event'] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /bogus\.event/);

    const del = await p.app.inject({ method: 'DELETE', url: `/v1/webhook/endpoint.delete?endpoint_id=${a.data.endpoint_id}`, headers: h });
    assert.equal(del.statusCode, 200);
    assert.equal(del.json().code, 100);
  });
});

describe('private addresses', () => {
  test('refused unless ORATOR_ALLOW_PRIVATE_URLS=1, with a 400 naming url', async () => {
    const strict = await startWebhookPlatform({ env: { ORATOR_ALLOW_PRIVATE_URLS: '0' }, startWorkers: false });
    try {
      const sh = await newSpaceKey(strict);
      for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://[::1]/hook', 'http://192.168.0.10/x']) {
        const r = await strict.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: sh, payload: { url } });
        assert.equal(r.statusCode, 400, url);
        assert.equal(r.json().error.param, 'url');
        assert.match(r.json().error.message, /private|loopback/);
      }
      const v1 = await strict.app.inject({ method: 'POST', url: '/v1/webhook/endpoint.add', headers: sh, payload: { url: 'http://127.0.0.1/x' } });
      assert.equal(v1.statusCode, 400);
      assert.match(v1.json().message, /url/);
    } finally {
      await strict.stop();
      fs.rmSync(strict.dataDir, { recursive: true, force: true });
    }
  });
});
