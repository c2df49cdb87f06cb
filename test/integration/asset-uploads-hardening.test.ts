// Uploads are what they say, and a file that cannot be rendered is refused at upload: a Content-Type
// that contradicts the bytes, damaged or cut-off files, images too large to decode, audio and video
// over HeyGen's limits, and malformed multipart bodies are all 400s with HeyGen's codes; nothing is
// stored for any of them. Fixtures are made here with ffmpeg and sharp (and one PNG header by hand).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { createApiKey } from '../../src/auth/api-keys.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { silentWav } from '../support/silent-wav.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const run = promisify(execFile);
const t = useTestPlatform({ startWorkers: false });
const h = t.headers;
let tmp: string;
const f: Record<string, Buffer> = {};

async function ffmpeg(name: string, args: string[]): Promise<Buffer> {
  const out = path.join(tmp, name);
  await run('ffmpeg', ['-v', 'error', ...args, '-y', out]);
  return fsp.readFile(out);
}

const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A well-formed PNG whose IHDR claims `width`×`height` (valid CRCs; the pixels are not there). */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function uploadV1(body: Buffer, contentType: string, headers = h) {
  return t.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...headers, 'content-type': contentType }, payload: body });
}

function form(data: Buffer, contentType: string, boundary = `----orator${randomBytes(8).toString('hex')}`) {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { boundary, payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]) };
}

function uploadV3(data: Buffer, contentType: string, headers = h) {
  const { boundary, payload } = form(data, contentType);
  return t.app.inject({ method: 'POST', url: '/v3/assets', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

function conforms(r: { statusCode: number; json(): unknown; body: string }) {
  assert.deepEqual(validateHeygenResponse('POST', '/v3/assets', r.statusCode, r.json()), [], `${r.statusCode}: ${r.body}`);
}

/** A fresh space, so "nothing stored" is an empty listing. */
async function freshSpace(name: string): Promise<Record<string, string>> {
  return { 'x-api-key': (await createApiKey(t.platform.keys, { name })).key };
}

async function assertNothingStored(headers: Record<string, string>) {
  const list = await t.app.inject({ method: 'GET', url: '/v3/assets', headers });
  assert.deepEqual(list.json().data, [], list.body);
  // The upload's scratch copy is gone too.
  const scratch = await fsp.readdir(path.join(t.dataDir, 'tmp')).catch(() => []);
  assert.deepEqual(scratch.filter((n) => n.startsWith('asset-')), []);
}

before(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-upload-hardening-'));
  const noise = Buffer.from(Array.from({ length: 96 * 64 * 3 }, (_, i) => (i * 7919) % 251));
  const raw = { raw: { width: 96, height: 64, channels: 3 as const } };
  f.png = await sharp(noise, raw).png().toBuffer();
  f.jpeg = await sharp(noise, raw).jpeg().toBuffer();
  f.wav = await ffmpeg('tone.wav', ['-f', 'lavfi', '-i', 'sine=d=0.5']);
  f.mp3 = await ffmpeg('tone.mp3', ['-f', 'lavfi', '-i', 'sine=d=0.5']);
  f.mp4 = await ffmpeg('clip.mp4', ['-f', 'lavfi', '-i', 'testsrc=d=1:s=64x48:r=10', '-pix_fmt', 'yuv420p']);
  f.mp4Faststart = await ffmpeg('fast.mp4', ['-f', 'lavfi', '-i', 'testsrc=d=1:s=64x48:r=10', '-pix_fmt', 'yuv420p', '-movflags', '+faststart']);
  f.mov = await ffmpeg('clip.mov', ['-f', 'lavfi', '-i', 'testsrc=d=0.5:s=64x48:r=10', '-pix_fmt', 'yuv420p', '-f', 'mov']);
  f.m4aAsMp4 = await ffmpeg('sound.mp4', ['-f', 'lavfi', '-i', 'sine=d=0.5', '-c:a', 'aac', '-f', 'mp4']);
  f.longVideo = await ffmpeg('long.mp4', ['-f', 'lavfi', '-i', 'color=c=black:s=16x16:r=1:d=3601', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
  f.wideVideo = await ffmpeg('wide.mkv', ['-f', 'lavfi', '-i', 'color=c=black:s=8200x2:r=1:d=1', '-c:v', 'rawvideo', '-pix_fmt', 'gray']);
});
after(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('uploads are what they say', () => {
  test('MOV is taken as video/quicktime on /v1/asset; label aliases agree with their bytes', async () => {
    const mov = await uploadV1(f.mov!, 'video/quicktime');
    assert.equal(mov.statusCode, 200, mov.body);
    assert.equal(mov.json().data.file_type, 'video');
    const detail = await t.app.inject({ method: 'GET', url: `/v3/assets/${mov.json().data.id}`, headers: h });
    assert.equal(detail.json().data.type, 'video');
    for (const [bytes, label] of [[f.jpeg!, 'image/jpg'], [f.wav!, 'audio/x-wav'], [f.mp3!, 'audio/mp3'], [f.mp4!, 'video/quicktime']] as const) {
      const r = await uploadV1(bytes, label);
      assert.equal(r.statusCode, 200, `${label}: ${r.body}`);
    }
    const v3 = await uploadV3(f.mov!, 'video/quicktime');
    assert.equal(v3.statusCode, 200, v3.body);
    assert.equal(v3.json().data.mime_type, 'video/quicktime');
  });

  test('a Content-Type that contradicts the bytes is refused with the catalogue code, and nothing is stored', async () => {
    const space = await freshSpace('contradictions');
    const pngOnJpeg = await uploadV1(f.jpeg!, 'image/png', space);
    assert.equal(pngOnJpeg.statusCode, 400, pngOnJpeg.body);
    assert.equal(pngOnJpeg.json().code, 400175);
    assert.match(pngOnJpeg.json().message, /image\/png.*image\/jpeg/);
    const mp3OnWav = await uploadV1(f.wav!, 'audio/mpeg', space);
    assert.equal(mp3OnWav.statusCode, 400, mp3OnWav.body);
    assert.equal(mp3OnWav.json().code, 40044, 'INVALID_AUDIO_FORMAT');
    assert.match(mp3OnWav.json().message, /audio\/mpeg.*audio\/wav/);
    const webmOnMp4 = await uploadV1(f.mp4!, 'video/webm', space);
    assert.equal(webmOnMp4.json().code, 40010, 'VIDEO_FORMAT_NOT_SUPPORTED');
    const v3 = await uploadV3(f.jpeg!, 'image/png', space);
    assert.equal(v3.statusCode, 400, v3.body);
    conforms(v3);
    assert.equal(v3.json().error.code, 'invalid_parameter');
    assert.equal(v3.json().error.param, 'file');
    await assertNothingStored(space);
  });

  test('an unsupported or unparsable Content-Type on /v1/asset lists the media types it takes', async () => {
    for (const type of ['text/plain', 'garbage', 'image/', 'application/json']) {
      const r = await uploadV1(f.png!, type);
      assert.equal(r.statusCode, 400, `${type}: ${r.body}`);
      assert.equal(r.json().code, 400175);
      const message: string = r.json().message;
      for (const listed of ['image/jpeg', 'image/png', 'video/mp4', 'video/quicktime', 'video/webm', 'audio/mpeg', 'audio/wav']) {
        assert.ok(message.includes(listed), `${type}: ${message} lacks ${listed}`);
      }
    }
  });

  test('an MP4 holding only sound, sent without a claim, is stored as audio', async () => {
    const r = await uploadV3(f.m4aAsMp4!, 'application/octet-stream');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().data.mime_type, 'audio/mp4');
    const asVideo = await uploadV1(f.m4aAsMp4!, 'video/mp4');
    assert.equal(asVideo.statusCode, 400, asVideo.body);
    assert.equal(asVideo.json().code, 40010);
    assert.match(asVideo.json().message, /no video stream/);
  });
});

describe('files are probed at upload', () => {
  test('cut-off images and videos are VIDEO_FILE_CORRUPTED (400652); damaged audio is INVALID_AUDIO_FORMAT (40044)', async () => {
    const space = await freshSpace('corrupt');
    const cases: [string, Buffer, string, number][] = [
      ['truncated JPEG', half(f.jpeg!), 'image/jpeg', 400652],
      ['truncated PNG', half(f.png!), 'image/png', 400652],
      ['PNG with only its signature', f.png!.subarray(0, 12), 'image/png', 400652],
      ['MP4 cut before its index', half(f.mp4!), 'video/mp4', 400652],
      ['faststart MP4 cut mid-data', half(f.mp4Faststart!), 'video/mp4', 400652],
      ['WAV cut inside its header', f.wav!.subarray(0, 30), 'audio/wav', 40044],
      ['MP3 frame header then noise', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), randomBytes(3000)]), 'audio/mpeg', 40044],
    ];
    for (const [name, bytes, type, code] of cases) {
      const r = await uploadV1(bytes, type, space);
      assert.equal(r.statusCode, 400, `${name}: ${r.body}`);
      assert.equal(r.json().code, code, `${name}: ${r.body}`);
      assert.doesNotMatch(r.json().message, /\/tmp|orator-test|upload\./, `${name}: no server paths`);
      const v3 = await uploadV3(bytes, 'application/octet-stream', space);
      assert.equal(v3.statusCode, 400, `${name} (v3): ${v3.body}`);
      conforms(v3);
      assert.equal(v3.json().error.param, 'file');
    }
    await assertNothingStored(space);
  });

  test('a PNG header claiming 100000×100000 px is refused before decoding (IMAGE_TOO_LARGE), on assets and talking photos', async () => {
    const space = await freshSpace('bomb');
    const bomb = pngClaiming(100_000, 100_000);
    const started = Date.now();
    const r = await uploadV1(bomb, 'image/png', space);
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().code, 400185);
    assert.match(r.json().message, /100000×100000.*8192×8192/);
    const v3 = await uploadV3(bomb, 'image/png', space);
    assert.equal(v3.statusCode, 400, v3.body);
    conforms(v3);
    assert.equal(v3.json().error.code, 'invalid_parameter');
    const photo = await t.app.inject({ method: 'POST', url: '/v1/talking_photo', headers: { ...space, 'content-type': 'image/png' }, payload: bomb });
    assert.equal(photo.statusCode, 400, photo.body);
    assert.equal(photo.json().code, 400185);
    assert.ok(Date.now() - started < 5000, 'refused from the header, not after decoding');
    const wide = pngClaiming(8193, 16);
    assert.equal((await uploadV1(wide, 'image/png', space)).json().code, 400185, 'the limit is per side');
    await assertNothingStored(space);
  });

  test('a damaged talking photo fails at upload, not at render', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/talking_photo', headers: { ...h, 'content-type': 'image/jpeg' }, payload: half(f.jpeg!) });
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().code, 400652);
  });

  test('audio over 10 minutes, video over an hour or wider than 8192 px: refused with their codes', async () => {
    const space = await freshSpace('limits');
    const longAudio = await uploadV1(silentWav(601 * 8000, 8), 'audio/wav', space);
    assert.equal(longAudio.statusCode, 400, longAudio.body);
    assert.equal(longAudio.json().code, 400186);
    assert.match(longAudio.json().message, /601\.0 s; at most 10 minutes/);
    const longVideo = await uploadV1(f.longVideo!, 'video/mp4', space);
    assert.equal(longVideo.statusCode, 400, longVideo.body);
    assert.equal(longVideo.json().code, 40119, 'VIDEO_TOO_LONG');
    const wide = await uploadV1(f.wideVideo!, 'application/octet-stream', space);
    assert.equal(wide.statusCode, 400, wide.body);
    assert.equal(wide.json().code, 40010);
    assert.match(wide.json().message, /8200×2/);
    await assertNothingStored(space);
    const ok = await uploadV1(silentWav(599 * 8000, 8), 'audio/wav', space);
    assert.equal(ok.statusCode, 200, 'just under the limit is fine');
  });
});

describe('malformed multipart on POST /v3/assets', () => {
  test('no boundary, a boundary the body never uses, a part cut off: 400 in the v3 envelope, never a 5xx', async () => {
    const space = await freshSpace('multipart');
    const { boundary, payload } = form(f.png!, 'image/png');
    const cases: [string, string, Buffer][] = [
      ['no boundary', 'multipart/form-data', payload],
      ['wrong boundary', 'multipart/form-data; boundary=not-the-one', payload],
      ['truncated part', `multipart/form-data; boundary=${boundary}`, payload.subarray(0, payload.length - 40)],
      ['headers only', `multipart/form-data; boundary=${boundary}`, payload.subarray(0, 60)],
      ['unparsable Content-Type', 'multipart/', payload],
    ];
    for (const [name, contentType, body] of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/v3/assets', headers: { ...space, 'content-type': contentType }, payload: body });
      assert.equal(r.statusCode, 400, `${name}: ${r.body}`);
      conforms(r);
      assert.equal(r.json().error.code, 'invalid_parameter', name);
      assert.equal(r.json().error.param, 'file', name);
    }
    await assertNothingStored(space);
  });
});
