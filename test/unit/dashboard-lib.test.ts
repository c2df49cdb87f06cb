// The dashboard's pure parts: the script estimate (against what flite really takes to say it), the
// create page's request body and sizes, the template form's changed variables, captions for the player,
// and which paths are the app's pages (the server's rule and the app's agree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isDashboardPage } from '../../src/api/dashboard/dashboard-bundle.js';
import { aboutDuration, estimateScript } from '../../web/src/lib/speech-estimate.ts';
import { dimensionFor, generateBody, newScene, outputFormatOf, type VideoDraft } from '../../web/src/lib/video-draft.ts';
import { changedVariables, initialValue, templateDimension, type TemplateDetail } from '../../web/src/lib/templates.ts';
import { srtToVtt } from '../../web/src/lib/videos.ts';
import { isAppPath, PAGE_SEGMENTS, pageOf } from '../../web/src/lib/pages.ts';

const run = promisify(execFile);

async function fliteSeconds(text: string): Promise<number> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orator-estimate-')), 'speech.wav');
  await run('flite', ['-voice', 'slt', '-t', text, '-o', out]);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', out]);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return Number(stdout);
}

test('the script estimate is within a quarter of what flite takes to say it', async () => {
  for (const text of ['Hello there.', 'Thanks for watching, and see you next week.', 'Orator turns a script into a talking presenter: type the words, pick a face and a voice, and the video renders on your own machine.']) {
    const real = await fliteSeconds(text);
    const guess = estimateScript(text).seconds;
    console.log(`# ${text.length} characters: estimate ${guess.toFixed(2)} s, flite ${real.toFixed(2)} s`);
    assert.ok(Math.abs(guess - real) / real < 0.25, `${text}: ${guess} vs ${real}`);
  }
});

test('pauses count at their length, and the server’s refusals show before sending', () => {
  const plain = estimateScript('One. Two.');
  const paused = estimateScript('One. <break time="2s"/> Two.');
  assert.equal(paused.pauses, 1);
  assert.ok(Math.abs(paused.seconds - plain.seconds - 2.25) < 0.3, 'two seconds of pause, and one more spoken piece');
  assert.equal(estimateScript('Fine.').problem, null);
  assert.match(estimateScript('Wait <break time="11s"/> here.').problem!, /at most 10 s/);
  assert.match(estimateScript('🎉🎉').problem!, /nothing a voice can speak/);
  assert.equal(aboutDuration(0.2), 'about 1 s');
  assert.equal(aboutDuration(65.4), 'about 1 min 05 s');
});

test('sizes anchor the short edge and stay even', () => {
  assert.deepEqual(dimensionFor('16:9', '360p'), { width: 640, height: 360 });
  assert.deepEqual(dimensionFor('9:16', '720p'), { width: 720, height: 1280 });
  assert.deepEqual(dimensionFor('4:5', '1080p'), { width: 1080, height: 1350 });
  assert.deepEqual(dimensionFor('1:1', '720p'), { width: 720, height: 720 });
  assert.deepEqual(templateDimension('9:16', '360p'), { width: 360, height: 640 });
});

test('the create page sends one video input per scene, as POST /v2/video/generate takes them', () => {
  const presenters = [
    { id: 'amara_office_front', name: 'Amara', kind: 'avatar' as const, gender: 'female', previewImage: '', previewVideo: '', defaultVoiceId: 'flite_slt' },
    { id: 'photo_1', name: 'Photo', kind: 'talking_photo' as const, gender: null, previewImage: '', previewVideo: null, defaultVoiceId: null },
  ];
  const draft: VideoDraft = {
    title: '  Launch  ',
    aspect: '9:16',
    resolution: '720p',
    captions: true,
    scenes: [newScene({ presenterId: 'amara_office_front', voiceId: 'flite_slt', script: 'Hi.', color: '#112233' }), newScene({ presenterId: 'photo_1', voiceId: 'flite_rms', script: 'Bye.', background: 'transparent' })],
  };
  assert.deepEqual(generateBody(draft, presenters), {
    title: 'Launch',
    caption: true,
    dimension: { width: 720, height: 1280 },
    video_inputs: [
      { character: { type: 'avatar', avatar_id: 'amara_office_front', avatar_style: 'normal' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' }, background: { type: 'color', value: '#112233' } },
      { character: { type: 'talking_photo', talking_photo_id: 'photo_1' }, voice: { type: 'text', voice_id: 'flite_rms', input_text: 'Bye.' }, background: { type: 'transparent' } },
    ],
  });
  assert.equal(outputFormatOf(draft), 'webm', 'a transparent scene makes the video WebM');
  assert.equal(generateBody({ ...draft, title: ' ' }, presenters).title, undefined);
});

test('the template form sends only the variables it changed, in HeyGen’s shapes', () => {
  const template = {
    id: 't',
    name: 'T',
    aspect_ratio: '16:9',
    thumbnail_url: null,
    ownership: 'stock',
    scenes: [],
    variables: {
      name: { name: 'name', type: 'text', properties: { content: 'Alex' } },
      company: { name: 'company', type: 'text', properties: { content: 'Northwind' } },
      logo: { name: 'logo', type: 'image', properties: { url: 'https://x/logo.png', fit: 'contain' } },
      presenter: { name: 'presenter', type: 'character', properties: { character_id: 'amara_office_front', type: 'avatar' } },
      voice: { name: 'voice', type: 'voice', properties: { voice_id: 'festival_slt_hts' } },
    },
  } satisfies TemplateDetail;
  const values = Object.fromEntries(Object.values(template.variables).map((v) => [v.name, initialValue(v)]));
  assert.deepEqual(changedVariables(template, values), {}, 'nothing changed: every default stands');
  values.name = { kind: 'text', content: 'Zanele' };
  values.logo = { kind: 'asset', assetId: 'asset_1' };
  values.presenter = { kind: 'character', id: 'daniel_blazer_front' };
  values.voice = { kind: 'voice', id: 'flite_rms' };
  assert.deepEqual(changedVariables(template, values), {
    name: { name: 'name', type: 'text', properties: { content: 'Zanele' } },
    logo: { name: 'logo', type: 'image', properties: { asset_id: 'asset_1', fit: 'contain' } },
    presenter: { name: 'presenter', type: 'character', properties: { character_id: 'daniel_blazer_front', type: 'avatar' } },
    voice: { name: 'voice', type: 'voice', properties: { voice_id: 'flite_rms' } },
  });
});

test('captions become WebVTT for the player, timestamps only', () => {
  const srt = '1\r\n00:00:00,000 --> 00:00:01,250\r\nHello, there\r\n\r\n2\r\n00:00:01,250 --> 00:00:02,000\r\nBye\r\n';
  assert.equal(srtToVtt(srt), 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.250\nHello, there\n\n2\n00:00:01.250 --> 00:00:02.000\nBye\n');
});

test('the app and the server agree on which paths are pages', () => {
  const segments = new Set<string>(PAGE_SEGMENTS);
  const pages = ['/', '/library', '/create', '/templates', '/templates/stock_personalised_welcome', '/webhooks', '/api-keys'];
  for (const p of pages) {
    assert.ok(isDashboardPage(p, segments) && isAppPath(p), p);
    assert.notEqual(pageOf(p).name, 'not-found', p);
  }
  assert.deepEqual(pageOf('/templates/a%20b'), { name: 'template', id: 'a b' });
  for (const p of ['/library/x', '/templates/a/b', '/create/%E0%A4%A']) assert.equal(pageOf(p).name, 'not-found', p);
  for (const p of ['/v2/videos', '/files/x', '/sign-in', '/libraryx', '/docs', '/openapi.json', '/_app/index.js']) {
    assert.ok(!isDashboardPage(p, segments) && !isAppPath(p), p);
  }
});
