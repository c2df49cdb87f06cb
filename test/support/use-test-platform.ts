// The platform set-up every in-process test file shares: registers before/after hooks with node:test
// (in the file, or in the describe() it is called from) and hands back a handle at once. Its fields are
// filled in by the before hook, so tests and helpers read them at call time: `t.app`, `t.headers`.
// Set-up that needs the platform goes in `setUp`, not in another before(): Node 20 runs a file's
// top-level before hooks concurrently, so a second one could run before the platform exists.
import fs from 'node:fs';
import { after, before } from 'node:test';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { startTestPlatform, type StartTestPlatformOptions, type TestPlatform } from './test-platform.js';
import { newSpaceKey, startWebhookPlatform, type WebhookPlatformOptions } from './webhook-platform.js';

export interface TestPlatformHandle extends TestPlatform {
  /** `{ 'x-api-key': key }`: one object for the whole file, so `const h = t.headers` may be taken early. */
  readonly headers: Record<string, string>;
  /** The plan the fake engine was last asked to render. */
  lastPlan(): RenderPlan;
}

/** The API kit (startTestPlatform), or the webhook kit (private URLs allowed, fast delivery retries). */
export type UseTestPlatformOptions = (StartTestPlatformOptions & { kit?: 'api' }) | (WebhookPlatformOptions & { kit: 'webhooks' });

/** Runs once the platform is up; what it returns runs at tear-down, before the platform closes. */
export type TestPlatformSetUp = (t: TestPlatformHandle) => Promise<void | (() => Promise<void>)>;

export function useTestPlatform(options: UseTestPlatformOptions = {}, setUp?: TestPlatformSetUp): TestPlatformHandle {
  const headers: Record<string, string> = {};
  const handle = { headers, lastPlan: () => handle.engine.controls.renders.at(-1)! } as TestPlatformHandle;
  let tearDown: void | (() => Promise<void>);
  before(async () => {
    const started = options.kit === 'webhooks' ? await startWebhookTestPlatform(options) : await startTestPlatform(options);
    Object.assign(handle, started, { headers });
    headers['x-api-key'] = started.key;
    tearDown = await setUp?.(handle);
  });
  after(async () => {
    await tearDown?.();
    await handle.close?.();
  });
  return handle;
}

async function startWebhookTestPlatform(options: WebhookPlatformOptions): Promise<TestPlatform> {
  const p = await startWebhookPlatform(options);
  const { 'x-api-key': key } = await newSpaceKey(p);
  return {
    ...p,
    key: key!,
    async close() {
      await p.stop();
      fs.rmSync(p.dataDir, { recursive: true, force: true });
    },
  };
}
