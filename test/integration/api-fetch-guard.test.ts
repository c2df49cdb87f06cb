// The SSRF-guarded media fetcher: private addresses refused (literal and via DNS), redirects
// re-checked and capped, size cap, download_failed messages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { GuardedFetcher } from '../../src/net/guarded-fetcher.js';
import { isPublicAddress } from '../../src/net/ssrf-guard.js';

let server: http.Server;
let base: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-fetch-'));

before(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/ok.png') return res.writeHead(200, { 'content-type': 'image/png' }).end('PNGDATA');
    if (u.pathname === '/big') return res.writeHead(200, { 'content-type': 'video/mp4' }).end(Buffer.alloc(2048));
    if (u.pathname === '/redirect') return res.writeHead(302, { location: `/redirect?n=${Number(u.searchParams.get('n') ?? 0) + 1}` }).end();
    if (u.pathname === '/to-ok') return res.writeHead(301, { location: '/ok.png' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('address classification', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', '0.0.0.0', '100.64.0.1']) {
    assert.equal(isPublicAddress(ip), false, ip);
  }
  for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) assert.equal(isPublicAddress(ip), true, ip);
});

test('private addresses are refused by default, literal or resolved', async () => {
  const f = new GuardedFetcher({ allowPrivate: false });
  await assert.rejects(f.fetchToFile(`${base}/ok.png`, path.join(dir, 'a')), (e: any) => e.kind === 'download_failed' && e.message.startsWith(`Failed to download ${base}/ok.png: `));
  await assert.rejects(f.fetchToFile('http://localhost:1/x.png', path.join(dir, 'b')), (e: any) => e.kind === 'download_failed');
  await assert.rejects(f.fetchToFile('http://169.254.169.254/latest/meta-data', path.join(dir, 'c')), (e: any) => e.kind === 'download_failed');
  assert.equal(fs.existsSync(path.join(dir, 'a')), false);
});

test('only http and https', async () => {
  const f = new GuardedFetcher({ allowPrivate: true });
  await assert.rejects(f.fetchToFile('file:///etc/passwd', path.join(dir, 'd')), (e: any) => e.kind === 'download_failed' && /unsupported scheme/.test(e.message));
  await assert.rejects(f.fetchToFile('not a url', path.join(dir, 'd')), (e: any) => e.kind === 'invalid_url');
});

test('with allowPrivate: downloads, follows up to 3 redirects, caps size, reports HTTP errors', async () => {
  const f = new GuardedFetcher({ allowPrivate: true, maxBytes: 1024 });
  await f.fetchToFile(`${base}/to-ok`, path.join(dir, 'ok.png'));
  assert.equal(fs.readFileSync(path.join(dir, 'ok.png'), 'utf8'), 'PNGDATA');
  await assert.rejects(f.fetchToFile(`${base}/redirect`, path.join(dir, 'r')), (e: any) => /more than 3 redirects/.test(e.message));
  await assert.rejects(f.fetchToFile(`${base}/big`, path.join(dir, 'big')), (e: any) => /larger than 1024 bytes/.test(e.message));
  await assert.rejects(f.fetchToFile(`${base}/missing`, path.join(dir, 'm')), (e: any) => e.message === `Failed to download ${base}/missing: HTTP 404`);
});
