// The MCP server driven by the MCP SDK's own client, as an agent host would: `orator mcp` over stdio (a
// child process calling a real spawned server), and Streamable HTTP at the server's /mcp with an API key.
// Each lists the tools, creates a video, polls get_video until it completes (a real render), finds it in
// list_videos, and the video_url it hands back is an MP4 that ffprobe reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';
import { ROOT } from '../support/orator-cli.js';

const AVATAR = 'daniel_blazer_front';
const HEYGEN_NAMES = ['create_video_from_avatar', 'get_video', 'list_videos', 'delete_video', 'list_avatar_looks', 'get_avatar_look', 'list_voices', 'generate_speech', 'list_templates', 'get_template', 'create_video_from_template'];
let server: OratorProcess;
let dataDir: string;

before(async () => {
  dataDir = tempDataDir();
  const port = await freePort();
  server = await startOrator({ dataDir, port, env: { ORATOR_PUBLIC_URL: `http://127.0.0.1:${port}` } });
});
after(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type ToolAnswer = { isError?: boolean; structuredContent?: Record<string, any>; content: Array<{ type: string; text?: string }> };
async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  return (await client.callTool({ name, arguments: args })) as ToolAnswer;
}

/** What an agent does: list, create, poll with get_video until done, find it in list_videos. */
async function makeAVideo(client: Client, label: string): Promise<Record<string, any>> {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const n of HEYGEN_NAMES) assert.ok(names.includes(n), `${label}: ${n} is listed`);
  for (const t of tools) {
    assert.ok(t.description && t.description.length > 30, `${t.name} has a description an agent can act on`);
    assert.equal(t.inputSchema.type, 'object');
  }
  const create = tools.find((t) => t.name === 'create_video_from_avatar')!;
  assert.deepEqual(create.inputSchema.required, ['avatar_id', 'script']);
  assert.match(create.description!, /get_video/, 'says which tool to poll');

  const looks = await call(client, 'list_avatar_looks', { limit: 50 });
  assert.ok(looks.structuredContent!.looks.some((l: { id: string }) => l.id === AVATAR));
  const made = await call(client, 'create_video_from_avatar', { avatar_id: AVATAR, script: `Made over ${label}.`, title: `mcp ${label}`, dimension: { width: 256, height: 144 } });
  assert.ok(!made.isError, JSON.stringify(made));
  const id = made.structuredContent!.video_id as string;
  assert.equal(made.structuredContent!.status, 'pending', 'returns at once, before the render');
  assert.match(made.structuredContent!.next, /get_video/);

  let video: Record<string, any> = {};
  for (const deadline = Date.now() + 120_000; ; ) {
    video = (await call(client, 'get_video', { video_id: id })).structuredContent!;
    if (video.status === 'completed' || video.status === 'failed') break;
    assert.ok(Date.now() < deadline, `${label}: still ${video.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.equal(video.status, 'completed', JSON.stringify(video));
  assert.match(video.video_url, /^http:\/\/127\.0\.0\.1:\d+\/files\//);
  assert.match(video.thumbnail_url, /^http:\/\/127\.0\.0\.1:\d+\/files\//);
  const listed = await call(client, 'list_videos', { limit: 10 });
  const entry = listed.structuredContent!.videos.find((v: { video_id: string }) => v.video_id === id);
  assert.ok(entry, `${label}: the video is in list_videos`);
  assert.equal(entry.title, `mcp ${label}`);
  assert.ok(entry.video_url && entry.thumbnail_url);
  return video;
}

async function probeUrl(url: string, name: string) {
  const file = path.join(dataDir, name);
  const res = await fetch(url);
  assert.equal(res.status, 200);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const p = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file], { encoding: 'utf8' }));
  const v = p.streams.find((s: { codec_type: string }) => s.codec_type === 'video');
  assert.deepEqual([v.codec_name, v.width, v.height], ['h264', 256, 144]);
}

test('stdio: `orator mcp` lists the tools, creates a video, polls it to completion, lists videos', async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'mcp'],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), ORATOR_BASE_URL: server.baseUrl, ORATOR_API_KEY: server.apiKey },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'orator-e2e', version: '1.0.0' });
  await client.connect(transport);
  try {
    assert.equal(client.getServerVersion()?.name, 'orator');
    assert.match(client.getInstructions() ?? '', /create_video_from_avatar/);
    const video = await makeAVideo(client, 'stdio');
    await probeUrl(video.video_url, 'stdio.mp4');
    const wrong = await call(client, 'get_video', { video_id: 'no_such_video' });
    assert.equal(wrong.isError, true);
    assert.match(wrong.content[0]!.text!, /^video_not_found: Video no_such_video not found/);
    const typo = await call(client, 'create_video_from_avatar', { avatar: AVATAR, script: 'x' });
    assert.equal(typo.isError, true);
    assert.match(typo.content[0]!.text!, /avatar_id is required; avatar is not an argument of this tool/);
  } finally {
    await client.close();
  }
});

test('Streamable HTTP at /mcp with an API key: the same flow; no key is a 401; GET is 405', async () => {
  const client = new Client({ name: 'orator-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`), { requestInit: { headers: { 'x-api-key': server.apiKey } } }));
  try {
    const video = await makeAVideo(client, 'http');
    await probeUrl(video.video_url, 'http.mp4');
    const deleted = await call(client, 'delete_video', { video_id: video.video_id });
    assert.deepEqual(deleted.structuredContent, { id: video.video_id, deleted: true });
  } finally {
    await client.close();
  }
  const anonymous = new Client({ name: 'orator-e2e', version: '1.0.0' });
  await assert.rejects(anonymous.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`))), /authentication_failed/);
  const refused = await fetch(`${server.baseUrl}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
  assert.equal(refused.status, 401);
  const get = await fetch(`${server.baseUrl}/mcp`, { headers: { 'x-api-key': server.apiKey, accept: 'text/event-stream' } });
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
});
