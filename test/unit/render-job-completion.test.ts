// A finished render whose completion meets a database restart waits for the database instead of
// rendering the video again, and never completes a job whose lease it lost; an unexpected error's
// detail names no server path. Strict fakes: any port call the test did not plan for throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRenderVideoHandler, videoErrorFrom } from '../../src/services/videos/render-video-job.js';
import { LeaseLostError } from '../../src/domain/job-handler.js';
import { strictFake } from '../support/strict-fake.js';

const VIDEO = { id: 'v1', spaceId: 's1', status: 'pending', deletedAt: null, plan: { scenes: [] } };
const RESULT = { video: '/x/video.mp4', captionedVideo: null, thumbnail: '/x/t.jpg', gif: '/x/p.gif', srt: '/x/c.srt', vtt: '/x/c.vtt', durationSec: 2, width: 256, height: 256, words: [], quality: { envelopeCorrelation: 0.6, avOffsetMs: 0 } };

function setup(transactionFailures: unknown[], completeAnswers: boolean[] = [true]) {
  let renders = 0;
  let transactions = 0;
  const completed: string[] = [];
  const videos = strictFake<any>('videos', {
    findById: async () => ({ ...VIDEO }),
    markProcessing: async () => true,
    updateProgress: async () => {},
  });
  const deps = {
    uow: strictFake<any>('uow', {
      async transaction(fn: (tx: unknown) => Promise<void>) {
        transactions++;
        const failure = transactionFailures.shift();
        if (failure) throw failure;
        return fn({
          jobs: strictFake<any>('tx.jobs', { complete: async () => completeAnswers.shift() ?? true }),
          videos: strictFake<any>('tx.videos', { markCompleted: async (id: string) => (completed.push(id), true) }),
          webhooks: strictFake<any>('tx.webhooks', {}),
        });
      },
    }),
    videos,
    blobs: strictFake<any>('blobs', { putFile: async () => {}, deletePrefix: async () => {} }),
    engine: strictFake<any>('engine', { render: async () => (renders++, RESULT) }),
    scratch: strictFake<any>('scratch', { create: async () => '/tmp/orator-fake-scratch', remove: async () => {} }),
    clock: { now: () => 1 },
  };
  const handler = createRenderVideoHandler(deps as never);
  const ctx = { jobId: 'j1', owner: 'w1', attempt: 1, maxAttempts: 3, signal: new AbortController().signal };
  return { handler, ctx, stats: () => ({ renders, transactions, completed }) };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

test('completion waits out a database outage: one render, completed once', async () => {
  const { handler, ctx, stats } = setup([refused(), Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })]);
  await handler.run({ videoId: 'v1' }, ctx);
  assert.deepEqual(stats(), { renders: 1, transactions: 3, completed: ['v1'] });
});

test('a lost lease is not retried as an outage', async () => {
  const { handler, ctx, stats } = setup([], [false]);
  await assert.rejects(handler.run({ videoId: 'v1' }, ctx), LeaseLostError);
  assert.deepEqual(stats(), { renders: 1, transactions: 1, completed: [] });
});

test('a bug in the completion is not retried either', async () => {
  const { handler, ctx, stats } = setup([new TypeError('x is undefined')]);
  await assert.rejects(handler.run({ videoId: 'v1' }, ctx), TypeError);
  assert.equal(stats().transactions, 1);
});

test("an unexpected error's detail keeps file names, not server paths", () => {
  const e = videoErrorFrom(new Error("ENOENT: no such file or directory, open '/srv/orator/data/tmp/render-abc/out/video.mp4'"));
  assert.equal(e.code, 500000);
  assert.doesNotMatch(e.detail!, /\/srv|data\/tmp/);
  assert.match(e.detail!, /video\.mp4/);
});
