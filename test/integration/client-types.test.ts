// The client's generated types and the OpenAPI document beside them must match what the app serves now
// (regenerate with `node --import tsx scripts/generate-client-types.ts`), as the README compat table must.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildOpenApiDocument, DOCUMENT_FILE, REGENERATE, renderGeneratedFiles, staleFiles, TYPES_FILE } from '../../scripts/generate-client-types.js';

test('src/client/generated/ is current with the routes’ schemas', async () => {
  const files = await renderGeneratedFiles(await buildOpenApiDocument());
  assert.deepEqual(staleFiles(files), [], `src/client/generated/ is stale: run ${REGENERATE}`);
  // The types name the routes the client wraps, so a route the client needs cannot vanish unnoticed.
  for (const route of ['"/v3/videos"', '"/v3/videos/{video_id}"', '"/v3/avatars/looks"', '"/v3/voices"', '"/v3/templates/{template_id}"', '"/v3/assets"', '"/v3/webhooks/endpoints"']) {
    assert.ok(files[TYPES_FILE]!.includes(`${route}: {`), `${route} in the generated types`);
  }
});

test('the staleness check can fail: a changed document is reported', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-gen-'));
  try {
    fs.writeFileSync(path.join(dir, DOCUMENT_FILE), '{}\n');
    fs.writeFileSync(path.join(dir, TYPES_FILE), 'same');
    assert.deepEqual(staleFiles({ [DOCUMENT_FILE]: '{"openapi":"3.1.0"}\n', [TYPES_FILE]: 'same' }, dir), [DOCUMENT_FILE]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
