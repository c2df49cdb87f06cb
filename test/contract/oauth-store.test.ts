// The OAuth storage on SQLite and Postgres (fresh schema per run): oidc-provider's adapter contract
// (find, uid lookups, consume keeping the row, revocation by grant), the space kept beside a grant's
// payload, the lists Orator reads, purging; then the whole authorization flow on Postgres.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { SqlOAuthStore } from '../../src/db/sql-oauth-store.js';
import { loadOrCreateServerValue } from '../../src/db/sql-server-values.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';
import { openPgSchema, type PgSchemaFixture } from '../support/pg-schema-fixture.js';
import { PageClient } from '../support/page-client.js';
import { composeTestPlatform, type ComposedTestPlatform } from '../support/test-platform.js';
import { bearer, exchangeCode, obtainCode, registerPublicClient, tokenRequest } from '../support/oauth-test-client.js';

const T0 = 1_700_000_000_000;
type Opened = { db: Kysely<Database>; close(): Promise<void> };

function describeOAuthStore(name: string, open: () => Promise<Opened | string>): void {
  describe(`OAuth store: ${name}`, () => {
    let handle: Opened | undefined;
    let skip: string | undefined;
    before(async () => {
      const opened = await open();
      if (typeof opened === 'string') skip = opened;
      else handle = opened;
    });
    after(async () => handle?.close());
    const test = (title: string, fn: (store: SqlOAuthStore, db: Kysely<Database>) => Promise<void>) =>
      it(title, async (ctx) => {
        if (!handle) return ctx.skip(skip ?? 'adapter unavailable');
        await fn(new SqlOAuthStore(handle.db), handle.db);
      });

    test('upsert, find, find by uid; a re-save replaces the payload and keeps the consent-time space', async (store) => {
      await store.upsert('Grant', 'g1', { accountId: 'u1', clientId: 'c1', openid: { scope: 'read write' } }, T0 + 1000, T0);
      await store.setGrantSpace('g1', 'space_a');
      await store.upsert('Grant', 'g1', { accountId: 'u1', clientId: 'c1', openid: { scope: 'read' } }, T0 + 2000, T0 + 10);
      assert.deepEqual(await store.find('Grant', 'g1'), { accountId: 'u1', clientId: 'c1', openid: { scope: 'read' } });
      assert.equal(await store.grantSpace('g1'), 'space_a');
      assert.deepEqual(await store.listGrantsOf('u1'), [{ grantId: 'g1', clientId: 'c1', userId: 'u1', spaceId: 'space_a', scope: 'read', createdAt: T0 }]);
      await store.upsert('Session', 's1', { uid: 'uid-1', accountId: 'u1' }, T0 + 1000, T0);
      assert.deepEqual(await store.findByUid('Session', 'uid-1'), { uid: 'uid-1', accountId: 'u1' });
      assert.equal(await store.findByUid('Interaction', 'uid-1'), undefined, 'lookups are per model');
      assert.equal(await store.find('Grant', 'nope'), undefined);
    });

    test('consume marks the row and keeps it (a replay is recognised); the first consumption time stays', async (store) => {
      await store.upsert('AuthorizationCode', 'code1', { grantId: 'g2', clientId: 'c1' }, T0 + 60_000, T0);
      await store.consume('AuthorizationCode', 'code1', T0 + 5000);
      await store.consume('AuthorizationCode', 'code1', T0 + 9000);
      assert.deepEqual(await store.find('AuthorizationCode', 'code1'), { grantId: 'g2', clientId: 'c1', consumed: Math.floor((T0 + 5000) / 1000) });
    });

    test('revokeByGrantId removes that model’s rows of the grant only; deleteGrant removes the grant and all its tokens', async (store) => {
      await store.upsert('Grant', 'g3', { accountId: 'u3', clientId: 'c3' }, null, T0);
      await store.upsert('AccessToken', 'at3', { grantId: 'g3', accountId: 'u3' }, T0 + 1000, T0);
      await store.upsert('RefreshToken', 'rt3', { grantId: 'g3', accountId: 'u3' }, T0 + 1000, T0);
      await store.upsert('AccessToken', 'at4', { grantId: 'g4', accountId: 'u3' }, T0 + 1000, T0);
      await store.revokeByGrantId('AccessToken', 'g3');
      assert.equal(await store.find('AccessToken', 'at3'), undefined);
      assert.ok(await store.find('RefreshToken', 'rt3'));
      assert.ok(await store.find('AccessToken', 'at4'));
      await store.deleteGrant('g3');
      assert.equal(await store.find('RefreshToken', 'rt3'), undefined);
      assert.equal(await store.find('Grant', 'g3'), undefined);
      assert.ok(await store.find('AccessToken', 'at4'));
    });

    test('clients: owned by a space, listed there, deleted only by it with everything they hold; metadata replaced', async (store) => {
      await store.upsert('Client', 'cl1', { client_id: 'cl1', client_name: 'One' }, null, T0);
      await store.setClientOwner('cl1', 'space_a');
      await store.upsert('Grant', 'g5', { accountId: 'u5', clientId: 'cl1' }, null, T0);
      await store.upsert('AccessToken', 'at5', { grantId: 'g5', clientId: 'cl1' }, T0 + 1000, T0);
      assert.deepEqual((await store.listClientsOwnedBy('space_a')).map((c) => [c.clientId, c.ownerSpaceId, c.metadata.client_name]), [['cl1', 'space_a', 'One']]);
      await store.updateClientMetadata('cl1', { client_id: 'cl1', client_name: 'Renamed' });
      assert.equal((await store.findClient('cl1'))?.metadata.client_name, 'Renamed');
      assert.equal(await store.deleteOwnedClient('space_b', 'cl1'), false);
      assert.equal(await store.deleteOwnedClient('space_a', 'cl1'), true);
      assert.equal(await store.findClient('cl1'), undefined);
      assert.equal(await store.find('AccessToken', 'at5'), undefined);
      assert.equal(await store.find('Grant', 'g5'), undefined);
    });

    test('purgeExpired removes rows expired before the cut-off and never rows without expiry', async (store) => {
      await store.upsert('AccessToken', 'old', { grantId: 'g6' }, T0 - 1, T0 - 10);
      await store.upsert('AccessToken', 'fresh', { grantId: 'g6' }, T0 + 1, T0 - 10);
      await store.upsert('Client', 'forever', { client_id: 'forever' }, null, T0 - 10);
      assert.ok((await store.purgeExpired(T0)) >= 1);
      assert.equal(await store.find('AccessToken', 'old'), undefined);
      assert.ok(await store.find('AccessToken', 'fresh'));
      assert.ok(await store.findClient('forever'));
    });

    test('generated server values: made once, then the same for every caller', async (_store, db) => {
      let made = 0;
      const make = () => `value-${++made}`;
      const [a, b] = await Promise.all([loadOrCreateServerValue(db, 'oauth-test-value', make), loadOrCreateServerValue(db, 'oauth-test-value', make)]);
      assert.equal(a, b);
      assert.equal(await loadOrCreateServerValue(db, 'oauth-test-value', make), a);
    });
  });
}

describeOAuthStore('SQLite', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-oauth-store-'));
  const database = await openMigratedDatabase({ databaseUrl: undefined, dataDir: dir });
  return { db: database.db, close: async () => { await database.close(); await fsp.rm(dir, { recursive: true, force: true }); } };
});

describeOAuthStore('Postgres', async () => {
  const pg = await openPgSchema();
  if (typeof pg === 'string') return pg;
  const database = await openMigratedDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() });
  return { db: database.db, close: async () => { await database.close(); await pg.drop(); } };
});

describe('the authorization flow on Postgres', () => {
  let pg: PgSchemaFixture | string;
  let platform: ComposedTestPlatform | undefined;
  let dataDir: string;
  before(async () => {
    pg = await openPgSchema();
    if (typeof pg === 'string') return;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-oauth-pg-'));
    platform = await composeTestPlatform({ dataDir, env: { ORATOR_DATABASE_URL: pg.url }, startWorkers: false });
    await platform.platform.users.createUser({ email: 'ada@example.test', name: 'Ada Lovelace', password: 'analytical-engine' });
  });
  after(async () => {
    await platform?.stop();
    if (typeof pg !== 'string') await pg.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('register, authorize with PKCE, exchange, call the API, refresh, and a reused refresh token revokes the family', async (ctx) => {
    if (!platform) return ctx.skip(typeof pg === 'string' ? pg : 'Postgres unavailable');
    const app = platform.app;
    const page = new PageClient(app);
    assert.equal((await page.signIn('ada@example.test', 'analytical-engine')).status, 303);
    const client = await registerPublicClient(app);
    const tokens = (await exchangeCode(app, client.client_id, await obtainCode(page, client.client_id))).json();
    assert.equal(tokens.expires_in, 864000);
    assert.equal((await app.inject({ method: 'GET', url: '/v3/users/me', headers: bearer(tokens.access_token) })).json().data.email, 'ada@example.test');
    const refresh = (rt: string) => tokenRequest(app, { grant_type: 'refresh_token', refresh_token: rt, client_id: client.client_id });
    const next = await refresh(tokens.refresh_token);
    assert.equal(next.statusCode, 200, next.body);
    assert.equal((await refresh(tokens.refresh_token)).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/v1/video.list', headers: bearer(next.json().access_token) })).json().code, 401057);
    const keys = await platform.platform.database.db.selectFrom('server_secrets').select('name').where('name', 'like', 'oauth-%').execute();
    assert.deepEqual(keys.map((k) => k.name).sort(), ['oauth-cookie-signing', 'oauth-signing-jwks'], 'keys made at first use, kept in the database');
  });
});
