// The rules behind sign-in and invitations with a controlled clock and a counting hasher (on SQLite):
// an unknown email costs a password verification like a wrong password, sessions expire, invitation
// links expire and are bound to what was signed; plus the HTML escaping and `next` checks of the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInvitationSigner } from '../../src/auth/invitation-tokens.js';
import { argon2PasswordHasher } from '../../src/auth/argon2-password-hasher.js';
import { html, escapeHtml } from '../../src/api/pages/html.js';
import { safeNext } from '../../src/api/pages/page-scope.js';
import { SqlInvitationStore } from '../../src/db/sql-invitation-store.js';
import { SqlMembershipStore } from '../../src/db/sql-membership-store.js';
import { SqlSessionStore } from '../../src/db/sql-session-store.js';
import { SqlUserStore } from '../../src/db/sql-user-store.js';
import type { DatabaseHandle } from '../../src/db/create-database.js';
import type { RateLimiter } from '../../src/services/ports.js';
import { createSpaceService } from '../../src/services/spaces/space-service.js';
import type { PasswordHasher } from '../../src/services/users/user-ports.js';
import { createUserService } from '../../src/services/users/user-service.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';

let database: DatabaseHandle;
let dir: string;
before(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-account-rules-'));
  database = await openMigratedDatabase({ databaseUrl: undefined, dataDir: dir });
});
after(async () => {
  await database.close();
  await fsp.rm(dir, { recursive: true, force: true });
});

const clock = { t: 1_800_000_000_000, now() { return this.t; } };
const unlimited: RateLimiter = { take: () => 0, close: async () => {} };

function countingHasher(): PasswordHasher & { verified: string[] } {
  const verified: string[] = [];
  return {
    verified,
    hash: async (p) => `plain:${p}`,
    verify: async (h, p) => {
      verified.push(h);
      return h === `plain:${p}`;
    },
  };
}

function services(hasher: PasswordHasher) {
  const db = database.db;
  const common = { users: new SqlUserStore(db), memberships: new SqlMembershipStore(db), hasher, clock };
  const users = createUserService({ ...common, sessions: new SqlSessionStore(db), sessionTtlMs: 60_000, accountAttempts: unlimited, addressAttempts: unlimited });
  const spaces = createSpaceService({
    ...common,
    invitations: new SqlInvitationStore(db),
    signer: createInvitationSigner('k'.repeat(43)),
    publicUrl: 'https://orator.example',
    defaultTtlMs: 3_600_000,
    apiKeys: { create: async () => assert.fail('not used'), list: async () => [], revoke: async () => false },
  });
  return { users, spaces };
}

test('an unknown email is checked against a dummy hash, like a wrong password; both are refused alike', async () => {
  const hasher = countingHasher();
  const { users } = services(hasher);
  await users.createUser({ email: 'first@example.test', name: 'First', password: 'first-password' });
  const wrong = await users.signIn({ email: 'first@example.test', password: 'nope-nope-nope', address: 'a' });
  const unknown = await users.signIn({ email: 'ghost@example.test', password: 'nope-nope-nope', address: 'a' });
  assert.deepEqual([wrong, unknown], [{ kind: 'refused' }, { kind: 'refused' }]);
  assert.equal(hasher.verified.length, 2, 'one verification each');
  assert.equal(hasher.verified[0], 'plain:first-password');
  assert.match(hasher.verified[1]!, /^plain:/, 'the unknown email was verified against a real (dummy) hash');
  assert.notEqual(hasher.verified[1], hasher.verified[0]);
  const huge = await users.signIn({ email: 'first@example.test', password: 'first-password' + 'x'.repeat(10_000), address: 'a' });
  assert.equal(huge.kind, 'refused', 'an over-long password is refused, after the same one verification');
});

test('a session ends when it expires', async () => {
  const { users } = services(countingHasher());
  const ok = await users.signIn({ email: 'first@example.test', password: 'first-password', address: 'a' });
  assert.equal(ok.kind, 'signed_in');
  if (ok.kind !== 'signed_in') return;
  assert.equal((await users.whoIsSignedIn(ok.token))?.user.email, 'first@example.test');
  clock.t += 60_001;
  assert.equal(await users.whoIsSignedIn(ok.token), null);
  assert.equal(await users.whoIsSignedIn(ok.token), null, 'and is gone from the store');
});

test('invitation links expire; the signature covers the id and the expiry', async () => {
  const { users, spaces } = services(countingHasher());
  const [owner] = await users.listUsers();
  const made = await spaces.createInvitation({ userId: owner!.id }, 'space_default', { role: 'member', expiresInHours: 1 });
  const token = made.url.split('/invitations/')[1]!;
  assert.equal((await spaces.openInvitation(token)).kind, 'open');
  clock.t += 3_600_000;
  assert.deepEqual(await spaces.openInvitation(token), { kind: 'unusable', reason: 'expired' });
  await assert.rejects(spaces.registerWithInvitation(token, { email: 'late@example.test', name: 'Late', password: 'late-password' }), /expired/);
  assert.equal((await users.listUsers()).some((u) => u.email === 'late@example.test'), false, 'no account is made from a dead link');
  const signer = createInvitationSigner('k'.repeat(43));
  const other = createInvitationSigner('z'.repeat(43));
  const signed = signer.sign('inv_' + 'a'.repeat(32), 12345);
  assert.deepEqual(signer.verify(signed), { id: 'inv_' + 'a'.repeat(32), expiresAt: 12345 });
  assert.equal(other.verify(signed), null, 'another install’s key');
  assert.equal(signer.verify(signed.replace('.9ix.', '.9iy.')), null);
  assert.equal(signer.verify('inv_x.1.abc'), null);
});

test('argon2id: PHC strings, verification, a malformed hash refused', async () => {
  const phc = await argon2PasswordHasher.hash('correct horse battery staple');
  assert.match(phc, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await argon2PasswordHasher.verify(phc, 'correct horse battery staple'), true);
  assert.equal(await argon2PasswordHasher.verify(phc, 'correct horse battery stapler'), false);
  assert.equal(await argon2PasswordHasher.verify('not-a-hash', 'x'), false);
});

test('pages: interpolated text is escaped; only same-site next links are followed', () => {
  assert.equal(html`<p title="${'"><script>'}">${'<b>&</b>'}</p>`.markup, '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;&lt;/b&gt;</p>');
  assert.equal(html`<ul>${['<i>', html`<li>ok</li>`]}</ul>`.markup, '<ul>&lt;i&gt;<li>ok</li></ul>');
  assert.equal(escapeHtml(`'`), '&#39;');
  assert.equal(safeNext('/oauth/authorize?client_id=a&state=b'), '/oauth/authorize?client_id=a&state=b');
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'evil', '/\tx', '', undefined, 42]) assert.equal(safeNext(bad), null, String(bad));
});
