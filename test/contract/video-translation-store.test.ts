// The video translation store on SQLite and Postgres (fresh schema per run): rows round-trip with their
// JSON, every state change is a compare-and-set, listings page newest first, deletes are soft.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '../../src/db/create-database.js';
import { SqlVideoTranslationStore } from '../../src/db/sql-video-translation-store.js';
import type { NewVideoTranslation } from '../../src/services/translations/translation-ports.js';
import { openMigratedDatabase } from '../support/open-migrated-database.js';
import { openPgSchema } from '../support/pg-schema-fixture.js';

const T0 = 1_700_000_000_000;

function row(id: string, spaceId: string, createdAt: number, kind: NewVideoTranslation['kind'] = 'translation'): NewVideoTranslation {
  return {
    id,
    spaceId,
    kind,
    title: null,
    source: { type: 'url', url: 'https://example.com/talk.mp4' },
    sourceLabel: 'https://example.com/talk.mp4',
    inputLanguage: 'en',
    outputLanguage: 'es',
    voiceId: 'espeak_es_f',
    options: { translateAudioOnly: false, dropOriginalAudio: true },
    callbackId: 'cb',
    callbackUrl: null,
    folderId: null,
    createdAt,
  };
}

type Open = () => Promise<{ handle: DatabaseHandle; close(): Promise<void> } | string>;

function describeStore(name: string, open: Open): void {
  describe(`video translation store on ${name}`, () => {
    let store: SqlVideoTranslationStore;
    let close: (() => Promise<void>) | undefined;
    let skip: string | undefined;
    before(async () => {
      const opened = await open();
      if (typeof opened === 'string') {
        skip = opened;
        return;
      }
      store = new SqlVideoTranslationStore(opened.handle.db);
      close = opened.close;
    });
    after(async () => close?.());

    test('a translation goes pending → running → completed once, with its results', async (t) => {
      if (skip) return t.skip(skip);
      await store.insert(row('t1', 'sp1', T0));
      const fresh = await store.find('sp1', 't1');
      assert.equal(fresh?.status, 'pending');
      assert.equal(fresh?.stage, 'queued');
      assert.deepEqual(fresh?.source, { type: 'url', url: 'https://example.com/talk.mp4' });
      assert.deepEqual(fresh?.options, { translateAudioOnly: false, dropOriginalAudio: true });
      assert.equal(fresh?.createdAt, T0);
      assert.equal(await store.find('sp2', 't1'), undefined, 'another space sees nothing');

      await store.updateStage('t1', 'translating', 30, T0 + 1);
      assert.equal((await store.findById('t1'))?.stage, 'queued', 'stages move only while running');
      assert.equal(await store.markRunning('t1', T0 + 2), true);
      assert.equal(await store.markRunning('t1', T0 + 3), true, 'a retried attempt takes it again');
      await store.updateStage('t1', 'speaking', 50, T0 + 4);
      assert.deepEqual([(await store.findById('t1'))?.stage, (await store.findById('t1'))?.progress], ['speaking', 50]);

      const completion = {
        blobs: { video: 'translations/sp1/t1/video.mp4', audio: null, srt: 'translations/sp1/t1/captions.srt', vtt: 'translations/sp1/t1/captions.vtt' },
        durationSec: 4.52,
        script: [{ sourceText: 'Hello.', text: 'Hola.', sourceStart: 0.1, sourceEnd: 0.6, start: 0.12, end: 0.5, speed: 1.1 }],
        engines: { transcript: 'pocketsphinx', translation: 'apertium eng-spa (rule-based)', speech: 'espeak-ng (espeak_es_f)', resync: 'none' },
      };
      assert.equal(await store.markCompleted('t1', completion, T0 + 5), true);
      assert.equal(await store.markCompleted('t1', completion, T0 + 6), false, 'only once');
      assert.equal(await store.markFailed('t1', { code: 500000, message: 'late', detail: null }, T0 + 7), false, 'a completed one never fails');
      const done = await store.find('sp1', 't1');
      assert.equal(done?.status, 'completed');
      assert.equal(done?.stage, 'done');
      assert.equal(done?.progress, 100);
      assert.equal(done?.durationSec, 4.52);
      assert.deepEqual(done?.script, completion.script);
      assert.deepEqual(done?.engines, completion.engines);
      assert.deepEqual(done?.blobs, completion.blobs);
      assert.equal(done?.completedAt, T0 + 5);
    });

    test('a failure keeps its catalogue code; a pending one can fail before it ever ran', async (t) => {
      if (skip) return t.skip(skip);
      await store.insert(row('t2', 'sp1', T0 + 10));
      assert.equal(await store.markFailed('t2', { code: 400624, message: 'Audio stream is empty', detail: 'no audio' }, T0 + 11), true);
      assert.equal(await store.markRunning('t2', T0 + 12), false);
      assert.deepEqual((await store.find('sp1', 't2'))?.error, { code: 400624, message: 'Audio stream is empty', detail: 'no audio' });
    });

    test('newest first with a cursor; rename; a soft delete hides it and answers what it was', async (t) => {
      if (skip) return t.skip(skip);
      for (const [i, id] of ['l1', 'l2', 'l3'].entries()) await store.insert(row(id, 'sp3', T0 + 100 + i));
      const first = await store.list('sp3', 2);
      assert.deepEqual(first.map((r) => r.id), ['l3', 'l2']);
      const second = await store.list('sp3', 2, { createdAt: first[1]!.createdAt, id: first[1]!.id });
      assert.deepEqual(second.map((r) => r.id), ['l1']);
      assert.equal(await store.updateTitle('sp3', 'l2', 'Spanish cut', T0 + 200), true);
      assert.equal(await store.updateTitle('sp1', 'l2', 'not mine', T0 + 200), false);
      assert.equal((await store.find('sp3', 'l2'))?.title, 'Spanish cut');
      const gone = await store.softDelete('sp3', 'l2', T0 + 300);
      assert.equal(gone?.id, 'l2');
      assert.equal(await store.softDelete('sp3', 'l2', T0 + 301), undefined);
      assert.equal(await store.find('sp3', 'l2'), undefined);
      assert.equal((await store.findById('l2'))?.deletedAt, T0 + 300, 'workers still see it, deleted');
      assert.deepEqual((await store.list('sp3', 10)).map((r) => r.id), ['l3', 'l1']);
    });

    test('kinds list apart; a completed proofread’s script is replaced, others not', async (t) => {
      if (skip) return t.skip(skip);
      await store.insert(row('k1', 'sp4', T0, 'translation'));
      await store.insert(row('k2', 'sp4', T0 + 1, 'proofread'));
      await store.insert(row('k3', 'sp4', T0 + 2, 'lipsync'));
      assert.deepEqual((await store.list('sp4', 10)).map((r) => r.id), ['k1']);
      assert.deepEqual((await store.list('sp4', 10, undefined, 'proofread')).map((r) => [r.id, r.kind]), [['k2', 'proofread']]);
      assert.deepEqual((await store.list('sp4', 10, undefined, 'lipsync')).map((r) => r.id), ['k3']);
      const line = { sourceText: 'Hi.', text: 'Hola.', sourceStart: 0.3, sourceEnd: 0.9, start: 0.3, end: 0.9, speed: 1 };
      assert.equal(await store.updateScript('sp4', 'k2', [line], T0 + 10), false, 'not completed yet');
      await store.markRunning('k2', T0 + 3);
      const engines = { transcript: 'x', translation: 'y', speech: 'z', resync: 'w' };
      await store.markCompleted('k2', { blobs: { video: null, audio: null, srt: 'p.srt', vtt: null }, durationSec: 4, script: [], engines }, T0 + 4);
      assert.equal(await store.updateScript('sp1', 'k2', [line], T0 + 10), false, 'another space');
      assert.equal(await store.updateScript('sp4', 'k2', [{ ...line, text: 'Buenas.' }], T0 + 10), true);
      assert.deepEqual((await store.find('sp4', 'k2'))?.script, [{ ...line, text: 'Buenas.' }]);
    });
  });
}

describeStore('SQLite', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-translations-'));
  const handle = await openMigratedDatabase({ databaseUrl: undefined, dataDir: dir });
  return { handle, close: async () => (await handle.close(), await fsp.rm(dir, { recursive: true, force: true })) };
});

describeStore('Postgres', async () => {
  const pg = await openPgSchema();
  if (typeof pg === 'string') return pg;
  const handle = await openMigratedDatabase({ databaseUrl: pg.url, dataDir: os.tmpdir() });
  return { handle, close: async () => (await handle.close(), await pg.drop()) };
});
