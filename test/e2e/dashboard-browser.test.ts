// The dashboard in Debian's Chromium against the real server (spawned, real renders): an API-key sign-in
// while the install has no accounts; then an account made with the CLI signs in, adds a webhook
// endpoint, makes a two-scene video on the create page, watches its progress bar reach 100 %, plays it
// to its end, downloads it (ffprobe reads it), deletes it; generates from a stock template with a
// changed text (tesseract reads it in the frame); sees the video's event in the delivery log; makes and
// revokes an API key. Every page is screenshotted (folder printed below), checked by axe-core, and at
// 390 px wide; any console error or failed request fails the test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { freePort, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';
import { CHROMIUM_LAUNCH, openWatchedPage, picturesLoaded, type WatchedPage } from '../support/browser-page.js';
import { ffprobeJson } from '../support/render-probes.js';
import { normaliseText, pixelRegion, readTextIn } from '../support/read-text.js';
import { waitUntil } from '../support/wait-until.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-dashboard-shots-'));
const EMAIL = 'ada@example.test';
const PASSWORD = 'analytical-engine-1843';
let dataDir: string;
let orator: OratorProcess;
let browser: Browser;
let receiver: WebhookReceiver;
/** The signed-in desk the tests after the sign-in share (one browser context, its cookies). */
let desk: WatchedPage;

before(async () => {
  execFileSync('bash', ['scripts/build-web.sh'], { cwd: root, stdio: 'inherit' });
  dataDir = tempDataDir();
  const port = await freePort();
  receiver = await startWebhookReceiver();
  orator = await startOrator({ dataDir, port, env: { ORATOR_PUBLIC_URL: `http://127.0.0.1:${port}`, ORATOR_ALLOW_PRIVATE_URLS: '1' } });
  browser = await chromium.launch(CHROMIUM_LAUNCH);
  console.log(`# screenshots: ${shots}`);
});

after(async () => {
  await desk?.close();
  await browser?.close();
  orator?.child.kill('SIGTERM');
  await orator?.exited;
  await receiver?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const url = (p: string) => `${orator.baseUrl}${p}`;
const withKey = (p: string, key = orator.apiKey) => fetch(url(p), { headers: { 'x-api-key': key } });

const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name, exact: true });

async function heading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

/** Waits for a library card to finish rendering, reading its progress bar on the way. */
async function watchRender(card: Locator): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + 240_000;
  while ((await card.locator('video').count()) === 0) {
    const value = await card.locator('progress').getAttribute('value', { timeout: 1000 }).catch(() => null);
    if (value !== null && Number(value) !== seen[seen.length - 1]) seen.push(Number(value));
    assert.notEqual(await card.getAttribute('data-status'), 'failed', `the render failed: ${await card.textContent()}`);
    assert.ok(Date.now() < deadline, `the video did not finish; progress seen ${seen.join(', ')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  const last = await card.locator('progress').getAttribute('value');
  if (last !== null && Number(last) !== seen[seen.length - 1]) seen.push(Number(last));
  return seen;
}

async function download(page: Page, link: Locator, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const target = path.join(dataDir, name);
  await file.saveAs(target);
  return target;
}

test('with no accounts yet the dashboard signs in with an API key, kept for the tab', async () => {
  const w = await openWatchedPage(browser, shots);
  const { page } = w;
  await page.goto(url('/library'));
  await heading(page, 'Sign in with an API key');
  await w.check('01-api-key-sign-in');
  w.allow('/v3/users/me', 401);
  await page.fill('#api-key', 'sk_not_a_key');
  await page.click('button[type=submit]');
  await page.getByText('That key was not accepted').waitFor();

  await page.fill('#api-key', orator.apiKey);
  await page.click('button[type=submit]');
  await heading(page, 'Library');
  await page.getByText('No videos yet.').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('orator.apiKey')), orator.apiKey);
  await page.reload();
  await heading(page, 'Library');
  await w.check('02-library-empty');
  assert.equal(await page.getByRole('link', { name: 'API keys' }).count(), 0, 'an API key cannot manage the space: no API keys page');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in with an API key');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('orator.apiKey')), null);
  w.assertClean();
  await w.close();
});

test('an account made with the CLI signs in from a deep link and adds a webhook endpoint', async () => {
  const cli = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'users', 'create', '--email', EMAIL, '--name', 'Ada Lovelace', '--password-stdin'], {
    cwd: root,
    env: { ...process.env, ORATOR_DATA_DIR: dataDir },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  cli.stdin.end(`${PASSWORD}\n`);
  assert.equal(await new Promise((r) => cli.on('exit', r)), 0, 'orator users create');

  desk = await openWatchedPage(browser, shots, { acceptDownloads: true });
  const { page } = desk;
  await page.goto(url('/webhooks'));
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/sign-in?next=%2Fwebhooks', 'signed out: sent to sign in');
  await page.fill('#email', EMAIL);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(url('/webhooks')), page.click('button[type=submit]')]);
  await heading(page, 'Webhooks');
  await page.getByText('No endpoints yet').waitFor();
  await desk.check('03-webhooks-empty');

  await page.getByLabel('URL').fill(receiver.url);
  await page.getByLabel('avatar_video.success', { exact: true }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByText('Its signing secret is shown only now').waitFor();
  assert.match((await page.locator('code.secret').textContent())!, /^whsec_/);
  const row = page.locator('li.endpoint', { hasText: receiver.url });
  assert.match((await row.textContent())!, /avatar_video\.success/);
  await row.getByRole('button', { name: /Send test event/ }).click();
  await row.getByText('Test event delivered: HTTP 200').waitFor();
  await desk.check('04-webhooks-endpoint');
  desk.assertClean();
});

test('create a two-scene video, watch it render to 100 %, play it to the end, download it, delete it', async () => {
  const { page } = desk;
  await navLink(page, 'Create').click();
  await heading(page, 'Create a video');
  const scenes = page.locator('fieldset.scene');
  await scenes.first().locator('textarea').waitFor();
  await page.getByLabel('Title', { exact: true }).fill('Two scenes from the dashboard');

  // Keyboard: the avatar radio group moves with the arrow keys, and the avatar brings its voice.
  const first = scenes.nth(0);
  await first.locator('input[type=radio]:checked').first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal((await first.locator('.avatar-card:has(input:checked)').first().textContent())?.trim(), 'Daniel (Blazer)');
  assert.equal(await first.getByLabel(/^Voice \(/).inputValue(), 'flite_rms');
  await first.getByLabel('Script').fill('Hello there.');
  assert.match((await first.locator('.hint[id$=-estimate]').textContent())!, /Spoken length about 1 s/);

  await page.getByRole('button', { name: 'Add a scene' }).click();
  const second = scenes.nth(1);
  await second.locator('label.avatar-card', { hasText: 'Mei (Casual)' }).click();
  await second.getByLabel('Gender').selectOption('female');
  const offered = await second.getByLabel(/^Voice \(/).locator('option').allTextContents();
  assert.ok(offered.length > 1 && offered.every((o) => o.endsWith('female')), `female voices only: ${offered.join(' | ')}`);
  assert.equal(await second.getByLabel(/^Voice \(/).inputValue(), 'flite_slt');
  const script = second.getByLabel('Script');
  await script.fill('Goodbye for now.');
  await script.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
  await second.getByLabel('Pause length').selectOption('0.5s');
  await second.getByRole('button', { name: 'Insert pause' }).click();
  assert.equal(await script.inputValue(), 'Goodbye <break time="0.5s"/> for now.');
  assert.match((await second.locator('.hint[id$=-estimate]').textContent())!, /with 1 pause/);
  await page.getByLabel('Resolution').selectOption('360p');
  assert.match((await page.locator('fieldset.card', { hasText: 'Aspect ratio' }).textContent())!, /640×360 MP4, 2 scenes/);
  await desk.check('05-create-filled');

  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/v2/video/generate') && r.method() === 'POST'),
    page.getByRole('button', { name: 'Create video' }).click(),
  ]);
  const sent = request.postDataJSON();
  assert.deepEqual(sent.dimension, { width: 640, height: 360 });
  assert.deepEqual(
    sent.video_inputs.map((v: any) => [v.character.avatar_id, v.voice.voice_id, v.voice.input_text]),
    [
      ['daniel_blazer_front', 'flite_rms', 'Hello there.'],
      ['mei_casual_front', 'flite_slt', 'Goodbye <break time="0.5s"/> for now.'],
    ],
  );
  await page.waitForURL(/\/library\?created=/);
  const videoId = new URL(page.url()).searchParams.get('created')!;
  const card = page.locator(`article[data-video-id="${videoId}"]`);
  await card.waitFor({ timeout: 5000 });
  assert.notEqual(await card.getAttribute('data-status'), 'completed', 'the video is in the library while it renders');
  await page.screenshot({ path: path.join(shots, '06-library-rendering.png'), fullPage: true });

  const seen = await watchRender(card);
  console.log(`# progress bar read: ${seen.join(' → ')} %`);
  assert.equal(seen[seen.length - 1], 100, 'the bar ends at 100 %');
  assert.ok(seen.some((v) => v < 100), 'the bar was read below 100 % first');
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'the bar never goes back');
  await desk.check('07-library-rendered');

  const player = card.locator('video');
  const played = await player.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<{ duration: number; at: number }>((resolve, reject) => {
        v.muted = true;
        v.addEventListener('ended', () => resolve({ duration: v.duration, at: v.currentTime }), { once: true });
        v.addEventListener('error', () => reject(new Error(`media error ${v.error?.code}`)), { once: true });
        v.play().catch(reject);
      }),
  );
  console.log(`# played to ${played.at.toFixed(2)} s of ${played.duration.toFixed(2)} s`);
  assert.ok(played.duration > 1 && played.at >= played.duration - 0.05, 'the <video> reached its end');
  // The player shows the render's own captions, read from its SRT.
  await page.waitForFunction((id) => {
    const track = document.querySelector<HTMLVideoElement>(`article[data-video-id="${id}"] video`)?.textTracks[0];
    return track !== undefined && (track.cues?.length ?? 0) > 0;
  }, videoId);
  await page.screenshot({ path: path.join(shots, '08-library-played.png'), fullPage: true });

  const mp4 = await download(page, card.getByRole('link', { name: /^Download MP4/ }), 'dashboard.mp4');
  const probe = await ffprobeJson(mp4);
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  const audio = probe.streams.find((s: any) => s.codec_type === 'audio');
  console.log(`# download: ${video.codec_name} ${video.width}x${video.height}, ${audio?.codec_name}, ${Number(probe.format.duration).toFixed(2)} s`);
  assert.deepEqual([video.codec_name, video.width, video.height], ['h264', 640, 360]);
  assert.equal(audio?.codec_name, 'aac');
  assert.ok(Math.abs(Number(probe.format.duration) - played.duration) < 0.1, 'the file is the video that played');
  // The two scenes' presenters (Daniel's dark suit, then Mei's green sweater) are both in the file.
  const frameAt = async (t: number) => {
    const out = path.join(dataDir, `scene-${t}.png`);
    await run('ffmpeg', ['-v', 'error', '-ss', t.toFixed(2), '-i', mp4, '-frames:v', '1', '-y', out]);
    return sharp(out).extract({ left: 224, top: 220, width: 192, height: 140 }).removeAlpha().raw().toBuffer();
  };
  const [early, late] = await Promise.all([frameAt(0.4), frameAt(played.duration - 0.3)]);
  const difference = early.reduce((sum, v, i) => sum + Math.abs(v - late[i]!), 0) / early.length;
  console.log(`# torso region, scene 1 against scene 2: mean difference ${difference.toFixed(1)} of 255`);
  assert.ok(difference > 20, 'a different presenter in the second scene');
  const srt = fs.readFileSync(await download(page, card.getByRole('link', { name: /^Download SRT/ }), 'dashboard.srt'), 'utf8');
  assert.match(srt, /Hello there/);
  assert.match(srt, /Goodbye/);
  await waitUntil('the endpoint receives avatar_video.success', () => receiver.received.some((r) => r.event_type === 'avatar_video.success' && r.video_id === videoId), 30_000);

  await page.getByLabel('Search by title').fill('two SCENES');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\?q=two/);
  await card.waitFor();
  await page.getByLabel('Search by title').fill('no such title');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No video title contains “no such title”.').waitFor();
  await desk.check('09-library-search-empty');
  await page.getByLabel('Search by title').fill('');
  await page.getByRole('button', { name: 'Search' }).click();

  await card.getByRole('button', { name: /^Delete/ }).click();
  await card.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('Deleted “Two scenes from the dashboard”.').waitFor();
  await card.waitFor({ state: 'detached' });
  assert.equal((await withKey(`/v3/videos/${videoId}`)).status, 404, 'the video is gone from the API too');
  desk.assertClean();
});

test('generate from a stock template with a changed text, and read it in the frame', async () => {
  const { page } = desk;
  await navLink(page, 'Templates').click();
  await heading(page, 'Templates');
  await page.waitForFunction(() => document.querySelectorAll('.template-card img').length === document.querySelectorAll('.template-card').length && document.querySelectorAll('.template-card').length > 0, undefined, { timeout: 60_000 });
  await desk.check('10-templates');
  await page.getByRole('link', { name: 'Use this template for Personalised welcome' }).click();
  await heading(page, 'Personalised welcome');
  await page.getByLabel('Recipient name').fill('Zanele');
  // An upload from the image picker (POST /v3/assets with the session) becomes the chosen picture…
  const logo = page.locator('fieldset.picker', { hasText: 'Upload an image' });
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#E76F51' } }).png().toBuffer();
  await logo.locator('input[type=file]').setInputFiles({ name: 'square-logo.png', mimeType: 'image/png', buffer: png });
  await logo.locator('label.avatar-card:has-text("square-logo.png") input:checked').waitFor({ state: 'attached' });
  await picturesLoaded(page);
  // …and the template's own picture can be chosen back.
  await logo.getByLabel("The template's image").check();
  await page.getByRole('checkbox', { name: 'Greeting', exact: true }).uncheck();
  await page.getByLabel('Resolution').selectOption('360p');
  await desk.check('11-template-form');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/v3/templates/stock_personalised_welcome') && r.method() === 'POST'),
    page.getByRole('button', { name: 'Generate video' }).click(),
  ]);
  const sent = request.postDataJSON();
  assert.deepEqual(sent.variables, { recipient_name: { name: 'recipient_name', type: 'text', properties: { content: 'Zanele' } } }, 'only the changed variable is sent');
  assert.deepEqual(sent.scene_ids, ['closing']);
  await page.waitForURL(/\/library\?created=/);
  const videoId = new URL(page.url()).searchParams.get('created')!;
  const card = page.locator(`article[data-video-id="${videoId}"]`);
  await watchRender(card);
  await desk.check('12-library-template-video');

  const detail = (await (await withKey(`/v3/videos/${videoId}`)).json()).data;
  const file = path.join(dataDir, 'template.mp4');
  fs.writeFileSync(file, Buffer.from(await (await fetch(detail.video_url)).arrayBuffer()));
  const frame = path.join(dataDir, 'template-frame.png');
  await run('ffmpeg', ['-v', 'error', '-ss', '2.0', '-i', file, '-frames:v', '1', '-y', frame]);
  const read = await readTextIn(frame, pixelRegion({ x: 0.06, y: 0.34, width: 0.62, height: 0.26 }, 640, 360));
  console.log(`# template frame at 2 s: tesseract read ${JSON.stringify(read)}`);
  assert.ok(normaliseText(read).includes(normaliseText('See you soon, Zanele')), `the headline carries the new name: ${read}`);
  fs.copyFileSync(frame, path.join(shots, '13-template-frame.png'));
  desk.assertClean();
});

test('a failed render shows its reason, and the library pages through many videos', async () => {
  const { page } = desk;
  // Renders that fail at once (their background picture is a 404): cheap videos to fill two pages with.
  const ids: string[] = [];
  for (let i = 1; i <= 13; i++) {
    const r = await fetch(url('/v2/video/generate'), {
      method: 'POST',
      headers: { 'x-api-key': orator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Broken background ${i}`,
        dimension: { width: 320, height: 180 },
        video_inputs: [{ character: { type: 'avatar', avatar_id: 'amara_office_front' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' }, background: { type: 'image', url: url('/stock/templates/missing.png') } }],
      }),
    });
    assert.equal(r.status, 200);
    ids.push((await r.json()).data.video_id);
  }
  const statusOf = async (id: string) => (await (await withKey(`/v3/videos/${id}`)).json()).data.status;
  await waitUntil('the broken renders fail', async () => (await statusOf(ids[ids.length - 1]!)) === 'failed', 120_000);

  await navLink(page, 'Library').click();
  await heading(page, 'Library');
  const newest = page.locator(`article[data-video-id="${ids[12]}"]`);
  await newest.getByText('The render failed.').waitFor();
  assert.match((await newest.locator('.error').textContent())!, /Failed to download .*missing\.png: HTTP 404/);
  assert.equal(await page.locator('article[data-video-id]').count(), 12, 'twelve videos a page');
  await desk.check('13b-library-failed');
  await page.getByRole('button', { name: 'Older' }).click();
  await page.getByText('Page 2').waitFor();
  const all: string[] = (await (await withKey('/v3/videos?limit=100')).json()).data.map((v: { id: string }) => v.id);
  assert.equal(all.length, 14, 'thirteen broken videos and the template one');
  const second = await page.locator('article[data-video-id]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-video-id')));
  assert.deepEqual(second, all.slice(12), 'page 2 holds the two oldest, in order');
  assert.equal(await page.getByRole('button', { name: 'Older' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Newer' }).click();
  await newest.waitFor();
  desk.assertClean();
});

test("the delivery log shows the video's event as delivered", async () => {
  const { page } = desk;
  await navLink(page, 'Webhooks').click();
  await heading(page, 'Webhooks');
  const delivered = page.locator('li.delivery[data-delivery-status="succeeded"]', { hasText: 'avatar_video.success' });
  await delivered.first().waitFor();
  assert.match((await delivered.first().textContent())!, /1 attempt, last answered HTTP 200/);
  await desk.check('14-webhooks-log');
  desk.assertClean();
});

test('a space owner makes an API key on the API keys page and revokes it', async () => {
  const { page } = desk;
  await navLink(page, 'API keys').click();
  await heading(page, 'API keys');
  await page.getByLabel('Name (what it is for)').fill('dashboard test');
  await page.getByRole('button', { name: 'Make key' }).click();
  const key = (await page.locator('code.secret').textContent())!;
  assert.equal((await withKey('/v3/users/me', key)).status, 200, 'the new key works');
  await desk.check('15-api-keys');
  await page.getByRole('button', { name: 'Revoke dashboard test' }).click();
  await page.getByRole('button', { name: 'Yes, revoke dashboard test' }).click();
  await page.getByText('Revoked dashboard test').waitFor();
  assert.equal((await withKey('/v3/users/me', key)).status, 401, 'the revoked key is refused');
  desk.assertClean();
});

test('every page works at 390 px wide, with visible keyboard focus', async () => {
  const phone = await openWatchedPage(browser, shots, { viewport: { width: 390, height: 844 }, storageState: await desk.page.context().storageState() });
  const { page } = phone;
  const pages: Array<[string, string]> = [
    ['/library', 'Library'],
    ['/create', 'Create a video'],
    ['/templates', 'Templates'],
    ['/templates/stock_personalised_welcome', 'Personalised welcome'],
    ['/webhooks', 'Webhooks'],
    ['/api-keys', 'API keys'],
    ['/library/no/such/page', 'Page not found'],
  ];
  for (const [p, title] of pages) {
    await page.goto(url(p));
    await heading(page, title);
    await page.waitForLoadState('networkidle');
    await phone.check(`16-phone${p.replaceAll('/', '-')}`);
    const width = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(width.content <= width.view, `${p}: no sideways scrolling at 390 px (${width.content} > ${width.view})`);
  }
  await page.goto(url('/create'));
  await page.locator('fieldset.scene textarea').waitFor();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const ring = el.closest('.avatar-card') ?? el;
      const style = getComputedStyle(ring);
      return { what: `${el.tagName} ${el.textContent?.trim().slice(0, 30) ?? ''}`, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.ok(focus.outline !== 'none' && focus.width >= 2, `focus is visible on ${focus.what}`);
  }
  phone.assertClean();
  await phone.close();
});

test('the JavaScript of a first load is under 300 kB gzipped', async () => {
  const fresh = await browser.newContext({ storageState: await desk.page.context().storageState() });
  const page = await fresh.newPage();
  const scripts: Array<{ url: string; bytes: Buffer }> = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script') scripts.push({ url: r.url(), bytes: await r.body() });
  });
  await page.goto(url('/library'));
  await heading(page, 'Library');
  await page.waitForLoadState('networkidle');
  await picturesLoaded(page);
  const gzipped = scripts.reduce((sum, s) => sum + gzipSync(s.bytes).length, 0);
  console.log(`# first load: ${scripts.length} script(s), ${(gzipped / 1024).toFixed(1)} kB gzipped`);
  assert.ok(scripts.length >= 1);
  assert.ok(gzipped < 300 * 1024, `${gzipped} bytes gzipped`);
  await fresh.close();
});
