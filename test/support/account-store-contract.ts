// Account stores contract: users, memberships, sessions, invitations, per-space keys and generated
// secrets behave the same on SQLite and Postgres (case-insensitive unique email, "one owner stays" in
// the statements, compare-and-set acceptance, bigint timestamps as numbers).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { SqlApiKeyRepository } from '../../src/db/sql-api-key-repository.js';
import { SqlInvitationStore } from '../../src/db/sql-invitation-store.js';
import { SqlMembershipStore } from '../../src/db/sql-membership-store.js';
import { loadServerSecret } from '../../src/db/sql-server-secrets.js';
import { SqlSessionStore } from '../../src/db/sql-session-store.js';
import { SqlSpaceKeyStore } from '../../src/db/sql-space-key-store.js';
import { SqlUserStore } from '../../src/db/sql-user-store.js';

const T0 = 1_700_000_000_000;

export function describeAccountStoreContract(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> } | string>): void {
  describe(`Account stores: ${name}`, () => {
    let handle: { db: Kysely<Database>; close(): Promise<void> } | undefined;
    let skip: string | undefined;
    before(async () => {
      const opened = await open();
      if (typeof opened === 'string') skip = opened;
      else handle = opened;
    });
    after(async () => handle?.close());
    const test = (title: string, fn: (db: Kysely<Database>) => Promise<void>) =>
      it(title, async (ctx) => {
        if (!handle) return ctx.skip(skip ?? 'adapter unavailable');
        await fn(handle.db);
      });
    const user = (id: string, email: string) => ({ id, email, displayName: `N ${id}`, passwordHash: `$argon2id$${id}`, createdAt: T0, updatedAt: T0 });

    test('users: one account per email whatever its letter case; timestamps are numbers', async (db) => {
      const users = new SqlUserStore(db);
      assert.equal(await users.insertIfEmailFree(user('u1', 'Ada@Example.com')), true);
      assert.equal(await users.insertIfEmailFree(user('u2', 'ada@EXAMPLE.com')), false);
      assert.deepEqual(await users.findByEmail(' ADA@example.COM '), user('u1', 'Ada@Example.com'));
      assert.equal(typeof (await users.findById('u1'))?.createdAt, 'number');
      assert.equal(await users.count(), 1);
      assert.equal(await users.setPasswordHash('u1', '$argon2id$new', T0 + 5), true);
      assert.equal((await users.findById('u1'))?.passwordHash, '$argon2id$new');
      assert.equal((await users.list())[0]?.hasOwnProperty('passwordHash'), false, 'lists carry no hashes');
    });

    test('memberships: joins with the space name, oldest first; the last owner cannot be demoted or removed', async (db) => {
      const users = new SqlUserStore(db);
      const m = new SqlMembershipStore(db);
      for (const [id, email] of [['m1', 'm1@x.test'], ['m2', 'm2@x.test']]) await users.insertIfEmailFree(user(id!, email!));
      await m.ensureSpace({ id: 'sa', name: 'Space A' }, T0);
      await m.ensureSpace({ id: 'sb', name: 'Space B' }, T0);
      assert.equal(await m.add({ spaceId: 'sa', userId: 'm1', role: 'owner', createdAt: T0 }), true);
      assert.equal(await m.add({ spaceId: 'sa', userId: 'm1', role: 'member', createdAt: T0 + 1 }), false, 'already a member: kept');
      await m.add({ spaceId: 'sb', userId: 'm1', role: 'member', createdAt: T0 + 2 });
      await m.add({ spaceId: 'sa', userId: 'm2', role: 'member', createdAt: T0 + 3 });
      assert.deepEqual((await m.listForUser('m1')).map((x) => `${x.spaceName}:${x.role}`), ['Space A:owner', 'Space B:member']);
      assert.deepEqual((await m.listForSpace('sa')).map((x) => `${x.email}:${x.role}`), ['m1@x.test:owner', 'm2@x.test:member']);
      assert.equal(await m.setRole('sa', 'm1', 'admin'), false, 'the only owner stays owner');
      assert.equal(await m.remove('sa', 'm1'), false, 'and stays a member');
      assert.equal(await m.setRole('sa', 'm2', 'owner'), true);
      assert.equal(await m.setRole('sa', 'm1', 'admin'), true, 'with another owner it may step down');
      assert.equal(await m.remove('sa', 'm2'), false, 'now m2 is the last owner');
      assert.equal(await m.remove('sa', 'nobody'), false);
      assert.equal((await m.find('m1', 'sa'))?.role, 'admin');
      assert.equal(await m.find('m2', 'sb'), undefined);
    });

    test('sessions: found by token hash, ended one, all-but-one, or when expired', async (db) => {
      await new SqlUserStore(db).insertIfEmailFree(user('s1', 's1@x.test'));
      const s = new SqlSessionStore(db);
      for (const [id, exp] of [['a', T0 + 100], ['b', T0 + 200], ['c', T0 + 300]] as const) {
        await s.insert({ id, tokenHash: `h-${id}`, userId: 's1', spaceId: null, createdAt: T0, expiresAt: exp });
      }
      assert.deepEqual(await s.findByTokenHash('h-b'), { id: 'b', tokenHash: 'h-b', userId: 's1', spaceId: null, createdAt: T0, expiresAt: T0 + 200 });
      await s.setSpace('b', 'sa');
      assert.equal((await s.findByTokenHash('h-b'))?.spaceId, 'sa');
      assert.equal(await s.deleteExpired(T0 + 100), 1);
      assert.equal(await s.deleteForUser('s1', 'c'), 1);
      assert.ok(await s.findByTokenHash('h-c'));
      assert.equal(await s.findByTokenHash('h-b'), undefined);
    });

    test('invitations: accepted once, never after revocation or expiry; revoked only in their space', async (db) => {
      const m = new SqlMembershipStore(db);
      await m.ensureSpace({ id: 'si', name: 'Inv' }, T0);
      const inv = new SqlInvitationStore(db);
      const base = { spaceId: 'si', role: 'member' as const, email: null, createdBy: 'u1', createdAt: T0, acceptedAt: null, acceptedBy: null, revokedAt: null };
      await inv.insert({ ...base, id: 'i1', expiresAt: T0 + 1000 });
      await inv.insert({ ...base, id: 'i2', expiresAt: T0 + 1000, createdAt: T0 + 1 });
      await inv.insert({ ...base, id: 'i3', expiresAt: T0 + 10, createdAt: T0 + 2 });
      assert.equal(await inv.markAccepted('i1', 'u9', T0 + 5), true);
      assert.equal(await inv.markAccepted('i1', 'u8', T0 + 6), false, 'single use');
      assert.equal(await inv.revoke('other-space', 'i2', T0 + 5), false);
      assert.equal(await inv.revoke('si', 'i2', T0 + 5), true);
      assert.equal(await inv.markAccepted('i2', 'u9', T0 + 6), false, 'revoked');
      assert.equal(await inv.markAccepted('i3', 'u9', T0 + 10), false, 'expired');
      assert.deepEqual((await inv.listForSpace('si', 10)).map((i) => i.id), ['i3', 'i2', 'i1']);
      const i1 = await inv.find('i1');
      assert.equal(i1?.acceptedAt, T0 + 5);
      assert.equal(i1?.acceptedBy, 'u9');
      assert.equal(typeof i1?.expiresAt, 'number');
    });

    test('API keys per space: listed and revoked within their space only', async (db) => {
      const keys = new SqlApiKeyRepository(db);
      await keys.ensureSpace({ id: 'k1', name: 'K1' }, T0);
      await keys.ensureSpace({ id: 'k2', name: 'K2' }, T0);
      await keys.insert({ id: 'key-a', spaceId: 'k1', hash: 'ha', prefix: 'pa', name: 'a', createdAt: T0 });
      await keys.insert({ id: 'key-b', spaceId: 'k2', hash: 'hb', prefix: 'pb', name: null, createdAt: T0 + 1 });
      const store = new SqlSpaceKeyStore(db);
      assert.deepEqual((await store.listInSpace('k1')).map((k) => k.id), ['key-a']);
      assert.equal(await store.revokeInSpace('k1', 'key-b', T0 + 2), false);
      assert.equal(await store.revokeInSpace('k2', 'key-b', T0 + 2), true);
      assert.equal(await store.revokeInSpace('k2', 'key-b', T0 + 3), false);
      assert.equal((await store.listInSpace('k2'))[0]?.revokedAt, T0 + 2);
    });

    test('generated secrets: made once, the same on every later load and for concurrent first loads', async (db) => {
      const [a, b] = await Promise.all([loadServerSecret(db, 'test-secret'), loadServerSecret(db, 'test-secret')]);
      assert.equal(a, b);
      assert.ok(a.length >= 40);
      assert.equal(await loadServerSecret(db, 'test-secret'), a);
      assert.notEqual(await loadServerSecret(db, 'another-secret'), a);
    });
  });
}
