// The dashboard as built by `vite build` (web/vite.config.ts): index.html, the hashed files under _app/,
// and pages.json, the first path segment of each of the app's pages. Read again whenever index.html
// changes (a rebuild while Orator runs names new hashed files); a missing or unreadable bundle is
// reported as such instead of failing the API.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DashboardBundle {
  dir: string;
  indexHtml: string;
  /** `library`, `templates`, …: a GET under one of these (or on `/`) is a page of the app. */
  pageSegments: ReadonlySet<string>;
}

/** dist/web at the checkout's root, from src/api/dashboard (tsx) and dist/api/dashboard (built) alike. */
export const DEFAULT_BUNDLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const SIGN_IN_META = /<meta name="orator-sign-in" content="[^"]*"\s*\/?>/;

export async function readDashboardBundle(dir: string): Promise<DashboardBundle | null> {
  try {
    const [indexHtml, pages] = await Promise.all([fs.readFile(path.join(dir, 'index.html'), 'utf8'), fs.readFile(path.join(dir, 'pages.json'), 'utf8')]);
    const segments = (JSON.parse(pages) as { segments?: unknown }).segments;
    if (!Array.isArray(segments) || !SIGN_IN_META.test(indexHtml)) return null;
    return { dir, indexHtml, pageSegments: new Set(segments.filter((s): s is string => typeof s === 'string' && s !== '')) };
  } catch {
    return null;
  }
}

/** The bundle as it is now on disk: one stat per page load, a read only after a rebuild. */
export function dashboardBundleReader(dir: string): () => Promise<DashboardBundle | null> {
  let cached: { mtimeMs: number; bundle: Promise<DashboardBundle | null> } | null = null;
  return async () => {
    const mtimeMs = await fs.stat(path.join(dir, 'index.html')).then(
      (s) => s.mtimeMs,
      () => -1,
    );
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, bundle: mtimeMs < 0 ? Promise.resolve(null) : readDashboardBundle(dir) };
    return cached.bundle;
  };
}

/** Whether a path is one of the app's pages: `/`, or under a segment the app declares. */
export function isDashboardPage(pathname: string, segments: ReadonlySet<string>): boolean {
  if (pathname === '/') return true;
  const first = pathname.split('/')[1] ?? '';
  return segments.has(first);
}

/** The page as served: the app learns from this meta how to sign in (a session, or an API key). */
export function indexHtmlFor(bundle: DashboardBundle, signIn: 'session' | 'api-key'): string {
  return bundle.indexHtml.replace(SIGN_IN_META, `<meta name="orator-sign-in" content="${signIn}" />`);
}

/**
 * Scripts and styles from this origin only (the app has no inline script); pictures and media from
 * anywhere, since signed file links may point at an object store; blob: for the captions track the
 * player builds from the SRT.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  'img-src * data: blob:',
  'media-src * blob:',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
