// Request logging: one pino line per request (request id, route pattern, status, duration), and a 5xx
// logged once with its stack: in-process through a captured pino stream, and from the real `all`
// role, spawned, whose storage breaks under it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import sharp from 'sharp';
import { createApiKey } from '../../src/auth/api-keys.js';
import { composeTestPlatform, createFakeEngine, type ComposedTestPlatform } from '../support/test-platform.js';
import { freePort, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';

type LogLine = Record<string, any>;

function captureLogs(): { stream: Writable; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { stream, lines };
}

describe('in-process: request lines and 5xx stacks through the platform logger', () => {
  let t: ComposedTestPlatform;
  let headers: Record<string, string>;
  const logs = captureLogs();
  const engine = createFakeEngine();

  before(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-logging-'));
    t = await composeTestPlatform({ dataDir, platform: { engine, logger: pino({ level: 'info' }, logs.stream) }, startWorkers: false });
    headers = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'logs' })).key };
  });
  after(async () => {
    await t.stop();
    fs.rmSync(t.dataDir, { recursive: true, force: true });
  });

  const linesFor = (reqId: string) => logs.lines.filter((l) => l.reqId === reqId);

  test('a handler that throws: 500 to the client without internals, one error line with reqId, route and the stack', async () => {
    engine.listVoices = () => {
      throw new Error('voice catalogue exploded');
    };
    const r = await t.app.inject({ method: 'GET', url: '/v2/voices', headers });
    assert.equal(r.statusCode, 500);
    assert.doesNotMatch(r.body, /exploded|at .*\.ts/);
    const reqId = String(r.headers['x-request-id']);
    const lines = linesFor(reqId);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    const [line] = lines as [LogLine];
    assert.equal(line.level, 50);
    assert.equal(line.route, '/v2/voices');
    assert.equal(line.method, 'GET');
    assert.equal(line.status, 500);
    assert.equal(typeof line.ms, 'number');
    assert.match(line.err.message, /voice catalogue exploded/);
    assert.match(line.err.stack, /voice catalogue exploded\n\s+at /);
  });

  test('other requests: one info line each with reqId, route pattern (not the URL), status and duration', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/v1/video_status.get?video_id=0123456789abcdef', headers });
    assert.equal(ok.statusCode, 404);
    const [line, ...more] = linesFor(String(ok.headers['x-request-id']));
    assert.equal(more.length, 0);
    assert.deepEqual({ level: line!.level, route: line!.route, status: line!.status, msg: line!.msg }, { level: 30, route: '/v1/video_status.get', status: 404, msg: 'request' });
    assert.equal(line!.err, undefined);
    assert.ok(line!.ms >= 0);
    assert.doesNotMatch(JSON.stringify(line), /0123456789abcdef/, 'no raw URL or query in the line');

    const unknown = await t.app.inject({ method: 'GET', url: '/v2/no/such/route?secret=1', headers });
    assert.equal(unknown.statusCode, 404);
    const [u] = linesFor(String(unknown.headers['x-request-id']));
    assert.equal(u!.route, '(unmatched)');
    assert.doesNotMatch(JSON.stringify(u), /secret/);

    // A client-supplied request id is the one logged and echoed.
    const mine = await t.app.inject({ method: 'GET', url: '/v2/avatars', headers: { ...headers, 'x-request-id': 'req-from-client-42' } });
    assert.equal(mine.headers['x-request-id'], 'req-from-client-42');
    assert.equal(linesFor('req-from-client-42').length, 1);
  });

  test('health probes that succeed are logged at debug only', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(r.statusCode, 200);
    assert.equal(linesFor(String(r.headers['x-request-id'])).length, 0);
  });
});

describe('the real `all` role: a 5xx from broken storage is logged with its stack', () => {
  let orator: OratorProcess;
  let dataDir: string;
  before(async () => {
    dataDir = tempDataDir();
    orator = await startOrator({ dataDir, port: await freePort() });
  });
  after(async () => {
    orator.child.kill('SIGTERM');
    await orator.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('an upload whose blob cannot be written: 500, and one error line on the output with reqId and stack', async () => {
    // The blob directory turns into a file (a disk gone read-only or unmounted behaves alike): writes fail.
    const assets = path.join(dataDir, 'blobs', 'assets');
    fs.rmSync(assets, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(assets), { recursive: true });
    fs.writeFileSync(assets, 'not a directory');

    const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const r = await fetch(`${orator.baseUrl}/v1/asset`, { method: 'POST', headers: { 'x-api-key': orator.apiKey, 'content-type': 'image/png' }, body: png });
    assert.equal(r.status, 500, await r.text());
    const reqId = r.headers.get('x-request-id')!;
    assert.ok(reqId);

    // The line is written when the response finishes; give the pipe a moment.
    const deadline = Date.now() + 5000;
    let lines: LogLine[] = [];
    while (Date.now() < deadline) {
      lines = orator
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{') && l.includes(reqId))
        .map((l) => JSON.parse(l) as LogLine);
      if (lines.length > 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.equal(lines.length, 1, orator.output());
    const [line] = lines as [LogLine];
    assert.equal(line.level, 50);
    assert.equal(line.route, '/v1/asset');
    assert.equal(line.status, 500);
    assert.match(line.err.stack, /\n\s+at /);
    assert.match(line.err.message + line.err.stack, /ENOTDIR|EEXIST|not a directory/i);
  });
});
