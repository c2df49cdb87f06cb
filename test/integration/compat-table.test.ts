// README's HeyGen compatibility table must match the app's real routes (regenerate with
// `node --import tsx scripts/compat-table.ts --write`), and the parser must read API-SURFACE.md rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildCompatTable, parseSurface, renderTable, replaceBetweenMarkers, tableInReadme } from '../../scripts/compat-table.js';

test('README compat table is current', async () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const current = tableInReadme(readme);
  assert.ok(current, 'README.md has no compat-table markers: run scripts/compat-table.ts --write');
  assert.equal(current, await buildCompatTable(), 'README.md compat table is stale: run node --import tsx scripts/compat-table.ts --write');
});

test('parses method/path cells, several methods or paths per row, and upload-host URLs', () => {
  const md = [
    '# Surface',
    '## 3. Endpoint inventory',
    '| Method | Path | Ver | Purpose |',
    '|---|---|---|---|',
    '| GET | `/v2/avatars` | v2 | x |',
    '| POST | `https://upload.heygen.com/v1/asset` | v1 | x |',
    '| GET/POST | `/v1/a`, `/v1/b` | v1 | x |',
    '## 4. Next',
    '| GET | `/v9/ignored` | v9 | x |',
  ].join('\n');
  const rows = parseSurface(md);
  assert.deepEqual(rows.map((r) => `${r.method} ${r.path}`), ['GET /v2/avatars', 'POST /v1/asset', 'GET /v1/a', 'GET /v1/b', 'POST /v1/a', 'POST /v1/b']);
  const table = renderTable(rows, new Set(['GET /v2/avatars', 'GET /v1/a']));
  assert.match(table, /\| GET \| `\/v2\/avatars` \| v2 \| partial \| stock avatars/);
  assert.match(table, /\| GET \| `\/v1\/a` \| v1 \| supported \|/);
  assert.match(table, /\| POST \| `\/v1\/asset` \| v1 \| not yet \|/);
  assert.equal(tableInReadme(replaceBetweenMarkers('# R\n', 'T')), 'T');
  assert.equal(replaceBetweenMarkers(replaceBetweenMarkers('# R\n', 'T'), 'U').match(/compat-table:start/g)?.length, 1);
});
