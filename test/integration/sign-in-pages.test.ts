// The sign-in, sign-out and password pages over HTTP (inject) with the real platform: CSRF on every
// form, the same answer for an unknown email and a wrong password, session rotation, throttling, and
// the session acting on the API (users/me) next to API keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageClient, withoutCsrf } from '../support/page-client.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform({ startWorkers: false }, async (p) => {
  await p.platform.users.createUser({ email: 'Owner@Example.test', name: 'Olive Owner', password: 'owner-password-1' });
});

let n = 0;
async function newUser(password = 'a-long-password') {
  const email = `person${++n}@example.test`;
  await t.platform.users.createUser({ email, name: `Person ${n}`, password, space: { id: 'space_default', role: 'member' } });
  return { email, password };
}

test('the sign-in page: a form with a CSRF token, its secret in a signed httpOnly cookie, strict headers', async () => {
  const browser = new PageClient(t.app);
  const r = await browser.get('/sign-in');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'] as string, /^text\/html/);
  assert.match(r.body, /<form method="post" action="\/sign-in">/);
  assert.ok(browser.csrf && browser.csrf.length > 20);
  const setCookie = String(r.headers['set-cookie']);
  assert.match(setCookie, /orator_csrf=[^;]+\.[^;]+; Path=\/; HttpOnly; SameSite=Lax/, 'signed, httpOnly, Lax');
  assert.doesNotMatch(setCookie, /Secure/, 'plain http public URL: no Secure flag');
  const csp = r.headers['content-security-policy'] as string;
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /script-src/, 'no scripts allowed at all');
  assert.equal(r.headers['x-frame-options'], 'DENY');
  assert.equal(r.headers['referrer-policy'], 'no-referrer');
  assert.equal(r.headers['cache-control'], 'no-store');
});

test('an unknown email and a wrong password get the same status and the same page', async () => {
  const { email } = await newUser();
  const a = new PageClient(t.app);
  const b = new PageClient(t.app);
  const wrongPassword = await a.signIn(email, 'not-the-password');
  const unknownEmail = await b.signIn('nobody@example.test', 'not-the-password');
  assert.equal(wrongPassword.status, 401);
  assert.equal(unknownEmail.status, 401);
  assert.match(wrongPassword.body, /The email or the password is not right\./);
  assert.equal(withoutCsrf(wrongPassword.body).replace(email, 'X'), withoutCsrf(unknownEmail.body).replace('nobody@example.test', 'X'));
  assert.equal(a.cookies.has('orator_session'), false);
  assert.equal(b.cookies.has('orator_session'), false);
});

test('a form post without the CSRF token, with a forged one, or with another browser’s is refused', async () => {
  const { email, password } = await newUser();
  const browser = new PageClient(t.app);
  await browser.get('/sign-in');
  for (const token of [null, 'forged-token', new PageClient(t.app).csrf ?? 'x']) {
    const r = await browser.post('/sign-in', { _csrf: token, email, password });
    assert.equal(r.status, 403, `token ${String(token)}`);
    assert.match(r.body, /This form has expired or did not come from this site/);
    assert.equal(browser.cookies.has('orator_session'), false, 'no session without a valid token');
  }
  const other = new PageClient(t.app);
  await other.get('/sign-in');
  const stolen = await browser.post('/sign-in', { _csrf: other.csrf!, email, password });
  assert.equal(stolen.status, 403, 'a token is only good with its own cookie');
  assert.equal((await browser.signIn(email, password)).status, 303);
});

test('sign-in sets a new httpOnly Lax session cookie, ends the old session, and follows only local next links', async () => {
  const { email, password } = await newUser();
  const browser = new PageClient(t.app);
  const first = await browser.signIn(email, password, '/account/password');
  assert.equal(first.status, 303);
  assert.equal(first.location, '/account/password');
  assert.match(String(first.headers['set-cookie']), /orator_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/);
  const before = browser.cookies.get('orator_session')!;
  // Signing in again from a signed-in page (its form token is bound to the current session).
  await browser.get('/account');
  const again = await browser.post('/sign-in', { email, password, next: '//evil.example/steal' });
  assert.equal(again.location, '/account', 'a protocol-relative next link is not followed');
  const after = browser.cookies.get('orator_session')!;
  assert.notEqual(after, before, 'rotated at sign-in');
  const stale = await t.app.inject({ method: 'GET', url: '/v3/users/me', headers: { cookie: `orator_session=${before}` } });
  assert.equal(stale.statusCode, 401, 'the session from before sign-in is gone');
  assert.equal((await browser.api('GET', '/v3/users/me')).statusCode, 200);
});

test('pages that need a person redirect to sign-in and come back afterwards', async () => {
  const browser = new PageClient(t.app);
  for (const url of ['/account', '/account/password']) {
    const r = await browser.get(url);
    assert.equal(r.status, 303);
    assert.equal(r.location, `/sign-in?next=${encodeURIComponent(url)}`);
  }
  const post = await browser.post('/account/password', { current_password: 'x', new_password: 'y', confirm_password: 'y' });
  assert.equal(post.status, 403, 'a post without a valid token is refused before anything else');
  const { email, password } = await newUser();
  assert.equal((await browser.signIn(email, password, '/account/password')).location, '/account/password');
  assert.match((await browser.get('/account')).body, /Signed in as <strong>Person \d+<\/strong>/);
  assert.match((await browser.get('/account')).body, /<a href="\/">Open the dashboard<\/a>/, 'the account page leads to the dashboard');
});

test('sign-out: a post with the token ends the session and clears the cookie; a bare GET changes nothing', async () => {
  const { email, password } = await newUser();
  const browser = new PageClient(t.app);
  await browser.signIn(email, password);
  const session = browser.cookies.get('orator_session')!;
  const confirm = await browser.get('/sign-out');
  assert.equal(confirm.status, 200, 'GET only shows the button');
  assert.equal((await browser.api('GET', '/v3/users/me')).statusCode, 200);
  assert.equal((await browser.post('/sign-out', { _csrf: null })).status, 403);
  const out = await browser.post('/sign-out', {});
  assert.equal(out.status, 303);
  assert.equal(out.location, '/sign-in?notice=signed_out');
  assert.equal(browser.cookies.has('orator_session'), false, 'cookie cleared');
  const old = await t.app.inject({ method: 'GET', url: '/v1/user/me', headers: { cookie: `orator_session=${session}` } });
  assert.equal(old.statusCode, 401, 'the session is gone on the server, not just in the browser');
  assert.match((await browser.get('/sign-in?notice=signed_out')).body, /You are signed out\./);
});

test('password change: the current password is checked, the new one confirmed, every session ends, the new one works', async () => {
  const { email, password } = await newUser();
  const browser = new PageClient(t.app);
  const elsewhere = new PageClient(t.app);
  await browser.signIn(email, password);
  await elsewhere.signIn(email, password);
  await browser.get('/account/password');
  assert.equal((await browser.post('/account/password', { current_password: 'wrong-password', new_password: 'brand-new-password', confirm_password: 'brand-new-password' })).status, 401);
  await browser.get('/account/password');
  const mismatch = await browser.post('/account/password', { current_password: password, new_password: 'brand-new-password', confirm_password: 'brand-new-passwore' });
  assert.equal(mismatch.status, 400);
  assert.match(mismatch.body, /The two new passwords are not the same/);
  await browser.get('/account/password');
  const short = await browser.post('/account/password', { current_password: password, new_password: 'short', confirm_password: 'short' });
  assert.equal(short.status, 400);
  assert.match(short.body, /The new password must be at least 10 characters long/);
  await browser.get('/account/password');
  const before = browser.cookies.get('orator_session');
  const changed = await browser.post('/account/password', { current_password: password, new_password: 'brand-new-password', confirm_password: 'brand-new-password' });
  assert.equal(changed.status, 303);
  assert.equal(changed.location, '/account?notice=password_changed');
  assert.notEqual(browser.cookies.get('orator_session'), before, 'this browser gets a fresh session');
  assert.equal((await browser.api('GET', '/v3/users/me')).statusCode, 200);
  assert.equal((await elsewhere.api('GET', '/v3/users/me')).statusCode, 401, 'other browsers are signed out');
  // Five attempts on the account so far (two sign-ins, two password checks): this is the last one allowed.
  assert.equal((await new PageClient(t.app).signIn(email, 'brand-new-password')).status, 303);
});

test('brute force: attempts on one account are throttled (429, Retry-After) even from many addresses, right password included', async () => {
  const { email, password } = await newUser();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await new PageClient(t.app).signIn(email, `guess-${i}-wrong`)).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
  const blocked = await new PageClient(t.app).signIn(email, password);
  assert.equal(blocked.status, 429, 'while throttled the right password does not get in either');
  assert.ok(Number(blocked.headers['retry-after']) >= 1);
  assert.match(blocked.body, /Too many sign-in attempts\. Wait \d+ seconds/);
});

test('brute force: one address trying many accounts is throttled too', async () => {
  const browser = new PageClient(t.app);
  const statuses = new Set<number>();
  for (let i = 0; i < 31; i++) statuses.add((await browser.signIn(`spray-${i}@example.test`, 'Winter2024!')).status);
  assert.deepEqual([...statuses], [401, 429]);
  const { email, password } = await newUser();
  assert.equal((await browser.signIn(email, password)).status, 429, 'the address stays throttled for any account');
  assert.equal((await new PageClient(t.app).signIn(email, password)).status, 303, 'another address is not affected');
});
