// Postgres restarting under Orator, played by a TCP proxy that resets every connection and refuses new
// ones (the shared server is never touched): the pool must not crash the process (pg emits 'error' for
// idle and checked-out clients alike), a query during the cut fails fast as a connection failure, the
// pool reconnects by itself, and the LISTEN connection of the Postgres queue LISTENs again and wakes
// workers on the next NOTIFY.
import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/create-database.js';
import { isConnectionFailure } from '../../src/domain/dependency-outage.js';
import { PgJobQueue } from '../../src/jobs/pg-job-queue.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../support/tcp-fault-proxy.js';
import { openPgSchema, type PgSchemaFixture } from '../support/pg-schema-fixture.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';
import { waitUntil as waitUntilWithin } from '../support/wait-until.js';

// Reconnects with backoff can take longer than the usual 10 s.
const waitUntil = (what: string, ok: () => boolean) => waitUntilWithin(what, ok, 15_000);

describe('Postgres connections through a restart', { timeout: 60_000 }, () => {
  let fx: PgSchemaFixture | string;
  let proxy: TcpFaultProxy;
  let proxied: DatabaseHandle;
  let direct: DatabaseHandle;
  let proxiedUrl: string;
  const logs: string[] = [];

  before(async () => {
    fx = await openPgSchema();
    if (typeof fx === 'string') return;
    const u = new URL(fx.url);
    proxy = await startTcpFaultProxy({ host: u.hostname, port: Number(u.port || 5432) });
    u.port = String(proxy.port);
    proxiedUrl = u.toString();
    direct = await openMigratedDatabase({ databaseUrl: fx.url, dataDir: os.tmpdir() });
    proxied = await createDatabase({ databaseUrl: proxiedUrl, dataDir: os.tmpdir(), log: (msg) => logs.push(msg) });
  });
  after(async () => {
    if (typeof fx === 'string') return;
    await proxied.close();
    await direct.close();
    await proxy.close();
    await fx.drop();
  });

  test('the pool survives the cut, fails fast during it and reconnects after it', async (t) => {
    if (typeof fx === 'string') return t.skip(fx);
    // Several idle connections in the pool, and one checked out mid-transaction when the cut lands.
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(proxied.db)));
    let inTransaction: Promise<unknown> | undefined;
    const entered = new Promise<void>((resolve) => {
      inTransaction = proxied.db
        .transaction()
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          resolve();
          await new Promise((r) => setTimeout(r, 300)); // the cut lands between two statements
          await sql`select 2`.execute(trx);
        })
        .then(
          () => 'committed',
          (err: unknown) => err,
        );
    });
    await entered;
    await proxy.cut();
    const inFlight = await inTransaction;
    assert.ok(isConnectionFailure(inFlight), `the transaction failed as an outage: ${String(inFlight)}`);

    const started = Date.now();
    const during = await sql`select 1`.execute(proxied.db).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(during, 'a query during the cut fails');
    assert.ok(isConnectionFailure(during), String(during));
    assert.ok(Date.now() - started < 6000, `failed in ${Date.now() - started} ms`);

    await proxy.restore();
    const r = await sql<{ one: number }>`select 1 as one`.execute(proxied.db);
    assert.equal(r.rows[0]!.one, 1, 'reconnected by itself');
    assert.ok(logs.some((m) => m.startsWith('Postgres connection lost')), logs.join(' | '));
    assert.ok(logs.some((m) => m === 'Postgres reachable again'), logs.join(' | '));
  });

  test('the LISTEN connection LISTENs again after the cut and wakes on the next NOTIFY', async (t) => {
    if (typeof fx === 'string') return t.skip(fx);
    const listening = new PgJobQueue(proxied.db, proxiedUrl);
    const notifying = new PgJobQueue(direct.db, fx.url);
    let wakes = 0;
    const off = listening.onEnqueued(() => (wakes += 1));
    try {
      await waitUntil('the first LISTEN', () => listening.listenCount === 1);
      notifying.notifyEnqueued();
      await waitUntil('a wake-up before the cut', () => wakes >= 2); // one at LISTEN, one for the NOTIFY
      await proxy.cut();
      await new Promise((r) => setTimeout(r, 1500)); // reconnects are refused meanwhile
      assert.equal(listening.listenCount, 1);
      await proxy.restore();
      await waitUntil('LISTEN again', () => listening.listenCount === 2);
      const before = wakes;
      notifying.notifyEnqueued();
      await waitUntil('a wake-up from a NOTIFY after the restart', () => wakes > before);
    } finally {
      off();
      await listening.close();
      await notifying.close();
    }
  });
});
