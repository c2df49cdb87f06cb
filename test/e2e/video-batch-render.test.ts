// A batch rendered for real by the spawned server: two avatar videos (different backgrounds) and one
// template generation in one POST /v3/videos/batches, polled through GET /v3/videos/batches/{id} until
// the batch is completed, each MP4 downloaded, probed, and a decoded frame checked for its own picture.
// ORATOR_KEEP_FRAMES=<dir> keeps the frames for a look.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { api, freePort, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';
import { ffprobeJson } from '../support/render-probes.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';

const run = promisify(execFile);
const SIZE = { width: 320, height: 180 };

const CARD = {
  name: 'Batch card',
  aspect_ratio: '16:9',
  variables: [{ name: 'headline', type: 'text', default: { content: 'Hello' } }],
  scenes: [
    {
      id: 'card',
      name: 'Card',
      duration: { type: 'fixed', seconds: 2 },
      layers: [
        { id: 'bg', type: 'shape', box: { x: 0, y: 0, width: 1, height: 1 }, color: '#112233' },
        { id: 'title', type: 'text', box: { x: 0.1, y: 0.3, width: 0.8, height: 0.4 }, content: '{{headline}}', font_family: 'DejaVu Sans', font_size: 0.2, color: '#FFFFFF' },
      ],
    },
  ],
};

/** Mean RGB of a box of a PNG. */
async function meanColour(png: string, box: { x: number; y: number; w: number; h: number }): Promise<[number, number, number]> {
  const px = await sharp(png).removeAlpha().extract({ left: box.x, top: box.y, width: box.w, height: box.h }).raw().toBuffer();
  const sum = [0, 0, 0];
  for (let i = 0; i < px.length; i += 3) for (let c = 0; c < 3; c += 1) sum[c]! += px[i + c]!;
  return sum.map((s) => s / (px.length / 3)) as [number, number, number];
}

const hex = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
const near = (a: number[], b: number[], tolerance: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

async function pollBatch(p: OratorProcess, id: string, timeoutMs: number): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, json } = await api(p, 'GET', `/v3/videos/batches/${id}`);
    assert.equal(status, 200, JSON.stringify(json));
    assert.deepEqual(validateHeygenResponse('GET', '/v3/videos/batches/{batch_id}', status, json), []);
    if (json.data.status !== 'processing') return json.data;
    if (Date.now() > deadline) throw new Error(`batch ${id} still processing: ${JSON.stringify(json.data.counts_by_status)}\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('the real server renders a batch of two avatar videos and a template generation', async () => {
  const dir = tempDataDir();
  const p = await startOrator({ dataDir: dir, port: await freePort() });
  try {
    const tpl = await api(p, 'POST', '/v3/templates', CARD);
    assert.equal(tpl.status, 200, JSON.stringify(tpl.json));
    const avatar = (script: string, colour: string) => ({ type: 'avatar', avatar_id: 'amara_office_front', voice_id: 'flite_slt', script, background: { type: 'color', value: colour }, dimension: SIZE });
    const started = Date.now();
    const created = await api(p, 'POST', '/v3/videos/batches', {
      title: 'real batch',
      videos: [
        avatar('Hello from the first video.', '#336699'),
        avatar('And this is the second.', '#993333'),
        { type: 'template', template_id: tpl.json.data.id, variables: { headline: { name: 'headline', type: 'text', properties: { content: 'BATCH' } } }, dimension: SIZE },
      ],
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const batch = await pollBatch(p, created.json.data.batch_id, 240_000);
    console.log(`# batch of 3 at ${SIZE.width}x${SIZE.height} rendered in ${Date.now() - started} ms (one render at a time)`);
    assert.equal(batch.status, 'completed', JSON.stringify(batch));
    assert.deepEqual(batch.counts_by_status, { queued: 0, processing: 0, completed: 3, failed: 0 });

    const expected = [{ corner: '#336699', audio: true }, { corner: '#993333', audio: true }, { corner: '#112233', audio: false }];
    for (const [i, item] of batch.items.entries()) {
      const { json: detail } = await api(p, 'GET', `/v3/videos/${item.video_id}`);
      assert.equal(detail.data.status, 'completed');
      const file = join(dir, `item-${i}.mp4`);
      const res = await fetch(detail.data.video_url);
      assert.equal(res.status, 200);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      const probe = await ffprobeJson(file);
      const video = probe.streams.find((s: any) => s.codec_type === 'video');
      assert.deepEqual([video.width, video.height], [SIZE.width, SIZE.height], `item ${i} size`);
      if (expected[i]!.audio) assert.ok(probe.streams.some((s: any) => s.codec_type === 'audio'), `item ${i} speaks`);
      assert.ok(Number(probe.format.duration) > 1, `item ${i} lasts (${probe.format.duration} s)`);
      const frame = join(dir, `item-${i}.png`);
      await run('ffmpeg', ['-v', 'error', '-ss', '1', '-i', file, '-frames:v', '1', '-y', frame]);
      if (process.env.ORATOR_KEEP_FRAMES) await copyFile(frame, join(process.env.ORATOR_KEEP_FRAMES, `batch-item-${i}.png`));
      // The top-left corner is background in every layout: each video has its own.
      const corner = await meanColour(frame, { x: 4, y: 4, w: 16, h: 16 });
      console.log(`# item ${i}: ${probe.format.duration} s, corner rgb ${corner.map((c) => c.toFixed(0)).join(',')} (expected ${expected[i]!.corner})`);
      assert.ok(near(corner, hex(expected[i]!.corner), 24), `item ${i} corner ${corner} vs ${expected[i]!.corner}`);
    }
    // The template's headline is drawn: its text box holds white ink on the dark card.
    const text = await sharp(join(dir, 'item-2.png')).removeAlpha().extract({ left: 40, top: 60, width: 240, height: 60 }).raw().toBuffer();
    const white = text.reduce((n, v) => n + (v > 200 ? 1 : 0), 0);
    assert.ok(white > 300, `the headline is in the frame (${white} bright channel values)`);
  } finally {
    p.child.kill('SIGTERM');
    await p.exited;
    await rm(dir, { recursive: true, force: true });
  }
});
