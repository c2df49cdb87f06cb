// Repository contract: the SQL repositories behave the same on SQLite and Postgres (types of
// bigint/double columns, NULL handling, paging order, compare-and-set transitions, upserts).
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { SqlApiKeyRepository } from '../../src/db/sql-api-key-repository.js';
import { SqlAssetStore } from '../../src/db/sql-asset-store.js';
import type { AssetRecord } from '../../src/services/assets/asset-ports.js';
import { SqlTemplateStore } from '../../src/db/sql-template-store.js';
import { SqlBatchStore } from '../../src/db/sql-batch-store.js';
import type { TemplateRecord } from '../../src/services/templates/template-ports.js';
import { SqlUnitOfWork } from '../../src/db/sql-unit-of-work.js';
import { SqlVideoRepository } from '../../src/db/sql-video-repository.js';
import type { NewVideo } from '../../src/services/ports.js';
import type { CommittedReader } from '../../src/db/sqlite-committed-reader.js';
import { SUMMARY_COLUMNS, summaryRowFromValues } from '../../src/db/sql-video-repository.js';

export interface RepositoriesUnderTest {
  db: Kysely<Database>;
  /** Embedded SQLite's committed-data reader, which serves the status lookup. */
  reader?: CommittedReader;
  close(): Promise<void>;
}

const T0 = 1_700_000_000_000; // beyond 2^31: bigint columns must come back as numbers

function newVideo(id: string, spaceId: string, createdAt: number): NewVideo {
  return {
    id,
    spaceId,
    title: `t-${id}`,
    callbackId: null,
    callbackUrl: 'https://example.test/cb',
    folderId: null,
    plan: { width: 128, height: 128, scenes: [] } as unknown as NewVideo['plan'],
    request: { raw: true, n: 1.5 },
    width: 128,
    height: 128,
    createdAt,
  };
}

export function describeRepositoryContract(name: string, open: () => Promise<RepositoriesUnderTest | string>): void {
  describe(`Repository contract: ${name}`, () => {
    let t: RepositoriesUnderTest | undefined;
    let skip: string | undefined;
    before(async () => {
      const opened = await open();
      if (typeof opened === 'string') skip = opened;
      else {
        t = opened;
        await new SqlApiKeyRepository(t.db).ensureSpace({ id: 'sp1', name: 'one' }, T0);
        await new SqlApiKeyRepository(t.db).ensureSpace({ id: 'sp2', name: 'two' }, T0);
      }
    });
    after(async () => t?.close());

    const test = (title: string, fn: (db: Kysely<Database>, reader: CommittedReader | undefined) => Promise<void>) =>
      it(title, async (ctx) => {
        if (!t) return ctx.skip(skip ?? 'adapter unavailable');
        await fn(t.db, t.reader);
      });

    test('videos: insert and read back with the same types', async (db, reader) => {
      const videos = new SqlVideoRepository(db, reader);
      await videos.insert(newVideo('a'.repeat(32), 'sp1', T0));
      const v = await videos.findInSpace('sp1', 'a'.repeat(32));
      assert.ok(v);
      assert.equal(v.status, 'pending');
      assert.equal(v.createdAt, T0);
      assert.equal(typeof v.createdAt, 'number');
      // The stored JSON columns come back through findById (summaries leave them out on purpose).
      const full = await videos.findById('a'.repeat(32));
      assert.deepEqual(full?.request, { raw: true, n: 1.5 });
      assert.equal('request' in v, false);
      assert.equal(v.completedAt, null);
      assert.equal(v.error, null);
      assert.equal(await videos.findInSpace('sp2', 'a'.repeat(32)), undefined, 'space isolation');
    });

    test('videos: compare-and-set transitions', async (db, reader) => {
      const videos = new SqlVideoRepository(db, reader);
      const id = 'b'.repeat(32);
      await videos.insert(newVideo(id, 'sp1', T0 + 1));
      const blobs = { video: 'v/video.mp4', captionVideo: null, thumbnail: 't.jpg', gif: 'p.gif', srt: 'c.srt', vtt: 'c.vtt' };
      const completion = { blobs, durationSec: 1.25, width: 128, height: 128, quality: { envelopeCorrelation: 0.5, avOffsetMs: 0 }, renderTimings: { speech: 120, visuals: 40, encode: 900 } };
      assert.equal(await videos.markCompleted(id, completion, T0 + 5), false, 'pending cannot complete');
      assert.equal(await videos.markProcessing(id), true);
      assert.equal(await videos.markProcessing(id), true, 'a retried attempt may re-enter processing');
      await videos.updateProgress(id, 42);
      assert.equal((await videos.findById(id))?.progress, 42);
      assert.equal(await videos.markCompleted(id, completion, T0 + 5), true);
      assert.equal(await videos.markCompleted(id, completion, T0 + 6), false, 'completes once');
      assert.equal(await videos.markFailed(id, { code: 1, message: 'x', detail: null }, T0 + 7), false);
      const done = await videos.findById(id);
      assert.equal(done?.status, 'completed');
      assert.equal(done?.durationSec, 1.25);
      assert.equal(done?.completedAt, T0 + 5);
      assert.deepEqual(done?.blobs, blobs);
      assert.deepEqual(done?.quality, completion.quality);
      assert.deepEqual(done?.renderTimings, completion.renderTimings, 'stage timings are stored with the video');
      assert.equal((await videos.listInSpace('sp1', 10))[0]?.hasOwnProperty('renderTimings'), false, 'listings do not read them');
    });

    test('videos: failure, soft delete and counts', async (db) => {
      const videos = new SqlVideoRepository(db);
      const id = 'c'.repeat(32);
      await videos.insert(newVideo(id, 'sp2', T0 + 2));
      assert.equal(await videos.markFailed(id, { code: 400140, message: 'bad', detail: 'why' }, T0 + 9), true);
      assert.deepEqual((await videos.findById(id))?.error, { code: 400140, message: 'bad', detail: 'why' });
      assert.equal(await videos.countInSpace('sp2'), 1);
      assert.equal((await videos.softDelete('sp1', id, T0 + 10)), undefined, 'another space cannot delete it');
      assert.equal((await videos.softDelete('sp2', id, T0 + 10))?.id, id);
      assert.equal(await videos.softDelete('sp2', id, T0 + 11), undefined);
      assert.equal(await videos.countInSpace('sp2'), 0);
      assert.equal((await videos.findById(id))?.deletedAt, T0 + 10);
    });

    test('videos: the status lookup sees every commit at once and nothing uncommitted', async (db, reader) => {
      const videos = new SqlVideoRepository(db, reader);
      const id = 'f'.repeat(32);
      await videos.insert(newVideo(id, 'sp1', T0 + 20));
      assert.equal((await videos.findInSpace('sp1', id))?.status, 'pending');
      assert.equal((await videos.findInSpace('sp1', id))?.status, 'pending', 'asked twice, answered the same');
      await videos.markProcessing(id);
      await videos.updateProgress(id, 37);
      const running = await videos.findInSpace('sp1', id);
      assert.equal(running?.status, 'processing');
      assert.equal(running?.progress, 37);
      const uow = new SqlUnitOfWork(db, () => undefined);
      await uow.transaction(async (tx) => {
        await tx.videos.updateProgress(id, 80);
        // SQLite's committed reader and Postgres's pool both read outside the open transaction.
        assert.equal((await videos.findInSpace('sp1', id))?.progress, 37, 'an open transaction is not seen');
      });
      assert.equal((await videos.findInSpace('sp1', id))?.progress, 80);
      assert.equal(await videos.findInSpace('sp2', id), undefined, 'space isolation');
      await videos.softDelete('sp1', id, T0 + 21);
      assert.equal(await videos.findInSpace('sp1', id), undefined, 'deleted at once');
      // The reader hands out values in SUMMARY_COLUMNS order; the row built from them names each one.
      assert.deepEqual(summaryRowFromValues([...SUMMARY_COLUMNS]), Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, c])));
    });

    test('videos: newest-first paging with a (createdAt, id) cursor and ties', async (db) => {
      const videos = new SqlVideoRepository(db);
      const ids = ['d1', 'd2', 'd3', 'd4', 'd5'].map((p) => p.padEnd(32, '0'));
      await new SqlApiKeyRepository(db).ensureSpace({ id: 'sp3', name: 'three' }, T0);
      for (const [i, id] of ids.entries()) await videos.insert(newVideo(id, 'sp3', T0 + 100 + (i < 2 ? 0 : i)));
      const seen: string[] = [];
      let page = await videos.listInSpace('sp3', 2);
      while (page.length > 0) {
        seen.push(...page.map((v) => v.id));
        const last = page.at(-1)!;
        page = await videos.listInSpace('sp3', 2, { createdAt: last.createdAt, id: last.id });
      }
      assert.deepEqual(seen, [ids[4], ids[3], ids[2], ids[1], ids[0]]);
    });

    test('assets: insert and read back with the same types, space isolation, delete', async (db) => {
      const assets = new SqlAssetStore(db);
      // Beyond 2^31 too: size_bytes is bigint.
      const a: AssetRecord = { id: 'as1'.padEnd(32, '0'), spaceId: 'sp1', name: 'clip.mp4', fileType: 'video', contentType: 'video/mp4', sizeBytes: 3_000_000_000, blobKey: 'assets/sp1/as1.mp4', createdAt: T0 };
      await assets.insert(a);
      const found = await assets.find('sp1', a.id);
      assert.deepEqual(found, a);
      assert.equal(typeof found?.sizeBytes, 'number');
      assert.equal(typeof found?.createdAt, 'number');
      assert.equal(await assets.find('sp2', a.id), undefined, 'space isolation');
      assert.deepEqual(await assets.list('sp2', 10), []);
      assert.equal(await assets.delete('sp2', a.id), false, 'another space cannot delete it');
      assert.ok(await assets.find('sp1', a.id));
      assert.equal(await assets.delete('sp1', a.id), true);
      assert.equal(await assets.delete('sp1', a.id), false);
      assert.equal(await assets.find('sp1', a.id), undefined);
    });

    test('assets: newest-first paging with a (createdAt, id) cursor and ties', async (db) => {
      const assets = new SqlAssetStore(db);
      await new SqlApiKeyRepository(db).ensureSpace({ id: 'sp4', name: 'four' }, T0);
      const ids = ['a1', 'a2', 'a3', 'a4', 'a5'].map((p) => p.padEnd(32, '0'));
      for (const [i, id] of ids.entries()) {
        await assets.insert({ id, spaceId: 'sp4', name: `${id}.png`, fileType: 'image', contentType: 'image/png', sizeBytes: 10 + i, blobKey: `assets/sp4/${id}.png`, createdAt: T0 + 100 + (i < 2 ? 0 : i) });
      }
      await assets.insert({ id: 'zz'.padEnd(32, '0'), spaceId: 'sp2', name: 'other.png', fileType: 'image', contentType: 'image/png', sizeBytes: 1, blobKey: 'assets/sp2/zz.png', createdAt: T0 + 500 });
      const seen: string[] = [];
      let page = await assets.list('sp4', 2);
      while (page.length > 0) {
        seen.push(...page.map((x) => x.id));
        const last = page.at(-1)!;
        page = await assets.list('sp4', 2, { createdAt: last.createdAt, id: last.id });
      }
      assert.deepEqual(seen, [ids[4], ids[3], ids[2], ids[1], ids[0]]);
    });

    test('templates: the document round-trips as JSON, space isolation, replace, delete', async (db) => {
      const templates = new SqlTemplateStore(db);
      const document = {
        name: 'Note',
        aspect_ratio: '9:16' as const,
        variables: [{ name: 'who', type: 'text' as const, default: { content: 'Zoë ✓ "quoted"' } }],
        scenes: [{ id: 's1', name: 'One', duration: { type: 'fixed' as const, seconds: 2.5 }, layers: [{ id: 'bg', type: 'shape' as const, box: { x: 0, y: 0, width: 1, height: 1 }, color: '#000000' }] }],
      };
      const tpl: TemplateRecord = { id: 'tp1'.padEnd(32, '0'), spaceId: 'sp1', name: 'Note', aspectRatio: '9:16', document, createdAt: T0, updatedAt: T0 };
      await templates.insert(tpl);
      const found = await templates.find('sp1', tpl.id);
      assert.deepEqual(found, tpl);
      assert.equal(typeof found?.updatedAt, 'number');
      assert.equal(await templates.find('sp2', tpl.id), undefined, 'space isolation');
      assert.equal(await templates.replace({ ...tpl, spaceId: 'sp2', name: 'stolen' }), false, 'another space cannot replace it');
      const replaced = { ...tpl, name: 'Note 2', aspectRatio: '1:1' as const, document: { ...document, name: 'Note 2', aspect_ratio: '1:1' as const }, updatedAt: T0 + 9 };
      assert.equal(await templates.replace(replaced), true);
      assert.deepEqual(await templates.find('sp1', tpl.id), replaced);
      assert.equal(await templates.delete('sp2', tpl.id), false, 'another space cannot delete it');
      assert.equal(await templates.delete('sp1', tpl.id), true);
      assert.equal(await templates.delete('sp1', tpl.id), false);
      assert.equal(await templates.find('sp1', tpl.id), undefined);
    });

    test('templates: newest-first paging with a (createdAt, id) cursor and ties', async (db) => {
      const templates = new SqlTemplateStore(db);
      await new SqlApiKeyRepository(db).ensureSpace({ id: 'sp5', name: 'five' }, T0);
      const document = { name: 'x', aspect_ratio: '16:9' as const, variables: [], scenes: [] };
      const ids = ['t1', 't2', 't3', 't4'].map((p) => p.padEnd(32, '0'));
      for (const [i, id] of ids.entries()) {
        await templates.insert({ id, spaceId: 'sp5', name: id, aspectRatio: '16:9', document, createdAt: T0 + (i < 2 ? 0 : i), updatedAt: T0 });
      }
      await templates.insert({ id: 'tz'.padEnd(32, '0'), spaceId: 'sp2', name: 'other', aspectRatio: '16:9', document, createdAt: T0 + 50, updatedAt: T0 });
      const seen: string[] = [];
      let page = await templates.list('sp5', 3);
      while (page.length > 0) {
        seen.push(...page.map((x) => x.id));
        const last = page.at(-1)!;
        page = await templates.list('sp5', 3, { createdAt: last.createdAt, id: last.id });
      }
      assert.deepEqual(seen, [ids[3], ids[2], ids[1], ids[0]]);
    });

    test('batches: items read with their videos’ states (deleted ones too), paged by index, counted by status, space isolation', async (db) => {
      const videos = new SqlVideoRepository(db);
      const batches = new SqlBatchStore(db);
      const [done, failed, gone] = ['ba', 'bb', 'bc'].map((p) => p.padEnd(32, '0'));
      for (const id of [done, failed, gone]) await videos.insert(newVideo(id!, 'sp1', T0));
      await videos.markProcessing(done!);
      await videos.markCompleted(done!, { blobs: { video: 'v', captionVideo: null, thumbnail: null, gif: null, srt: null, vtt: null }, durationSec: 1, width: 128, height: 128, quality: null }, T0 + 1);
      await videos.markFailed(failed!, { code: 400652, message: 'corrupted', detail: null }, T0 + 2);
      await videos.softDelete('sp1', gone!, T0 + 3);
      const batch = { id: 'bt1'.padEnd(32, '0'), spaceId: 'sp1', title: 'Zoë ✓', callbackUrl: null, totalItems: 4, createdAt: T0 };
      await batches.insert(batch);
      await batches.insertItems(batch.id, [
        { index: 0, videoId: done!, error: null },
        { index: 1, videoId: null, error: { code: 'avatar_not_found', message: 'Avatar x not found', param: 'avatar_id' } },
        { index: 2, videoId: failed!, error: null },
        { index: 3, videoId: gone!, error: null },
      ]);
      assert.deepEqual(await batches.find('sp1', batch.id), batch);
      assert.equal(await batches.find('sp2', batch.id), undefined, 'space isolation');
      const items = await batches.listItems(batch.id, 0, 10);
      assert.deepEqual(items, [
        { index: 0, videoId: done, error: null, video: { status: 'completed', deleted: false, errorCode: null, errorMessage: null } },
        { index: 1, videoId: null, error: { code: 'avatar_not_found', message: 'Avatar x not found', param: 'avatar_id' }, video: null },
        { index: 2, videoId: failed, error: null, video: { status: 'failed', deleted: false, errorCode: 400652, errorMessage: 'corrupted' } },
        { index: 3, videoId: gone, error: null, video: { status: 'pending', deleted: true, errorCode: null, errorMessage: null } },
      ]);
      assert.deepEqual((await batches.listItems(batch.id, 1, 2)).map((i) => i.index), [1, 2]);
      assert.deepEqual(await batches.listItems(batch.id, 4, 2), []);
      const counts = (await batches.countItems(batch.id)).map((c) => `${c.video?.status ?? 'none'}${c.video?.deleted ? ' deleted' : ''}:${c.count}`).sort();
      assert.deepEqual(counts, ['completed:1', 'failed:1', 'none:1', 'pending deleted:1']);
    });

    test('batches: the ledger locks open batches, finishes once, and forgets a batch whose request failed', async (db) => {
      const batches = new SqlBatchStore(db);
      const open = { id: 'bt2'.padEnd(32, '0'), spaceId: 'sp2', title: null, callbackUrl: 'https://example.test/b', totalItems: 1, createdAt: T0 };
      const done = { ...open, id: 'bt3'.padEnd(32, '0') };
      await batches.insert(open);
      await batches.insert(done);
      assert.equal(await batches.markFinished(done.id, T0 + 5), true);
      assert.equal(await batches.markFinished(done.id, T0 + 6), false, 'finishes once');
      const uow = new SqlUnitOfWork(db, () => undefined);
      const locked = await uow.transaction(async (tx) => ({ space: await tx.batches.lockOpenBatches('sp2'), one: await tx.batches.lockBatch(open.id), none: await tx.batches.lockOpenBatches('sp1') }));
      assert.deepEqual(locked.space, [open], 'finished batches are not open');
      assert.deepEqual(locked.one, open);
      assert.deepEqual(locked.none.filter((b) => b.id === open.id), [], 'space isolation');
      await batches.delete(open.id);
      assert.equal(await batches.find('sp2', open.id), undefined);
    });

    test('unit of work: a failing transaction commits nothing', async (db) => {
      let woke = 0;
      const uow = new SqlUnitOfWork(db, () => (woke += 1));
      const id = 'e'.repeat(32);
      await assert.rejects(() =>
        uow.transaction(async (tx) => {
          await tx.videos.insert(newVideo(id, 'sp1', T0 + 3));
          await tx.jobs.enqueue({ kind: 'render_video', payload: { videoId: id }, spaceId: 'sp1' });
          throw new Error('boom');
        }),
      );
      assert.equal(await new SqlVideoRepository(db).findById(id), undefined);
      assert.equal(woke, 0);
      await uow.transaction(async (tx) => {
        await tx.videos.insert(newVideo(id, 'sp1', T0 + 3));
        await tx.jobs.enqueue({ kind: 'render_video', payload: { videoId: id }, spaceId: 'sp1' });
      });
      assert.equal(woke, 1);
      const jobs = await db.selectFrom('jobs').selectAll().where('payload', 'like', `%${id}%`).execute();
      assert.equal(jobs.length, 1);
      assert.equal(typeof jobs[0]!.run_at, 'number');
    });

    test('api keys and spaces: insert, find by hash, revoke by prefix, idempotent spaces', async (db) => {
      const keys = new SqlApiKeyRepository(db);
      await keys.ensureSpace({ id: 'sp1', name: 'renamed?' }, T0 + 1);
      assert.deepEqual(await keys.findSpace('sp1'), { id: 'sp1', name: 'one' });
      assert.equal(await keys.findSpace('nope'), undefined);
      await keys.insert({ id: 'key1', spaceId: 'sp1', hash: 'h1', prefix: 'ok_ab', name: null, createdAt: T0 });
      await keys.insert({ id: 'key2', spaceId: 'sp1', hash: 'h2', prefix: 'ok_cd', name: 'ci', createdAt: T0 + 1 });
      await assert.rejects(() => keys.insert({ id: 'key3', spaceId: 'sp1', hash: 'h1', prefix: 'ok_ef', name: null, createdAt: T0 + 2 }), 'hashes are unique');
      assert.deepEqual(await keys.findActiveByHash('h1'), { id: 'key1', spaceId: 'sp1', prefix: 'ok_ab', name: null, createdAt: T0, revokedAt: null });
      assert.equal(await keys.countActive(), 2);
      assert.equal(await keys.revoke('ok_cd', T0 + 5), true);
      assert.equal(await keys.revoke('ok_cd', T0 + 6), false);
      assert.equal(await keys.findActiveByHash('h2'), undefined);
      assert.deepEqual((await keys.list()).map((k) => [k.id, k.revokedAt]), [['key1', null], ['key2', T0 + 5]]);
    });
  });
}
