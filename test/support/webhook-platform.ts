// Webhook test kit: the real platform (SQLite in a temp dir, fake render engine, private URLs allowed)
// that can be closed and composed again on the same data dir, and a real HTTP receiver on 127.0.0.1
// whose answers are scripted per path (status codes, or 'hang' to outlast the delivery timeout).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApiKey } from '../../src/auth/api-keys.js';
import type { PlatformOptions } from '../../src/compose.js';
import type { Config } from '../../src/config.js';
import { composeTestPlatform, type ComposedTestPlatform } from './test-platform.js';

export type WebhookPlatform = ComposedTestPlatform;

export interface WebhookPlatformOptions {
  dataDir?: string;
  env?: Record<string, string>;
  config?: Partial<Config>;
  webhooks?: PlatformOptions['webhooks'];
  startWorkers?: boolean;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'orator-webhooks-'));
}

export async function startWebhookPlatform(options: WebhookPlatformOptions = {}): Promise<WebhookPlatform> {
  return composeTestPlatform({
    dataDir: options.dataDir ?? tempDataDir(),
    env: { ORATOR_ALLOW_PRIVATE_URLS: '1', ...options.env },
    ...(options.config ? { config: options.config } : {}),
    platform: {
      pollMs: 20,
      // Attempt n+1 after 50 ms instead of the real schedule (5 s, 5 min, …); null after 9 attempts as in production.
      webhooks: options.webhooks ?? { retryDelaySec: (n) => (n < 9 ? 0.05 : null), timeoutMs: 400 },
    },
    ...(options.startWorkers === undefined ? {} : { startWorkers: options.startWorkers }),
  });
}

export async function newSpaceKey(p: WebhookPlatform, name = 'test'): Promise<Record<string, string>> {
  const { key } = await createApiKey(p.platform.keys, { name });
  return { 'x-api-key': key };
}

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export type Answer = number | 'hang';

export interface Receiver {
  url(pathname: string): string;
  received: Received[];
  on(pathname: string): Received[];
  /** Answers for this path in order; the last one repeats. Default 200. */
  script(pathname: string, answers: Answer[]): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pathname = (req.url ?? '/').split('?')[0]!;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ path: pathname, headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const list = scripts.get(pathname) ?? [];
      const answer = list.length > 1 ? list.shift()! : (list[0] ?? 200);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    received,
    on: (pathname) => received.filter((r) => r.path === pathname),
    script: (pathname, answers) => scripts.set(pathname, [...answers]),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const ONE_SCENE = {
  video_inputs: [
    {
      character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' },
      voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello.' },
    },
  ],
  dimension: { width: 256, height: 256 },
  callback_id: 'cb-1',
};

/** Polls until `check` is truthy (delivery retries run on timers, not on the idle queue alone). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('eventually: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
