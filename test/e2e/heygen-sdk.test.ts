// A real, unmodified HeyGen SDK from npm (@teamduality/heygen-typescript-sdk) drives the real server:
// list avatars and voices, generate, poll to completed, list, delete. The SDK has its base URL built
// in, as many do, so the test points api.heygen.com at Orator the way a DNS entry or proxy would: by
// rewriting the origin of each fetch, and nothing else about the request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { HeygenSDK } from '@teamduality/heygen-typescript-sdk';
import { freePort, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';

let p: OratorProcess;
let dataDir: string;
const realFetch = globalThis.fetch;
const seen: { method: string; url: string; contentType: string | null; bodyLength: number }[] = [];

before(async () => {
  dataDir = tempDataDir();
  p = await startOrator({ dataDir, port: await freePort() });
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.origin === 'https://api.heygen.com') {
      const headers = new Headers(init?.headers);
      const body = init?.body;
      seen.push({ method: init?.method ?? 'GET', url: url.pathname + url.search, contentType: headers.get('content-type'), bodyLength: typeof body === 'string' ? body.length : 0 });
      return realFetch(`${p.baseUrl}${url.pathname}${url.search}`, init);
    }
    return realFetch(input, init);
  }) as typeof fetch;
});

after(() => {
  globalThis.fetch = realFetch;
  if (p?.child.exitCode === null) p.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the SDK lists, generates, polls, lists and deletes a video unchanged', async () => {
  const sdk = new HeygenSDK(p.apiKey);
  const avatars = (await sdk.avatars.list()) as { avatars: { avatar_id: string }[] };
  assert.ok(avatars.avatars.length > 0);
  const voices = (await sdk.voices.list()) as { voices: { voice_id: string }[] };
  assert.ok(voices.voices.some((v) => v.voice_id === 'flite_slt'));

  const created = (await sdk.videos.generation.create({
    video_inputs: [
      {
        character: { type: 'avatar', avatar_id: avatars.avatars[0]!.avatar_id, avatar_style: 'normal' },
        voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello from a HeyGen SDK.' },
        background: { type: 'color', value: '#224466' },
      },
    ],
    dimension: { width: 256, height: 256 },
  } as never)) as { video_id: string };
  assert.match(created.video_id, /^[0-9a-f]{32}$/);

  let status: { status: string; video_url: string | null };
  const deadline = Date.now() + 120_000;
  for (;;) {
    status = (await sdk.videos.generation.get(created.video_id)) as typeof status;
    if (status.status === 'completed' || status.status === 'failed') break;
    assert.ok(Date.now() < deadline, 'video did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(status.status, 'completed', JSON.stringify(status));
  assert.equal((await realFetch(status.video_url!)).status, 200);

  const listed = (await sdk.videos.management.list({ limit: 10 } as never)) as { videos: { video_id: string }[] };
  assert.ok(listed.videos.some((v) => v.video_id === created.video_id));

  await sdk.videos.generation.delete(created.video_id);
  const del = seen.find((s) => s.method === 'DELETE')!;
  assert.equal(del.contentType, 'application/json', 'the SDK sends a JSON Content-Type on its bodiless DELETE');
  assert.equal(del.bodyLength, 0);
  await assert.rejects(sdk.videos.generation.get(created.video_id), (e: { statusCode?: number; code?: number }) => e.statusCode === 404 && e.code === 40031);
  const after = (await sdk.videos.management.list({ limit: 10 } as never)) as { videos: { video_id: string }[] };
  assert.ok(!after.videos.some((v) => v.video_id === created.video_id), 'the video is gone from the list');
});

test('the SDK lists templates, reads the first one’s variables and generates from it unchanged', async () => {
  const sdk = new HeygenSDK(p.apiKey);
  const list = (await sdk.templates.list()) as { templates: { template_id: string; name: string }[] };
  assert.ok(list.templates.length >= 4);
  const first = list.templates[0]!;
  const detail = (await sdk.templates.get(first.template_id)) as { variables: Record<string, { type: string; properties: Record<string, unknown> }> };
  assert.ok(Object.keys(detail.variables).length > 0, 'the SDK reads the variables');
  const { video_id: videoId } = (await sdk.templates.generate(first.template_id, { title: 'From the SDK' })) as { video_id: string };
  assert.match(videoId, /^[0-9a-f]{32}$/);
  let status: { status: string; video_url: string | null };
  const deadline = Date.now() + 240_000;
  for (;;) {
    status = (await sdk.videos.generation.get(videoId)) as typeof status;
    if (status.status === 'completed' || status.status === 'failed') break;
    assert.ok(Date.now() < deadline, 'the template video did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(status.status, 'completed', JSON.stringify(status));
  assert.equal((await realFetch(status.video_url!)).status, 200);
});
