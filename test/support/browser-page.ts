// A Chromium page for browser tests that holds the page to a user's standard: every console error,
// uncaught exception, failed request and 4xx/5xx answer is recorded (a test allows the few it means to
// cause, by URL and status), pictures must load, axe-core must find nothing serious, and each page is
// kept as a screenshot in a folder the test prints.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_LAUNCH = { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking'] };

export interface WatchedPage {
  page: Page;
  /** Everything that went wrong so far, one line each. */
  problems: string[];
  /** A 4xx/5xx the test causes on purpose (and the console line Chromium logs for it). */
  allow(urlPart: string, status: number): void;
  /** Waits until the page's pictures have loaded (each one must), then screenshots it and runs axe. */
  check(name: string): Promise<void>;
  /** Fails the test on any problem recorded so far. */
  assertClean(): void;
  close(): Promise<void>;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, so the page's content security policy does not block it.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Every <img> finished loading with real pixels; a broken picture fails the test by name. */
export async function picturesLoaded(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: timeoutMs, polling: 200 });
  const broken = await page.evaluate(() => [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.currentSrc || img.src));
  assert.deepEqual(broken, [], 'every picture on the page loads');
}

export async function openWatchedPage(browser: Browser, shotsDir: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed: Array<{ urlPart: string; status: number }> = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const i = allowed.findIndex((a) => r.url().includes(a.urlPart) && a.status === r.status());
    if (i >= 0) allowed.splice(i, 1);
    else problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('console', (m) => {
    // Chromium logs every refused or failed request once more as "Failed to load resource"; the
    // response and requestfailed listeners have each of them already, with its URL.
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => {
    // A media element drops its own range requests as it seeks and buffers: that is how players work.
    if (r.resourceType() === 'media' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return {
    page,
    problems,
    allow: (urlPart, status) => allowed.push({ urlPart, status }),
    async check(name) {
      await picturesLoaded(page);
      await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
      const bad = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad, [], `${name}: axe finds no serious or critical violation`);
    },
    assertClean() {
      assert.deepEqual(problems, [], 'no console error, failed request or refused request');
    },
    close: () => context.close(),
  };
}
