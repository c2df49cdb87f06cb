// Proofreads over HTTP (the real Fastify app listening, the real engines: pocketsphinx, Apertium,
// espeak-ng, ffmpeg): a proofread stops at the translated text; its SRT is downloaded, a malformed edit
// is refused with 400672 naming the line, an edit is stored, and the video generated from it speaks the
// edited words. A caller's SRT of the source replaces speech recognition. Responses match HeyGen's spec.
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

const media = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-proofread-media-'));
let files: http.Server;
let filesBase = '';

before(async () => {
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'Hello there.', '-o', path.join(media, 'a.wav')]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'The weather is nice today.', '-o', path.join(media, 'b.wav')]);
  ffmpeg('-i', path.join(media, 'a.wav'), '-i', path.join(media, 'b.wav'), '-filter_complex', '[0:a]adelay=300[x];[1:a]adelay=1800[y];[x][y]amix=inputs=2:normalize=0,apad=whole_dur=4[out]', '-map', '[out]', path.join(media, 'speech.wav'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=4', '-i', path.join(media, 'speech.wav'), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(media, 'talk.mp4'));
  fs.writeFileSync(path.join(media, 'talk.srt'), '1\n00:00:00,300 --> 00:00:01,100\nGood morning.\n\n2\n00:00:01,800 --> 00:00:03,400\nI like the sea.\n');
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

describe('proofreads over HTTP', () => {
  let api = '';
  const t = useTestPlatform({ kit: 'webhooks' }, async (p) => {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
  });
  const receiver = useReceiver();

  async function call(method: string, template: string, pathname: string, body?: object): Promise<{ status: number; json: any }> {
    const r = await fetch(`${api}${pathname}`, { method, headers: { ...t.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json();
    assert.deepEqual(validateHeygenResponse(method, template, r.status, json), [], `${method} ${template} ${r.status}: ${JSON.stringify(json)}`);
    return { status: r.status, json };
  }
  /** A signed link fetched from the listening server (links name the configured public URL). */
  const text = async (link: string) => {
    const u = new URL(link);
    const r = await fetch(`${api}${u.pathname}${u.search}`);
    assert.equal(r.status, 200, link);
    return r.text();
  };
  const settledProofread = (id: string) =>
    eventually(async () => {
      const d = (await call('GET', '/v3/video-translations/proofreads/{proofread_id}', `/v3/video-translations/proofreads/${id}`)).json.data;
      return d.status === 'completed' || d.status === 'failed' ? d : undefined;
    }, 120_000);

  test('create, download, refuse a malformed edit, edit, generate: the video speaks the edited words', async () => {
    const created = await call('POST', '/v3/video-translations/proofreads', '/v3/video-translations/proofreads', {
      video: { type: 'url', url: url('talk.mp4') },
      output_languages: ['es'],
      title: 'weather',
      callback_url: receiver.url('/proofread'),
      callback_id: 'pr-1',
    });
    assert.equal(created.status, 200);
    assert.equal(created.json.data.status, 'processing');
    const [id] = created.json.data.proofread_ids;
    const done = await settledProofread(id);
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.equal(done.title, 'weather');
    assert.equal(done.output_language, 'es');
    assert.equal(done.proofread_script.length, 2, JSON.stringify(done.proofread_script));
    assert.match(done.proofread_script[1].text, /tiempo/i);

    const links = await call('GET', '/v3/video-translations/proofreads/{proofread_id}/srt', `/v3/video-translations/proofreads/${id}/srt`);
    const srt = await text(links.json.data.srt_url);
    assert.match(srt, /^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\n.+\n\n2\n/);
    assert.match(srt, /tiempo/i);
    assert.match(await text(links.json.data.original_srt_url), /weather/i);

    // A translation list does not show proofreads.
    const list = await call('GET', '/v3/video-translations', '/v3/video-translations');
    assert.ok(!list.json.data.some((x: any) => x.id === id));

    const broken = await call('PUT', '/v3/video-translations/proofreads/{proofread_id}/srt', `/v3/video-translations/proofreads/${id}/srt`, {
      srt: { type: 'text', text: '1\n00:00:00,300 --> 00:00:01,200\nHola amigo.\n\n2\n00:00:01,800 -> 00:00:03,000\nMe gusta la pizza.\n' },
    });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.param, 'srt');
    assert.match(broken.json.error.message, /SRT line 6: expected "HH:MM:SS,mmm --> HH:MM:SS,mmm", found "00:00:01,800 -> 00:00:03,000"/);

    const edited = '1\n00:00:00,300 --> 00:00:01,200\nHola amigo.\n\n2\n00:00:01,800 --> 00:00:03,000\nMe gusta la pizza.\n';
    const put = await call('PUT', '/v3/video-translations/proofreads/{proofread_id}/srt', `/v3/video-translations/proofreads/${id}/srt`, { srt: { type: 'text', text: edited } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json.data.proofread_script.map((s: any) => s.text), ['Hola amigo.', 'Me gusta la pizza.']);
    assert.equal(put.json.data.proofread_script[1].source_text.toLowerCase().includes('weather'), true);
    assert.match(await text((await call('GET', '/v3/video-translations/proofreads/{proofread_id}/srt', `/v3/video-translations/proofreads/${id}/srt`)).json.data.srt_url), /pizza/);

    const gen = await call('POST', '/v3/video-translations/proofreads/{proofread_id}/generate', `/v3/video-translations/proofreads/${id}/generate`, { callback_id: 'gen-1', callback_url: receiver.url('/generated') });
    assert.equal(gen.status, 200);
    const vt = gen.json.data.video_translation_id;
    const video = await eventually(async () => {
      const d = (await call('GET', '/v3/video-translations/{video_translation_id}', `/v3/video-translations/${vt}`)).json.data;
      return d.status === 'completed' || d.status === 'failed' ? d : undefined;
    }, 120_000);
    assert.equal(video.status, 'completed', JSON.stringify(video));
    assert.deepEqual(video.translated_script.map((s: any) => s.text), ['Hola amigo.', 'Me gusta la pizza.']);
    assert.ok(Math.abs(video.translated_script[1].start - 1.8) < 0.3, JSON.stringify(video.translated_script));
    assert.match(video.engines.transcript, /proofread/);
    const statuses = await call('GET', '/v3/video-translations/statuses', `/v3/video-translations/statuses?video_translation_ids=${vt},${id},nope`);
    assert.deepEqual(statuses.json.data.map((s: any) => s.status), ['completed', 'not_found', 'not_found'], 'a proofread is not a translation');
    const captions = await text(video.srt_caption_url);
    assert.match(captions, /pizza/i);
    assert.doesNotMatch(captions, /tiempo/i);

    const events = await eventually(() => (receiver.on('/proofread').length && receiver.on('/generated').length ? [...receiver.on('/proofread'), ...receiver.on('/generated')] : undefined), 30_000);
    const [pe, ge] = events.map((e) => JSON.parse(e.body));
    assert.equal(pe.event_type, 'proofread_creation.success');
    assert.equal(pe.event_data.proofread_id, id);
    assert.equal(pe.event_data.callback_id, 'pr-1');
    assert.equal(ge.event_type, 'video_translate.success');
    assert.equal(ge.event_data.callback_id, 'gen-1');
  });

  test('a caller’s SRT is the source transcript; a malformed one fails the proofread naming the line; v2 shapes', async () => {
    const v2 = await t.app.inject({ method: 'POST', url: '/v2/video_translate/proofread', headers: t.headers, payload: { video_url: url('talk.mp4'), output_language: 'es', srt_url: url('talk.srt'), title: 'v2' } });
    assert.equal(v2.statusCode, 200, v2.body);
    const id = v2.json().data.proofread_id;
    const done = await settledProofread(id);
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.deepEqual(done.proofread_script.map((s: any) => s.source_text), ['Good morning.', 'I like the sea.']);
    assert.equal(done.proofread_script[1].source_start, 1.8);
    const legacy = await t.app.inject({ method: 'GET', url: `/v2/video_translate/proofread/${id}`, headers: t.headers });
    assert.equal(legacy.json().data.status, 'completed');

    fs.writeFileSync(path.join(media, 'bad.srt'), '1\n00:00:00,300 --> 00:00:01,100\nGood morning.\n\nx\n');
    const bad = await call('POST', '/v3/video-translations/proofreads', '/v3/video-translations/proofreads', { video: { type: 'url', url: url('talk.mp4') }, output_languages: ['es'], title: 'bad', srt: { type: 'url', url: url('bad.srt') } });
    const failed = await settledProofread(bad.json.data.proofread_ids[0]);
    assert.equal(failed.status, 'failed');
    assert.match(failed.failure_message, /srt: SRT line 5: expected a cue number, found "x"/);

    const unknown = await call('GET', '/v3/video-translations/proofreads/{proofread_id}', '/v3/video-translations/proofreads/nope');
    assert.equal(unknown.status, 404);
    const notYet = await call('POST', '/v3/video-translations/proofreads/{proofread_id}/generate', `/v3/video-translations/proofreads/${bad.json.data.proofread_ids[0]}/generate`, {});
    assert.equal(notYet.status, 400);
    assert.match(notYet.json.error.message, /is failed/);
  });
});
