// Debian's Chromium (playwright-core) drives the real pages over a listening server: a wrong password,
// sign-in, password change, sign-out, sign-in with the new password, and a newcomer joining through an
// invitation link. Screenshots go to a temporary folder printed in the test log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_SPACE } from '../../src/auth/api-keys.js';
import { freePort } from '../support/orator-process.js';
import { composeTestPlatform, type ComposedTestPlatform } from '../support/test-platform.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-sign-in-shots-'));
let platform: ComposedTestPlatform;
let browser: Browser;
let base: string;
let dataDir: string;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-browser-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  platform = await composeTestPlatform({ dataDir, env: { ORATOR_PUBLIC_URL: base }, startWorkers: false });
  await platform.app.listen({ port, host: '127.0.0.1' });
  await platform.platform.users.createUser({ email: 'ada@example.test', name: 'Ada Lovelace', password: 'analytical-engine' });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  console.log(`screenshots: ${shots}`);
});

after(async () => {
  await browser?.close();
  await platform?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
}

test('sign in, change the password, sign out, and sign in again with the new one, in Chromium', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 640 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await signIn(page, 'ada@example.test', 'not-the-password');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(await page.textContent('[role=alert]'), 'The email or the password is not right.');
  assert.equal(await page.inputValue('#email'), 'ada@example.test', 'the email stays filled in');
  await shot(page, '01-wrong-password');

  await page.fill('#password', 'analytical-engine');
  await shot(page, '02-sign-in-form');
  await Promise.all([page.waitForURL(`${base}/account`), page.click('button[type=submit]')]);
  assert.match((await page.textContent('main'))!, /Signed in as Ada Lovelace <ada@example\.test>\./);
  assert.match((await page.textContent('table'))!, /Default space \(current\)\s*owner/);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'orator_session');
  assert.ok(session?.httpOnly, 'the session cookie is httpOnly');
  assert.equal(session?.sameSite, 'Lax');
  await shot(page, '03-account');

  await page.click('text=Change password');
  await page.waitForURL(`${base}/account/password`);
  await page.fill('#current_password', 'analytical-engine');
  await page.fill('#new_password', 'difference-engine-2');
  await page.fill('#confirm_password', 'difference-engine-2');
  await shot(page, '04-password-form');
  await Promise.all([page.waitForURL(`${base}/account?notice=password_changed`), page.click('button[type=submit]')]);
  assert.equal(await page.textContent('[role=status]'), 'Your password was changed. Other browsers were signed out.');
  assert.notEqual((await context.cookies()).find((c) => c.name === 'orator_session')?.value, session?.value, 'a new session after the change');
  await shot(page, '05-password-changed');

  await Promise.all([page.waitForURL(`${base}/sign-in?notice=signed_out`), page.click('button:has-text("Sign out")')]);
  assert.equal(await page.textContent('[role=status]'), 'You are signed out.');
  assert.equal((await context.cookies()).some((c) => c.name === 'orator_session'), false);
  await shot(page, '06-signed-out');
  const account = await page.goto(`${base}/account`);
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'signed out: the account page sends you to sign in');
  assert.equal(account?.status(), 200);

  await signIn(page, 'ada@example.test', 'analytical-engine');
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'the old password is refused');
  await signIn(page, 'ada@example.test', 'difference-engine-2');
  assert.equal(new URL(page.url()).pathname, '/account');
  // The 401s of the wrong-password pages and the favicon's 404 are logged too; a CSP refusal would be as well.
  assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused/i.test(e)), [], 'nothing refused by the content security policy');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('button')!).backgroundColor), 'rgb(228, 231, 238)', 'the stylesheet applies under the CSP');
  await context.close();
});

test('a newcomer opens an invitation link, makes an account and lands in the space, in Chromium', async () => {
  const [owner] = await platform.platform.users.listUsers();
  const { url } = await platform.platform.spaces.createInvitation({ userId: owner!.id }, DEFAULT_SPACE.id, { role: 'member' });
  assert.ok(url.startsWith(`${base}/invitations/`));
  const context = await browser.newContext({ viewport: { width: 800, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  assert.match((await page.textContent('main'))!, /You are invited to join Default space as member\./);
  await page.fill('#name', 'Charles Babbage');
  await page.fill('#email', 'charles@example.test');
  await page.fill('#password', 'calculating-machine');
  await shot(page, '07-invitation');
  await Promise.all([page.waitForURL(`${base}/account?notice=joined`), page.click('button[type=submit]')]);
  assert.match((await page.textContent('main'))!, /Signed in as Charles Babbage <charles@example\.test>\./);
  assert.match((await page.textContent('table'))!, /Default space \(current\)\s*member/);
  await shot(page, '08-joined');
  await page.goto(url);
  assert.match((await page.textContent('main'))!, /already been used/);
  await context.close();
});
