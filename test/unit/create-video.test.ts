// The video-creation service (createV2, POST /v2/video/generate) against strict fakes: any port call a
// test did not plan for throws. A valid body stores one video and enqueues its render job inside one
// transaction; a refused body stores and enqueues nothing; an asset id is looked up in the caller's
// space only, so another space's asset is not found and nothing is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OratorError, type ErrorKind } from '../../src/domain/errors.js';
import type { GenerateVideoInput } from '../../src/services/videos/generate-video-input.js';
import { createVideoService } from '../../src/services/videos/video-service.js';
import { strictFake } from '../support/strict-fake.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const BODY: GenerateVideoInput = {
  video_inputs: [{ character: { type: 'avatar', avatar_id: 'anna' }, voice: { type: 'text', voice_id: 'v1', input_text: 'Hello.' } }],
  dimension: { width: 256, height: 256 },
  title: 'greeting',
  callback_id: 'cb-1',
};

type StoredAsset = { id: string; fileType: 'audio' | 'image' | 'video'; blobKey: string };

function setup(assetsBySpace: Record<string, Record<string, StoredAsset>> = {}) {
  // What ran, in order: the transaction's begin and end, and every write inside or outside it.
  const events: string[] = [];
  const inserted: any[] = [];
  const enqueued: any[] = [];
  const assetLookups: [string, string][] = [];
  let open = false;
  const tx = strictFake<any>('tx', {
    videos: strictFake<any>('tx.videos', { insert: async (v: unknown) => (events.push(open ? 'insert' : 'insert outside'), inserted.push(v)) }),
    jobs: strictFake<any>('tx.jobs', { enqueue: async (j: unknown) => (events.push(open ? 'enqueue' : 'enqueue outside'), enqueued.push(j), 'job_1') }),
  });
  const service = createVideoService({
    create: {
      uow: strictFake<any>('uow', {
        async transaction(fn: (scope: unknown) => Promise<unknown>) {
          events.push('begin');
          open = true;
          try {
            return await fn(tx);
          } finally {
            open = false;
            events.push('end');
          }
        },
      }),
      engine: strictFake<any>('engine', {
        findAvatar: (id: string) => (id === 'anna' ? { avatar_id: 'anna' } : undefined),
        findVoice: (id: string) => (id === 'v1' ? { voice_id: 'v1' } : undefined),
        validate: () => {},
      }),
      clock: strictFake<any>('clock', { now: () => NOW }),
      renderMaxAttempts: 3,
      refusedUrlHost: (url: URL) => (url.hostname === '127.0.0.1' ? '127.0.0.1' : null),
      photos: strictFake<any>('photos', {}),
      assets: strictFake<any>('assets', {
        findAsset: async (spaceId: string, id: string) => (assetLookups.push([spaceId, id]), assetsBySpace[spaceId]?.[id]),
      }),
    },
    queries: strictFake<any>('queries', {}),
  });
  return { service, events, inserted, enqueued, assetLookups };
}

async function refused(promise: Promise<unknown>, kind: ErrorKind, param: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof OratorError, String(err));
    assert.equal(err.kind, kind);
    assert.equal(err.param, param);
    return true;
  });
}

test('a valid v2 body stores one video and enqueues one render job, both in one transaction', async () => {
  const { service, events, inserted, enqueued } = setup();
  const { video_id } = await service.createV2('s1', BODY);
  assert.deepEqual(events, ['begin', 'insert', 'enqueue', 'end']);
  assert.equal(inserted.length, 1);
  const video = inserted[0];
  assert.equal(video.id, video_id);
  assert.equal(video.spaceId, 's1');
  assert.equal(video.title, 'greeting');
  assert.equal(video.callbackId, 'cb-1');
  assert.equal(video.callbackUrl, null);
  assert.equal(video.folderId, null);
  assert.deepEqual(video.request, BODY, 'the body as received');
  assert.equal(video.createdAt, NOW);
  assert.equal(video.width, 256);
  assert.equal(video.height, 256);
  assert.deepEqual(video.plan.scenes[0].character, { type: 'avatar', avatarId: 'anna', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false });
  assert.deepEqual(video.plan.scenes[0].voice, { type: 'text', voiceId: 'v1', text: 'Hello.', speed: 1, pitch: 0 });
  assert.deepEqual(enqueued, [{ kind: 'render_video', payload: { videoId: video_id }, spaceId: 's1', maxAttempts: 3 }]);
});

test('a refused body stores nothing and enqueues nothing', async () => {
  const scene = BODY.video_inputs[0]!;
  const cases: [GenerateVideoInput, ErrorKind, string][] = [
    [{ ...BODY, video_inputs: [{ ...scene, character: { type: 'avatar', avatar_id: 'nobody' } }] }, 'avatar_not_found', 'video_inputs[0].character.avatar_id'],
    [{ ...BODY, video_inputs: [{ ...scene, voice: { type: 'text', voice_id: 'nobody', input_text: 'Hi.' } }] }, 'voice_not_found', 'video_inputs[0].voice.voice_id'],
    [{ ...BODY, video_inputs: [{ ...scene, voice: { type: 'text', voice_id: 'v1', input_text: '  ' } }] }, 'invalid_text_input', 'video_inputs[0].voice.input_text'],
    [{ ...BODY, video_inputs: [{ ...scene, background: { type: 'color', value: 'green' } }] }, 'invalid_parameter', 'video_inputs[0].background.value'],
    [{ ...BODY, callback_url: 'http://127.0.0.1/hook' }, 'invalid_url', 'callback_url'],
  ];
  for (const [body, kind, param] of cases) {
    const { service, events, inserted, enqueued } = setup();
    await refused(service.createV2('s1', body), kind, param);
    assert.deepEqual(events, [], `${param}: no transaction`);
    assert.deepEqual(inserted, []);
    assert.deepEqual(enqueued, []);
  }
});

test("an asset id of another space is refused: assets are looked up in the caller's space only", async () => {
  const assets = { s1: { a1: { id: 'a1', fileType: 'audio' as const, blobKey: 'assets/s1/a1.wav' } } };
  const body: GenerateVideoInput = { ...BODY, video_inputs: [{ ...BODY.video_inputs[0]!, voice: { type: 'audio', audio_asset_id: 'a1' } }] };

  const other = setup(assets);
  await refused(other.service.createV2('s2', body), 'asset_not_found', 'video_inputs[0].voice.audio_asset_id');
  assert.deepEqual(other.assetLookups, [['s2', 'a1']]);
  assert.deepEqual(other.events, []);
  assert.deepEqual(other.inserted, []);
  assert.deepEqual(other.enqueued, []);

  // The same body from the owning space is stored, with the asset's blob as the voice.
  const owner = setup(assets);
  await owner.service.createV2('s1', body);
  assert.deepEqual(owner.assetLookups, [['s1', 'a1']]);
  assert.deepEqual(owner.events, ['begin', 'insert', 'enqueue', 'end']);
  assert.deepEqual(owner.inserted[0].plan.scenes[0].voice, { type: 'audio', source: { blobKey: 'assets/s1/a1.wav' } });
});
