// Asset uploads: v1 raw bodies (/v1/asset), v3 multipart (/v3/assets); the type comes from the bytes,
// each space sees only its own, the links download the file, and v3 answers match HeyGen's schemas.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { createApiKey } from '../../src/auth/api-keys.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { silentWav } from '../support/silent-wav.js';
import { useTestPlatform } from '../support/use-test-platform.js';

let other: Record<string, string>;
let png: Buffer;
let mp4: Buffer;
let wav: Buffer;
let tmp: string;

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----orator${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n`;
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function uploadV1(body: Buffer, contentType: string, headers = h) {
  return t.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...headers, 'content-type': contentType }, payload: body });
}

function uploadV3(parts: Part[], headers: Record<string, string> = h) {
  const form = multipart(parts);
  return t.app.inject({ method: 'POST', url: '/v3/assets', headers: { ...headers, ...form.headers }, payload: form.payload });
}

/** Fetches a handed-out link through the app (local blobs are served by /files). */
async function download(url: string) {
  const u = new URL(url);
  return t.app.inject({ method: 'GET', url: u.pathname + u.search });
}

function conforms(method: string, template: string, r: { statusCode: number; json(): unknown; body: string }) {
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${template} ${r.statusCode}: ${r.body}`);
}

const t = useTestPlatform({ startWorkers: false }, async () => {
  const { key } = await createApiKey(t.platform.keys, { name: 'other space' });
  other = { 'x-api-key': key };
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-assets-'));
  png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366cc' } }).png().toBuffer();
  const mp4Path = path.join(tmp, 'clip.mp4');
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=d=0.2:s=64x48:r=10', '-pix_fmt', 'yuv420p', '-y', mp4Path]);
  mp4 = await fsp.readFile(mp4Path);
  wav = silentWav(800);
});
const h = t.headers;
after(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('v1 assets', () => {
  test('PNG upload: the v1 shape, image_key, and the link serves the same bytes', async () => {
    const r = await uploadV1(png, 'image/png');
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.deepEqual(Object.keys(body).sort(), ['code', 'data', 'message', 'msg']);
    assert.equal(body.code, 100);
    assert.equal(body.msg, null);
    assert.equal(body.message, null);
    const d = body.data;
    assert.match(d.id, /^[0-9a-f]{32}$/);
    assert.equal(d.name, `${d.id}.png`);
    assert.equal(d.file_type, 'image');
    assert.equal(d.folder_id, null);
    assert.equal(d.meta, null);
    assert.equal(d.image_key, `image/${d.id}/original`);
    assert.ok(Math.abs(d.created_ts - Date.now() / 1000) < 60, 'created_ts is in seconds');
    const file = await download(d.url);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.deepEqual(file.rawPayload, png);
  });

  test('WAV (audio/x-wav) and MP4 uploads; octet-stream takes the type from the bytes', async () => {
    const a = await uploadV1(wav, 'audio/x-wav');
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.json().data.file_type, 'audio');
    assert.equal(a.json().data.image_key, null);
    const v = await uploadV1(mp4, 'video/mp4');
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().data.file_type, 'video');
    assert.deepEqual((await download(v.json().data.url)).rawPayload, mp4);
    const o = await uploadV1(mp4, 'application/octet-stream');
    assert.equal(o.json().data.file_type, 'video');
  });

  test('empty body, unknown bytes, a contradicting or unlisted Content-Type: 400 in the v1 envelope', async () => {
    const empty = await uploadV1(Buffer.alloc(0), 'image/png');
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(empty.json().code, 40001);
    assert.match(empty.json().message, /body/);
    assert.equal(empty.json().data, null);
    const junk = await uploadV1(Buffer.from('just some text, not a picture'), 'image/png');
    assert.equal(junk.statusCode, 400);
    assert.match(junk.json().message, /JPEG, PNG/);
    const mismatch = await uploadV1(wav, 'image/png');
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.json().message, /image.*audio/);
    const unlisted = await uploadV1(png, 'text/plain');
    assert.equal(unlisted.statusCode, 400);
    assert.match(unlisted.json().message, /Content-Type must be one of/);
  });

  test('over 100 MB: 413 payload too large', async () => {
    const r = await uploadV1(Buffer.alloc(100 * 1024 * 1024 + 1), 'video/mp4');
    assert.equal(r.statusCode, 413, r.body);
    assert.equal(r.json().data, null);
  });

  test('list pages newest first; delete, then 404; another space neither sees nor deletes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await uploadV1(png, 'image/png', other)).json().data.id);
    const first = await t.app.inject({ method: 'GET', url: '/v1/asset/list?limit=2', headers: other });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().code, 100);
    assert.deepEqual(first.json().data.assets.map((a: { id: string }) => a.id), [ids[2], ids[1]]);
    assert.equal(typeof first.json().data.token, 'string');
    const second = await t.app.inject({ method: 'GET', url: `/v1/asset/list?limit=2&token=${encodeURIComponent(first.json().data.token)}`, headers: other });
    assert.deepEqual(second.json().data.assets.map((a: { id: string }) => a.id), [ids[0]]);
    assert.equal(second.json().data.token, null);

    const mine = await t.app.inject({ method: 'GET', url: '/v1/asset/list', headers: h });
    assert.ok(mine.json().data.assets.length > 0);
    assert.ok(mine.json().data.assets.every((a: { id: string }) => !ids.includes(a.id)), 'the other space does not leak');

    const stolen = await t.app.inject({ method: 'POST', url: `/v1/asset/${ids[0]}/delete`, headers: h });
    assert.equal(stolen.statusCode, 404);
    const del = await t.app.inject({ method: 'POST', url: `/v1/asset/${ids[0]}/delete`, headers: { ...other, 'content-type': 'application/json' } });
    assert.equal(del.statusCode, 200, del.body);
    assert.deepEqual(del.json(), { code: 100, data: null, msg: null, message: null });
    const again = await t.app.inject({ method: 'POST', url: `/v1/asset/${ids[0]}/delete`, headers: other });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().data, null);
  });

  test('no key: 401', async () => {
    assert.equal((await uploadV1(png, 'image/png', {})).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/asset/list' })).statusCode, 401);
  });
});

describe('v3 assets', () => {
  test('multipart upload answers HeyGen\'s UploadAssetV3Response; the link downloads the file', async () => {
    const r = await uploadV3([{ name: 'file', filename: 'clip.mp4', contentType: 'video/mp4', data: mp4 }]);
    assert.equal(r.statusCode, 200, r.body);
    conforms('POST', '/v3/assets', r);
    const d = r.json().data;
    assert.deepEqual(Object.keys(d).sort(), ['asset_id', 'mime_type', 'size_bytes', 'url']);
    assert.equal(d.mime_type, 'video/mp4');
    assert.equal(d.size_bytes, mp4.length);
    assert.deepEqual((await download(d.url)).rawPayload, mp4);
    const got = await t.app.inject({ method: 'GET', url: `/v3/assets/${d.asset_id}`, headers: h });
    assert.equal(got.statusCode, 200, got.body);
    conforms('GET', '/v3/assets/{asset_id}', got);
    assert.equal(got.json().data.name, 'clip.mp4');
    assert.equal(got.json().data.type, 'video');
    assert.equal(got.json().data.folder_id, null);
    assert.equal(got.json().data.owner, 'test');
  });

  test('the type comes from the bytes; a missing file, unknown bytes or a contradicting part type: 400', async () => {
    const octet = await uploadV3([{ name: 'file', filename: 'noise', contentType: 'application/octet-stream', data: wav }]);
    assert.equal(octet.json().data.mime_type, 'audio/wav');
    for (const parts of [[{ name: 'note', data: 'no file here' }], [{ name: 'upload', filename: 'a.png', contentType: 'image/png', data: png }]] as Part[][]) {
      const r = await uploadV3(parts);
      assert.equal(r.statusCode, 400, r.body);
      conforms('POST', '/v3/assets', r);
      assert.equal(r.json().error.param, 'file');
    }
    const json = await t.app.inject({ method: 'POST', url: '/v3/assets', headers: h, payload: { file: 'x' } });
    assert.equal(json.statusCode, 400);
    assert.equal(json.json().error.message, 'File is required. Upload a file using multipart/form-data.');
    const empty = await uploadV3([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: Buffer.alloc(0) }]);
    assert.equal(empty.statusCode, 400);
    const junk = await uploadV3([{ name: 'file', filename: 'a.txt', contentType: 'text/plain', data: 'hello' }]);
    assert.equal(junk.statusCode, 400);
    conforms('POST', '/v3/assets', junk);
    const mismatch = await uploadV3([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: mp4 }]);
    assert.equal(mismatch.statusCode, 400);
    assert.equal(mismatch.json().error.code, 'invalid_parameter');
    const two = await uploadV3([
      { name: 'file', filename: 'a.png', contentType: 'image/png', data: png },
      { name: 'file', filename: 'b.png', contentType: 'image/png', data: png },
    ]);
    assert.equal(two.statusCode, 400, two.body);
    assert.match(two.json().error.message, /one file/);
    const noKey = await uploadV3([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: png }], {});
    assert.equal(noKey.statusCode, 401);
    conforms('POST', '/v3/assets', noKey);
  });

  test('over 32 MB: 413 payload_too_large', async () => {
    const r = await uploadV3([{ name: 'file', filename: 'big.png', contentType: 'image/png', data: Buffer.concat([png, Buffer.alloc(32 * 1024 * 1024)]) }]);
    assert.equal(r.statusCode, 413, r.body);
    assert.equal(r.json().error.code, 'payload_too_large');
    assert.equal(r.json().error.param, 'file');
  });

  test('Idempotency-Key: the same file replays, another file under the key is 422', async () => {
    const key = { ...h, 'idempotency-key': 'asset-upload-1' };
    const a = await uploadV3([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: png }], key);
    const b = await uploadV3([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: png }], key);
    assert.equal(b.statusCode, 200, b.body);
    assert.equal(b.headers['idempotent-replayed'], 'true');
    assert.equal(b.json().data.asset_id, a.json().data.asset_id);
    const c = await uploadV3([{ name: 'file', filename: 'a.wav', contentType: 'audio/wav', data: wav }], key);
    assert.equal(c.statusCode, 422, c.body);
  });

  test('list pages with has_more/next_token; get and delete; 404 after; other spaces see nothing', async () => {
    const sp = (await createApiKey(t.platform.keys, { name: 'lister' })).key;
    const lh = { 'x-api-key': sp };
    const ids: string[] = [];
    for (const [i, data] of [png, wav, mp4].entries()) {
      ids.push((await uploadV3([{ name: 'file', filename: `f${i}`, data }], lh)).json().data.asset_id);
    }
    const seen: string[] = [];
    let url = '/v3/assets?limit=2';
    for (;;) {
      const r = await t.app.inject({ method: 'GET', url, headers: lh });
      assert.equal(r.statusCode, 200, r.body);
      conforms('GET', '/v3/assets', r);
      seen.push(...r.json().data.map((a: { id: string }) => a.id));
      if (!r.json().has_more) {
        assert.equal(r.json().next_token, null);
        break;
      }
      url = `/v3/assets?limit=2&token=${encodeURIComponent(r.json().next_token)}`;
    }
    assert.deepEqual(seen, [...ids].reverse());
    const first = (await t.app.inject({ method: 'GET', url: '/v3/assets?limit=1', headers: lh })).json().data[0];
    assert.deepEqual(Object.keys(first).sort(), ['folder_id', 'id', 'name', 'owner', 'space_id', 'type', 'uploaded_at', 'url']);
    assert.equal(first.owner, 'lister');
    assert.equal(first.type, 'video');
    assert.equal((await t.app.inject({ method: 'GET', url: '/v3/assets?folder_id=f1', headers: lh })).json().data.length, 0);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v3/assets?folder_id=', headers: lh })).json().data.length, 3);

    const bad = await t.app.inject({ method: 'GET', url: '/v3/assets?limit=101', headers: lh });
    assert.equal(bad.statusCode, 400);
    conforms('GET', '/v3/assets', bad);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v3/assets?token=garbage', headers: lh })).statusCode, 400);

    const foreign = await t.app.inject({ method: 'GET', url: `/v3/assets/${ids[0]}`, headers: h });
    assert.equal(foreign.statusCode, 404);
    conforms('GET', '/v3/assets/{asset_id}', foreign);
    const foreignDelete = await t.app.inject({ method: 'DELETE', url: `/v3/assets/${ids[0]}`, headers: h });
    assert.equal(foreignDelete.statusCode, 404);
    assert.ok(!(await t.app.inject({ method: 'GET', url: '/v3/assets?limit=100', headers: h })).json().data.some((a: { id: string }) => ids.includes(a.id)));

    const got = (await t.app.inject({ method: 'GET', url: `/v3/assets/${ids[0]}`, headers: lh })).json().data;
    const del = await t.app.inject({ method: 'DELETE', url: `/v3/assets/${ids[0]}`, headers: lh });
    assert.equal(del.statusCode, 200, del.body);
    conforms('DELETE', '/v3/assets/{asset_id}', del);
    assert.deepEqual(del.json(), { data: { id: ids[0] } });
    const gone = await t.app.inject({ method: 'GET', url: `/v3/assets/${ids[0]}`, headers: lh });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'asset_not_available');
    const again = await t.app.inject({ method: 'DELETE', url: `/v3/assets/${ids[0]}`, headers: lh });
    assert.equal(again.statusCode, 404);
    conforms('DELETE', '/v3/assets/{asset_id}', again);
    assert.equal((await download(got.url)).statusCode, 404, 'the file went with the row');
  });
});
