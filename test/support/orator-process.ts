// Spawns the real `orator` process (src/main.ts through tsx, so no build step is needed; see spawnRole)
// on a free port with a temp data dir, and talks to it over HTTP.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnRole } from './role-process.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'orator-e2e-'));
}

export interface OratorProcess {
  child: ChildProcess;
  baseUrl: string;
  apiKey: string;
  output(): string;
  exited: Promise<number | null>;
}

export async function startOrator(options: { dataDir: string; port: number; env?: Record<string, string>; apiKey?: string }): Promise<OratorProcess> {
  const apiKey = options.apiKey ?? 'sk_e2e_test_key';
  const { child, output, exited } = spawnRole('all', {
    PORT: String(options.port),
    ORATOR_DATA_DIR: options.dataDir,
    ORATOR_API_KEY: apiKey,
    ORATOR_RENDER_CONCURRENCY: '1',
    ...options.env,
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`orator exited early:\n${output()}`);
    try {
      const r = await fetch(`${baseUrl}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`orator did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, baseUrl, apiKey, output, exited };
}

export async function api(p: OratorProcess, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${p.baseUrl}${url}`, {
    method,
    headers: { 'x-api-key': p.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, json: await r.json() };
}

/** Polls video_status.get until `until` returns true (HeyGen clients poll the same way). */
export async function pollStatus(p: OratorProcess, videoId: string, until: (d: any) => boolean, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await api(p, 'GET', `/v1/video_status.get?video_id=${videoId}`);
    if (until(json.data)) return json.data;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${videoId}: ${JSON.stringify(json)}\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const TINY_TWO_SCENES = {
  video_inputs: [
    {
      character: { type: 'avatar', avatar_id: 'amara_office_front', avatar_style: 'normal' },
      voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello there.' },
      background: { type: 'color', value: '#336699' },
    },
    {
      character: { type: 'avatar', avatar_id: 'daniel_blazer_front' },
      voice: { type: 'text', voice_id: 'flite_rms', input_text: 'Goodbye.' },
    },
  ],
  dimension: { width: 256, height: 256 },
  title: 'e2e',
};
