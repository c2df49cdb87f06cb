// HttpWebhookSender: no redirects, the timeout, and the SSRF guard on delivery itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWebhookSender } from '../../src/webhooks/http-webhook-sender.js';

let server: http.Server;
let base: string;
let followed = 0;
before(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    if (req.url === '/redirect') return void res.writeHead(302, { location: '/target' }).end();
    if (req.url === '/target') followed++;
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 1000);
    res.writeHead(429, { 'retry-after': '7' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const req = (url: string, timeoutMs = 2000) => ({ url, body: '{}', headers: { 'content-type': 'application/json' }, timeoutMs });

test('a redirect is an answer, never followed', async () => {
  const s = new HttpWebhookSender({ allowPrivate: true });
  const r = await s.send(req(`${base}/redirect`));
  assert.equal(r.kind === 'response' && r.statusCode, 302);
  assert.equal(followed, 0);
  await s.close();
});

test('Retry-After is passed through; a slow receiver times out', async () => {
  const s = new HttpWebhookSender({ allowPrivate: true });
  const r = await s.send(req(`${base}/busy`));
  assert.ok(r.kind === 'response' && r.statusCode === 429 && r.retryAfter === '7');
  const slow = await s.send(req(`${base}/slow`, 100));
  assert.ok(slow.kind === 'error' && /timed out/.test(slow.error));
  await s.close();
});

test('loopback and private targets are refused unless allowed', async () => {
  const s = new HttpWebhookSender({ allowPrivate: false });
  for (const url of [`${base}/x`, 'http://localhost:1/x', 'http://10.0.0.1/x']) {
    const r = await s.send(req(url));
    assert.ok(r.kind === 'error' && /refused|not public/.test(r.error), `${url}: ${JSON.stringify(r)}`);
  }
  await s.close();
});
