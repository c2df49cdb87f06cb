// The real process end to end: generate a two-scene video over HTTP, poll it to completed, download
// it through its signed URL and check it with ffprobe; SIGKILL mid-render + restart completes the
// video exactly once; SIGTERM lets a running render finish before exiting.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { api, freePort, pollStatus, startOrator, tempDataDir, TINY_TWO_SCENES, type OratorProcess } from '../support/orator-process.js';

const running: OratorProcess[] = [];
const dirs: string[] = [];
after(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, env: Record<string, string> = {}) {
  const p = await startOrator({ dataDir, port: await freePort(), env });
  running.push(p);
  return p;
}

test('two-scene video: generate → completed → download → ffprobe', async () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const p = await start(dataDir);
  const { status, json } = await api(p, 'POST', '/v2/video/generate', TINY_TWO_SCENES);
  assert.equal(status, 200, JSON.stringify(json));
  const d = await pollStatus(p, json.data.video_id, (x) => x.status === 'completed' || x.status === 'failed');
  assert.equal(d.status, 'completed', JSON.stringify(d));
  assert.ok(d.duration > 0.5);
  const res = await fetch(d.video_url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'video/mp4');
  const file = path.join(dataDir, 'download.mp4');
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' }));
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  const audio = probe.streams.find((s: any) => s.codec_type === 'audio');
  assert.equal(video.width, 256);
  assert.equal(video.height, 256);
  assert.ok(audio, 'has an audio track');
  assert.ok(Math.abs(Number(probe.format.duration) - d.duration) < 0.5);
  for (const k of ['thumbnail_url', 'gif_url', 'caption_url']) assert.equal((await fetch(d[k])).status, 200, k);
  // The figures the render measured on this very file come back with the status.
  assert.ok(d.quality.envelope_correlation > 0.2, JSON.stringify(d.quality));
  assert.ok(Math.abs(d.quality.av_offset_ms) <= 80, JSON.stringify(d.quality));
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0);
});

test('SIGKILL mid-render, restart: the lease expires, the job is re-queued, the video completes once', async () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const env = { ORATOR_JOB_LEASE_SEC: '2' };
  const first = await start(dataDir, env);
  const { json } = await api(first, 'POST', '/v2/video/generate', TINY_TWO_SCENES);
  const id = json.data.video_id;
  await pollStatus(first, id, (x) => x.status === 'processing');
  first.child.kill('SIGKILL');
  await first.exited;

  const second = await start(dataDir, env);
  const d = await pollStatus(second, id, (x) => x.status === 'completed' || x.status === 'failed');
  assert.equal(d.status, 'completed', JSON.stringify(d));
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);

  const db = new Database(path.join(dataDir, 'orator.db'), { readonly: true });
  const jobs = db.prepare("select status, attempts from jobs where payload like ?").all(`%${id}%`) as { status: string; attempts: number }[];
  db.close();
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]!.status, 'done');
  assert.equal(jobs[0]!.attempts, 2, 'one killed attempt, one that finished');
  const rendered = (first.output() + second.output()).split('\n').filter((l) => l.includes('"video rendered"') && l.includes(id));
  assert.equal(rendered.length, 1, 'completed exactly once');
});

test('SIGTERM drains: a running render finishes before the process exits', async () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const p = await start(dataDir, { ORATOR_SHUTDOWN_GRACE_SEC: '120' });
  const { json } = await api(p, 'POST', '/v2/video/generate', TINY_TWO_SCENES);
  const id = json.data.video_id;
  await pollStatus(p, id, (x) => x.status === 'processing');
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0);
  const db = new Database(path.join(dataDir, 'orator.db'), { readonly: true });
  const row = db.prepare('select status from videos where id = ?').get(id) as { status: string };
  db.close();
  assert.equal(row.status, 'completed');
});
