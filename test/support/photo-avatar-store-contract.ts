// Photo avatar stores contract: groups, looks and generations behave the same on SQLite and Postgres
// (JSON columns round-trip, bigint timestamps come back as numbers, 0/1 booleans, compare-and-set
// transitions, every read scoped to its space, the unit of work commits a look with its job or not at all).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { sqlPhotoAvatarStore } from '../../src/db/sql-photo-avatar-store.js';
import { SqlUnitOfWork } from '../../src/db/sql-unit-of-work.js';
import type { PhotoAvatarGenerationRecord, PhotoAvatarGroupRecord, PhotoAvatarLookRecord } from '../../src/domain/photo-avatar.js';

const T0 = 1_700_000_000_000; // beyond 2^31: bigint columns must come back as numbers

const group = (id: string, spaceId: string, createdAt = T0): PhotoAvatarGroupRecord => ({
  id, spaceId, name: `G ${id}`, gender: 'female', trainStatus: 'empty', trainProgress: 0, trainError: null, trainFlowId: null, trainedAt: null, consentStatus: null, createdAt, updatedAt: createdAt,
});
const look = (id: string, spaceId: string, groupId: string, createdAt = T0): PhotoAvatarLookRecord => ({
  id, spaceId, groupId, name: `L ${id}`, origin: 'photo', source: { type: 'url', url: 'https://example.test/a.jpg' }, status: 'pending', progress: 0, imageKey: null, motionPreviewKey: null,
  width: null, height: null, upscaled: false, upscaleStatus: null, error: null, createdAt, updatedAt: createdAt,
});

export function describePhotoAvatarStoreContract(name: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> } | string>): void {
  describe(`Photo avatar stores: ${name}`, () => {
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

    test('groups: round trip, newest first, space isolation, train-state compare-and-set, consent, delete', async (db) => {
      const { groups } = sqlPhotoAvatarStore(db);
      await groups.insert(group('g1', 'sp1'));
      await groups.insert(group('g2', 'sp1', T0 + 5));
      await groups.insert(group('g3', 'sp2'));
      assert.deepEqual(await groups.find('sp1', 'g1'), group('g1', 'sp1'));
      assert.equal(await groups.find('sp2', 'g1'), undefined, 'another space does not see it');
      assert.equal((await groups.findById('g3'))?.spaceId, 'sp2');
      assert.deepEqual((await groups.list('sp1')).map((g) => g.id), ['g2', 'g1']);
      assert.equal(await groups.setTrainState('g1', ['empty'], { status: 'pending', progress: 0, error: null, flowId: 'f1' }, T0 + 1), true);
      assert.equal(await groups.setTrainState('g1', ['empty'], { status: 'pending', progress: 0, error: null }, T0 + 1), false, 'no longer empty');
      await groups.setTrainState('g1', ['pending'], { status: 'training', progress: 0, error: null }, T0 + 2);
      await groups.updateTrainProgress('g1', 40, T0 + 3);
      assert.equal((await groups.findById('g1'))?.trainProgress, 40);
      await groups.setTrainState('g1', ['training'], { status: 'failed', progress: 0, error: { code: 40006, message: 'blurred' } }, T0 + 4);
      const failed = (await groups.findById('g1'))!;
      assert.deepEqual([failed.trainStatus, failed.trainError, failed.trainFlowId, failed.updatedAt], ['failed', { code: 40006, message: 'blurred' }, 'f1', T0 + 4]);
      await groups.setTrainState('g1', ['failed'], { status: 'ready', progress: 100, error: null, trainedAt: T0 + 9 }, T0 + 9);
      assert.deepEqual([(await groups.findById('g1'))!.trainedAt, (await groups.findById('g1'))!.trainError], [T0 + 9, null]);
      assert.equal(await groups.setConsent('sp2', 'g1', 'approved', T0), false, 'scoped to the space');
      assert.equal(await groups.setConsent('sp1', 'g1', 'approved', T0), true);
      assert.equal((await groups.findById('g1'))?.consentStatus, 'approved');
      assert.equal(await groups.delete('sp2', 'g2'), false);
      assert.equal(await groups.delete('sp1', 'g2'), true);
      assert.equal(await groups.find('sp1', 'g2'), undefined);
    });

    test('looks: JSON source, 0/1 booleans, oldest first per group, processing → completed once, failure, upscale swap, rename, delete', async (db) => {
      const { looks } = sqlPhotoAvatarStore(db);
      await looks.insert(look('l1', 'sp1', 'gA'));
      await looks.insert({ ...look('l2', 'sp1', 'gA', T0 + 1), source: { type: 'blob', blobKey: 'k/l2.png', label: 'asset a1' } });
      await looks.insert(look('l3', 'sp1', 'gB', T0 + 2));
      await looks.insert(look('l4', 'sp2', 'gA'));
      assert.deepEqual(await looks.find('sp1', 'l1'), look('l1', 'sp1', 'gA'));
      assert.deepEqual((await looks.find('sp1', 'l2'))?.source, { type: 'blob', blobKey: 'k/l2.png', label: 'asset a1' });
      assert.equal(await looks.find('sp1', 'l4'), undefined);
      assert.deepEqual((await looks.list('sp1', 'gA')).map((l) => l.id), ['l1', 'l2']);
      assert.deepEqual((await looks.list('sp1')).map((l) => l.id), ['l1', 'l2', 'l3']);
      assert.equal(await looks.markProcessing('l1', T0 + 3), true);
      assert.equal(await looks.markProcessing('l1', T0 + 3), true, 'a retried attempt takes it again');
      await looks.updateProgress('l1', 60, T0 + 4);
      assert.equal((await looks.findById('l1'))?.progress, 60);
      assert.equal(await looks.markCompleted('l1', { imageKey: 'k/l1.jpg', width: 512, height: 640 }, T0 + 5), true);
      assert.equal(await looks.markCompleted('l1', { imageKey: 'k/other.jpg', width: 1, height: 1 }, T0 + 6), false, 'completed once');
      assert.equal(await looks.markFailed('l1', { code: 40004, message: 'x' }, T0 + 6), false, 'a completed look does not fail');
      const done = (await looks.findById('l1'))!;
      assert.deepEqual([done.status, done.progress, done.imageKey, done.width, done.height, done.upscaled, done.updatedAt], ['completed', 100, 'k/l1.jpg', 512, 640, false, T0 + 5]);
      assert.equal(await looks.markFailed('l3', { code: 40005, message: 'two faces' }, T0 + 7), true);
      assert.deepEqual((await looks.findById('l3'))?.error, { code: 40005, message: 'two faces' });

      assert.equal(await looks.setUpscale('l3', [null], 'pending', null, T0), false, 'only a completed look is upscaled');
      assert.equal(await looks.setUpscale('l1', [null, 'failed'], 'pending', null, T0 + 8), true);
      assert.equal(await looks.setUpscale('l1', [null, 'failed'], 'pending', null, T0 + 8), false, 'asked for once');
      assert.equal(await looks.setUpscale('l1', ['pending', 'processing'], 'processing', null, T0 + 9), true);
      assert.equal(await looks.setUpscale('l1', ['processing'], 'completed', { imageKey: 'k/l1-x2.jpg', width: 1024, height: 1280 }, T0 + 10), true);
      const up = (await looks.findById('l1'))!;
      assert.deepEqual([up.upscaleStatus, up.upscaled, up.imageKey, up.width], ['completed', true, 'k/l1-x2.jpg', 1024]);

      assert.equal(await looks.rename('sp2', 'l1', 'nope', T0), false);
      assert.equal(await looks.rename('sp1', 'l1', 'Renamed', T0 + 11), true);
      assert.equal((await looks.findById('l1'))?.name, 'Renamed');
      assert.equal(await looks.delete('sp2', 'l1'), false);
      assert.equal(await looks.delete('sp1', 'l1'), true);
      assert.equal(await looks.findById('l1'), undefined);
    });

    test('generations: request and pictures as JSON, compare-and-set, space isolation', async (db) => {
      const { generations } = sqlPhotoAvatarStore(db);
      const g: PhotoAvatarGenerationRecord = { id: 'n1', spaceId: 'sp1', kind: 'photo', groupId: null, request: { age: 'Senior', appearance: 'grey “hair”', n: 1.5 }, status: 'pending', progress: 0, images: [], error: null, createdAt: T0, updatedAt: T0 };
      await generations.insert(g);
      assert.deepEqual(await generations.find('sp1', 'n1'), g);
      assert.equal(await generations.find('sp2', 'n1'), undefined);
      assert.equal(await generations.markSucceeded('n1', [], T0), false, 'pending does not jump to success');
      assert.equal(await generations.markProcessing('n1', T0 + 1), true);
      await generations.updateProgress('n1', 30, T0 + 2);
      assert.equal((await generations.findById('n1'))?.progress, 30);
      const images = [{ key: 'g/n1/0.png', width: 1024, height: 576 }, { key: 'g/n1/1.png', width: 1024, height: 576 }];
      assert.equal(await generations.markSucceeded('n1', images, T0 + 3), true);
      assert.equal(await generations.markFailed('n1', { code: 500000, message: 'x' }, T0 + 4), false);
      const done = (await generations.findById('n1'))!;
      assert.deepEqual([done.status, done.progress, done.images, done.updatedAt], ['success', 100, images, T0 + 3]);
    });

    test('unit of work: a look and its job commit together, or neither does', async (db) => {
      const uow = new SqlUnitOfWork(db, () => {});
      await uow.transaction(async (tx) => {
        await tx.photoAvatars.looks.insert(look('u1', 'sp1', 'gU'));
        await tx.jobs.enqueue({ kind: 'photo_avatar_look', payload: { lookId: 'u1' }, spaceId: 'sp1', maxAttempts: 3 });
      });
      const jobs = await db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', 'photo_avatar_look').execute();
      assert.deepEqual(jobs.map((j) => JSON.parse(j.payload)), [{ lookId: 'u1' }]);
      await assert.rejects(
        uow.transaction(async (tx) => {
          await tx.photoAvatars.looks.insert(look('u2', 'sp1', 'gU'));
          await tx.jobs.enqueue({ kind: 'photo_avatar_look', payload: { lookId: 'u2' }, spaceId: 'sp1', maxAttempts: 3 });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await sqlPhotoAvatarStore(db).looks.findById('u2'), undefined);
      assert.equal((await db.selectFrom('jobs').select('id').where('kind', '=', 'photo_avatar_look').execute()).length, 1);
    });
  });
}
