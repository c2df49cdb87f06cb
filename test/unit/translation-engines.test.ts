// The translation engines behind their ports: Apertium as installed here, the OpenAI-compatible chat
// endpoint and LibreTranslate against a tiny local HTTP server, the recogniser's output parsing, and the
// dub: pieces placed in one WAV, ffmpeg argv for ducking or dropping the old sound.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApertiumTranslator, pairsFromModeFiles, splitApertiumOutput } from '../../src/render/translation/apertium-translator.js';
import { ChatTranslator } from '../../src/render/translation/chat-translator.js';
import { assembleDubTrack, buildReplaceSpeechArgs, duckingExpression } from '../../src/render/translation/dub-track.js';
import { LibreTranslateTranslator } from '../../src/render/translation/libretranslate-translator.js';
import { wordsFromRecognition } from '../../src/render/translation/pocketsphinx-transcriber.js';
import { readWav, writeWav } from '../../src/render/speech/wav-file.js';

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}
const seen: Seen[] = [];
let answer: (req: Seen) => { status: number; body: unknown } = () => ({ status: 404, body: {} });
let server: http.Server;
let base = '';
let dir = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-translation-engines-'));
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const s: Seen = { path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : null };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Apertium: the pairs are the installed modes (variants left out), sentences translated line by line', async () => {
  assert.deepEqual(pairsFromModeFiles(['eng-spa.mode', 'eng-cat_valencia.mode', 'en-gl.mode', 'README']), [
    { source: 'en', target: 'gl', mode: 'en-gl' },
    { source: 'en', target: 'es', mode: 'eng-spa' },
  ]);
  assert.equal(splitApertiumOutput('a\nb\n\n', 2)?.length, 2);
  assert.equal(splitApertiumOutput('a b\n', 2), undefined);
  const apertium = new ApertiumTranslator();
  const pairs = await apertium.pairs();
  assert.ok(pairs.some((p) => p.source === 'en' && p.target === 'es'), JSON.stringify(pairs));
  const out = await apertium.translate(['Welcome to the show.', 'The weather is nice today.'], { source: 'en', target: 'es' });
  assert.deepEqual(out, ['Bienvenido al espectáculo.', 'El tiempo es bueno hoy.']);
  assert.equal(apertium.describe({ source: 'en', target: 'es' }), 'apertium eng-spa (rule-based)');
  assert.match(apertium.note, /rule-based/);
  await assert.rejects(apertium.translate(['x'], { source: 'en', target: 'ja' }), /no en → ja pair/);
});

test('OpenAI-compatible chat: one request with every sentence, the key as Bearer, the array back in order', async () => {
  seen.length = 0;
  answer = (r) => ({ status: 200, body: { choices: [{ message: { content: '```json\n' + JSON.stringify(JSON.parse(r.body.messages[1].content).map((t: string) => `ES:${t}`)) + '\n```' } }] } });
  const chat = new ChatTranslator({ url: `${base}/v1`, apiKey: 'sk-test', model: 'tiny', pairs: [{ source: 'en', target: 'es' }] });
  assert.deepEqual(await chat.translate(['Hello.', 'Bye.'], { source: 'en', target: 'es' }), ['ES:Hello.', 'ES:Bye.']);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.path, '/v1/chat/completions');
  assert.equal(seen[0]!.headers.authorization, 'Bearer sk-test');
  assert.equal(seen[0]!.body.model, 'tiny');
  assert.match(seen[0]!.body.messages[0].content, /from en to es/);
  assert.deepEqual(await chat.pairs(), [{ source: 'en', target: 'es' }]);

  answer = () => ({ status: 200, body: { choices: [{ message: { content: '["only one"]' } }] } });
  await assert.rejects(chat.translate(['a', 'b'], { source: 'en', target: 'es' }), /answered 1 strings for 2 sentences/);
  answer = () => ({ status: 503, body: { error: 'busy' } });
  await assert.rejects(chat.translate(['a'], { source: 'en', target: 'es' }), (e: any) => e.kind === 'service_unavailable' && e.transient === true && !/sk-test/.test(e.message));
});

test('LibreTranslate: pairs from /languages, every sentence in one /translate call', async () => {
  seen.length = 0;
  answer = (r) =>
    r.path === '/languages'
      ? { status: 200, body: [{ code: 'en', name: 'English', targets: ['en', 'es', 'fr'] }, { code: 'es', name: 'Spanish', targets: ['en'] }] }
      : { status: 200, body: { translatedText: r.body.q.map((t: string) => `${r.body.target}:${t}`) } };
  const libre = new LibreTranslateTranslator({ url: base, apiKey: 'lt-key' });
  assert.deepEqual(await libre.pairs(), [{ source: 'en', target: 'es' }, { source: 'en', target: 'fr' }, { source: 'es', target: 'en' }]);
  assert.deepEqual(await libre.translate(['One.', 'Two.'], { source: 'en', target: 'fr' }), ['fr:One.', 'fr:Two.']);
  const call = seen.find((s) => s.path === '/translate')!;
  assert.deepEqual(call.body, { q: ['One.', 'Two.'], source: 'en', target: 'fr', format: 'text', api_key: 'lt-key' });
});

test('recognised tokens: markers and noises dropped, alternative pronunciations named as the word', () => {
  const stdout = 'hello there\n<s> 0.070 0.150 1.0\nhello(2) 0.160 0.540 0.99\n<sil> 0.55 0.60 0.3\n[NOISE] 0.61 0.70 0.2\nthere 0.710 0.880 0.99\n</s> 0.89 0.95 1.0\n';
  assert.deepEqual(wordsFromRecognition(stdout), [
    { word: 'hello', start: 0.16, end: 0.55 },
    { word: 'there', start: 0.71, end: 0.89 },
  ]);
});

test('the dub: each piece at its time in one WAV; the old sound ducked under the old speech or dropped', async () => {
  const piece = path.join(dir, 'piece.wav');
  await writeWav(piece, { sampleRate: 22050, samples: new Int16Array(2205).fill(1000) });
  const out = path.join(dir, 'dub.wav');
  await assembleDubTrack([{ wavPath: piece, start: 0.5 }, { wavPath: piece, start: 1.95 }], 2, out);
  const dub = await readWav(out);
  assert.equal(dub.samples.length, 44100);
  assert.equal(dub.samples[Math.round(0.49 * 22050)], 0);
  assert.equal(dub.samples[Math.round(0.55 * 22050)], 1000);
  assert.equal(dub.samples[44099], 1000, 'a piece running past the end is cut there');

  assert.equal(duckingExpression([]), '1');
  assert.equal(duckingExpression([{ start: 0.05, end: 1 }]), 'if(between(t,0.000,1.120),0.06,1)');
  const ducked = buildReplaceSpeechArgs({ videoPath: 'in.mp4', dubWav: 'dub.wav', outPath: 'out.mp4', original: 'ducked', speechSpans: [{ start: 1, end: 2 }] });
  assert.deepEqual(ducked.slice(ducked.indexOf('-map'), ducked.indexOf('-map') + 6), ['-map', '0:v:0', '-map', '[aout]', '-c:v', 'copy']);
  assert.match(ducked[ducked.indexOf('-filter_complex') + 1]!, /volume='if\(between\(t,0\.880,2\.120\),0\.06,1\)':eval=frame.*amix=inputs=2:duration=longest:normalize=0/);
  const dropped = buildReplaceSpeechArgs({ videoPath: 'in.mp4', dubWav: 'dub.wav', outPath: 'out.mp4', original: 'dropped', speechSpans: [] });
  assert.ok(!dropped.includes('-filter_complex'));
  assert.deepEqual(dropped.slice(dropped.indexOf('-map'), dropped.indexOf('-map') + 4), ['-map', '0:v:0', '-map', '1:a:0']);
  const reencoded = buildReplaceSpeechArgs({ videoPath: 'in.webm', dubWav: 'dub.wav', outPath: 'out.mp4', original: 'dropped', speechSpans: [], reencodeVideo: true });
  assert.ok(reencoded.includes('libx264'));
});
