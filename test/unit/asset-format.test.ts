// Asset formats come from magic numbers (a Content-Type naming another format contradicts them), and
// containers that hold audio or video follow the uploader's word for audio; the upload probe parser and
// path redaction are pure functions tested here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCEPTED_MEDIA_TYPES, audioOnlyFormat, contradictsFormat, detectFormat, kindOfContentType, mediaTypeOf } from '../../src/services/assets/detect-asset-format.js';
import { buildUploadProbeArgs, parseUploadProbe } from '../../src/render/media/inspect-upload.js';
import { redactPaths } from '../../src/domain/redact-paths.js';

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

test('a Content-Type contradicts the bytes when it names another format; aliases, the ISO and EBML families and no-claim labels do not', () => {
  const jpeg = detectFormat(bytes([0xff, 0xd8, 0xff, 0xe0]))!;
  const wav = detectFormat(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))!;
  const mp4 = detectFormat(ftyp('isom'))!;
  assert.equal(contradictsFormat('image/png', jpeg), true, 'PNG label on JPEG bytes');
  assert.equal(contradictsFormat('audio/mpeg', wav), true, 'MP3 label on WAV bytes');
  assert.equal(contradictsFormat('image/png', wav), true, 'another kind altogether');
  assert.equal(contradictsFormat('video/webm', mp4), true);
  assert.equal(contradictsFormat('Image/JPG; q=1', jpeg), false);
  assert.equal(contradictsFormat('audio/x-wav', wav), false);
  assert.equal(contradictsFormat('video/quicktime', mp4), false, 'MP4 and MOV are one container');
  for (const none of [undefined, '', 'application/octet-stream', 'text/plain']) assert.equal(contradictsFormat(none, jpeg), false, String(none));
  assert.equal(mediaTypeOf(' Video/QuickTime ; codecs=x'), 'video/quicktime');
  assert.equal(mediaTypeOf('  '), undefined);
  assert.ok(ACCEPTED_MEDIA_TYPES.has('video/quicktime') && ACCEPTED_MEDIA_TYPES.has('audio/x-wav') && !ACCEPTED_MEDIA_TYPES.has('text/plain'));
});

test('containers found to hold sound only become audio; other formats have no audio-only twin', () => {
  assert.deepEqual(audioOnlyFormat(detectFormat(ftyp('isom'))!), { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' });
  assert.equal(audioOnlyFormat(detectFormat(bytes([0x1a, 0x45, 0xdf, 0xa3], 'webm'))!)?.mimeType, 'audio/webm');
  assert.equal(audioOnlyFormat(detectFormat(bytes([0xff, 0xd8, 0xff, 0xe0]))!), undefined);
});

test('upload probe: argv demuxes every packet; a short packet count or a partial-file complaint is truncation', () => {
  assert.deepEqual(buildUploadProbeArgs('/x/upload.mp4'), ['-v', 'error', '-count_packets', '-print_format', 'json', '-show_format', '-show_streams', '/x/upload.mp4']);
  const json = (streams: object[], duration = '2.000000') => JSON.stringify({ streams, format: { duration } });
  const video = { codec_type: 'video', width: 64, height: 48, nb_frames: '20', nb_read_packets: '20' };
  assert.deepEqual(parseUploadProbe(json([video, { codec_type: 'audio' }]), ''), { durationSec: 2, video: { width: 64, height: 48 }, hasAudio: true, truncated: false });
  assert.equal(parseUploadProbe(json([{ ...video, nb_read_packets: '1' }]), '')!.truncated, true);
  assert.equal(parseUploadProbe(json([{ codec_type: 'video', width: 64, height: 48, nb_read_packets: '12' }]), '[matroska,webm @ 0x1] File ended prematurely')!.truncated, true);
  assert.equal(parseUploadProbe(json([{ codec_type: 'audio' }], 'N/A'), '')!.durationSec, 0);
  assert.equal(parseUploadProbe('{}', ''), undefined, 'no streams');
  assert.equal(parseUploadProbe('not json', ''), undefined);
});

test('tool output keeps file names but loses the directories; URLs and ratios are left alone', () => {
  assert.equal(redactPaths('/srv/orator/data/tmp/render-1/stored-0.png: Invalid data'), 'stored-0.png: Invalid data');
  assert.equal(redactPaths("Error opening '/tmp/x/work/audio0.wav'"), "Error opening 'audio0.wav'");
  assert.equal(redactPaths('failed https://cdn.example.com/a/b.mp4 at 16/9'), 'failed https://cdn.example.com/a/b.mp4 at 16/9');
});
