// End to end with the real engines: a stock avatar rig, real TTS, pocketsphinx for uploaded audio,
// and the `orator render` command. Tiny frames keep it fast; figures are printed for the record.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { renderVideo, validateRenderPlan } from '../../src/render/render-video.js';
import { runRenderCommand } from '../../src/cli/render-command.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { listStockAvatars } from '../../src/render/avatars/avatar-catalogue.js';
import { ffprobeJson } from '../support/render-probes.js';

const run = promisify(execFile);
let root = '';
const noFetch = { fetchToFile: async () => { throw new Error('no fetches here'); } };
const avatar = listStockAvatars()[0]!;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'orator-render-real-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const plan = (over: Partial<RenderPlan> = {}): RenderPlan => ({
  width: 320, height: 240, fps: 25, seed: 3, format: 'mp4', burnCaptions: false,
  scenes: [{
    character: { type: 'avatar', avatarId: avatar.avatar_id, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
    voice: { type: 'text', voiceId: avatar.default_voice_id, text: 'Hello, welcome to the product tour.', speed: 1, pitch: 0 },
    background: { type: 'color', color: '#dde4ee' },
  }],
  ...over,
});

test('a stock avatar speaking TTS: real MP4, exact length, honest lip-sync figures', async () => {
  const workDir = join(root, 'work');
  const result = await renderVideo(plan(), join(root, 'tts'), { fetcher: noFetch, cacheDir: join(root, 'cache'), workDir });
  assert.ok(!existsSync(workDir));
  const probe = await ffprobeJson(result.video);
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  assert.equal(video.codec_name, 'h264');
  assert.equal(probe.streams.find((s: any) => s.codec_type === 'audio').codec_name, 'aac');
  assert.ok(Math.abs(Number(probe.format.duration) - result.durationSec) <= 0.04 + 1e-6);
  const lastWord = result.words[result.words.length - 1]!;
  assert.ok(lastWord.end <= result.durationSec + 0.04 && lastWord.end > result.durationSec - 1.5, `${lastWord.end} vs ${result.durationSec}`);
  console.log(`# quality ${avatar.avatar_id}/${avatar.default_voice_id} 320x240: ${JSON.stringify(result.quality)}`);
  assert.ok(result.quality.envelopeCorrelation > 0.2, JSON.stringify(result.quality));
  assert.ok(Math.abs(result.quality.avOffsetMs) <= 80, JSON.stringify(result.quality));
});

test('uploaded audio goes through pocketsphinx; circle style on a transparent WebM', async () => {
  const wav = join(root, 'upload.wav');
  await run('espeak-ng', ['-w', wav, 'Thanks for listening.']);
  const p = plan({
    scenes: [{
      character: { type: 'avatar', avatarId: avatar.avatar_id, style: 'circle', scale: 0.5, offset: { x: 0.25, y: 0.2 }, matting: false },
      voice: { type: 'audio', source: { path: wav }, transcript: 'Thanks for listening.' },
      background: { type: 'transparent' },
    }],
  });
  validateRenderPlan(p);
  const result = await renderVideo(p, join(root, 'upload'), { fetcher: noFetch, cacheDir: join(root, 'cache') });
  assert.ok(result.video.endsWith('.webm'));
  assert.deepEqual(result.words.map((w) => w.word), ['Thanks', 'for', 'listening.']);
  const probe = await ffprobeJson(result.video);
  assert.equal(probe.streams.find((s: any) => s.codec_type === 'video').codec_name, 'vp9');
});

test('orator render plan.json out/ prints the result and validation errors are typed', async () => {
  const planPath = join(root, 'plan.json');
  const { scenes } = plan();
  await writeFile(planPath, JSON.stringify({ width: 256, height: 256, scenes: [{ ...scenes[0], voice: { type: 'silence', durationSec: 0.4 } }] }));
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  let code: number;
  try {
    code = await runRenderCommand(['render', planPath, join(root, 'cli'), '--quiet', '--cache-dir', join(root, 'cache')]);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(code, 0);
  const result = JSON.parse(out.join(''));
  assert.equal(result.durationSec, 0.4);
  assert.deepEqual((await readdir(join(root, 'cli'))).sort(), ['captions.srt', 'captions.vtt', 'preview.gif', 'thumbnail.jpg', 'video.mp4']);
  assert.throws(() => validateRenderPlan(plan({ width: 4100 })), (e: any) => e.kind === 'invalid_dimension');
  assert.throws(() => validateRenderPlan(plan({ scenes: [{ ...plan().scenes[0]!, voice: { type: 'text', voiceId: 'no_such_voice', text: 'x', speed: 1, pitch: 0 } }] })), (e: any) => e.kind === 'voice_not_found');
  assert.throws(() => validateRenderPlan(plan({ scenes: [{ ...plan().scenes[0]!, character: { ...plan().scenes[0]!.character!, avatarId: 'nobody' } }] })), (e: any) => e.kind === 'avatar_not_found');
});
