// Builds the dashboard into dist/web (a build output, like the TypeScript build): index.html at the top,
// hashed scripts and styles under _app/, which Orator serves at /_app/ (src/api/dashboard/). The list of
// the app's own top-level pages is written beside them, so the server answers deep links to exactly
// those pages with index.html and nothing else (no API path can be shadowed).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { PAGE_SEGMENTS } from './src/lib/pages.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function pageList(): Plugin {
  return {
    name: 'orator-page-list',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'pages.json', source: `${JSON.stringify({ segments: PAGE_SEGMENTS })}\n` });
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [svelte(), pageList()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    assetsDir: '_app',
    target: 'es2022',
    // The whole app is one small chunk: nothing to gain from splitting, and one fewer request.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  // `npx vite --config web/vite.config.ts` serves the app with hot reload; the API comes from a running Orator.
  server: {
    proxy: Object.fromEntries(
      ['/v1', '/v2', '/v3', '/files', '/previews', '/stock', '/sign-in', '/sign-out', '/account'].map((p) => [p, { target: process.env.ORATOR_URL ?? 'http://127.0.0.1:8080' }]),
    ),
  },
});
