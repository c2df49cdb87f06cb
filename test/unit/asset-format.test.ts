// Asset formats come from magic numbers; containers that hold audio or video follow the uploader's word for audio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, kindOfContentType } from '../../src/services/assets.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ftyp = (brand: string) => bytes([0, 0, 0, 0x20], 'ftyp', brand, [0, 0, 0, 0], 'isomiso2');
const mime = (b: Buffer, declared?: 'image' | 'video' | 'audio') => detectFormat(b, declared)?.mimeType;

test('images: JPEG, PNG, WebP; HEIF/AVIF stills are refused', () => {
  assert.equal(mime(bytes([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(mime(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'rest')), 'image/png');
  assert.equal(mime(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')), 'image/webp');
  assert.equal(detectFormat(ftyp('heic')), undefined);
  assert.equal(detectFormat(ftyp('avif')), undefined);
});

test('video: MP4 and MOV by ftyp brand, WebM and Matroska by EBML DocType', () => {
  assert.deepEqual(detectFormat(ftyp('isom')), { fileType: 'video', mimeType: 'video/mp4', ext: 'mp4' });
  assert.equal(mime(ftyp('mp42')), 'video/mp4');
  assert.equal(mime(ftyp('qt  ')), 'video/quicktime');
  assert.equal(mime(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm')), 'video/webm');
  assert.equal(mime(bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska')), 'video/x-matroska');
});

test('audio: M4A brand, MP3 (ID3 or frame sync, not ADTS AAC), WAV, OGG; audio/* claims settle ISO and WebM containers', () => {
  assert.deepEqual(detectFormat(ftyp('M4A ')), { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' });
  assert.equal(mime(ftyp('isom'), 'audio'), 'audio/mp4');
  assert.equal(mime(bytes([0x1a, 0x45, 0xdf, 0xa3], 'webm'), 'audio'), 'audio/webm');
  assert.equal(mime(bytes('ID3', [4, 0, 0])), 'audio/mpeg');
  assert.equal(mime(bytes([0xff, 0xfb, 0x90, 0x64])), 'audio/mpeg');
  assert.equal(mime(bytes([0xff, 0xf3, 0x90, 0x64])), 'audio/mpeg');
  assert.equal(detectFormat(bytes([0xff, 0xf1, 0x50, 0x80])), undefined, 'ADTS AAC has layer 00');
  assert.equal(mime(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')), 'audio/wav');
  assert.equal(mime(bytes('OggS', [0, 2])), 'audio/ogg');
});

test('unknown and truncated bytes are undefined', () => {
  assert.equal(detectFormat(Buffer.from('%PDF-1.7')), undefined);
  assert.equal(detectFormat(Buffer.from('RIFF')), undefined);
  assert.equal(detectFormat(Buffer.from([0xff])), undefined);
  assert.equal(detectFormat(Buffer.alloc(0)), undefined);
});

test('content type kinds', () => {
  assert.equal(kindOfContentType('image/png'), 'image');
  assert.equal(kindOfContentType('Audio/X-WAV; rate=8000'), 'audio');
  assert.equal(kindOfContentType('application/octet-stream'), undefined);
  assert.equal(kindOfContentType(undefined), undefined);
});
