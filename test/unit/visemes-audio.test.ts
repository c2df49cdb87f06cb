// Uploaded audio: decoding and its errors, and pocketsphinx phones checked against the synthesiser's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OratorError } from '../../src/domain/errors.js';
import { synthesizeSpeech } from '../../src/render/speech/synthesize-speech.js';
import { decodeAudio } from '../../src/render/visemes/decode-audio.js';
import { buildProbeArgs } from '../../src/render/media/probe-media.js';
import { buildAllphoneArgs, buildTranscriptGrammar, parsePocketsphinxTimes, phonesFromAudio } from '../../src/render/visemes/phones-from-audio.js';
import { buildVisemeTrack, mouthOpening } from '../../src/render/visemes/viseme-track.js';
import type { PhoneTiming } from '../../src/render/visemes/viseme.js';

const run = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), 'orator-audio-test-'));
test.after(() => rm(dir, { recursive: true, force: true }));

const isKind = (kind: string) => (e: unknown): boolean => e instanceof OratorError && e.kind === kind;

test('argv and parsers', () => {
  const args = buildAllphoneArgs('/a.wav', '/m');
  assert.deepEqual(args.slice(0, 6), ['-infile', '/a.wav', '-hmm', '/m/en-us', '-allphone', '/m/en-us-phone.lm.bin']);
  assert.ok(args.join(' ').includes('-beam 1e-15 -pbeam 1e-15 -lw 2.0 -time yes'));
  assert.deepEqual(buildProbeArgs('/x.mp3').at(-1), '/x.mp3');
  assert.equal(buildTranscriptGrammar(['hello', 'world']), '#JSGF V1.0;\ngrammar orator;\npublic <utterance> = [ hello ] [ world ] ;\n');
  assert.deepEqual(parsePocketsphinxTimes('SIL HH AH\nSIL 0.000 0.100 1.000000\nHH 0.110 0.200 0.9\n'), [{ token: 'SIL', start: 0, end: 0.1 }, { token: 'HH', start: 0.11, end: 0.2 }]);
});

test('decodeAudio: MP3 and OGG decode to 16 kHz; bad inputs get HeyGen errors', async () => {
  const src = join(dir, 'src.wav');
  await synthesizeSpeech({ text: 'Testing one two.', voiceId: 'espeak_en-us_m', outPath: src });
  for (const [ext, codec] of [['mp3', 'libmp3lame'], ['ogg', 'libvorbis'], ['m4a', 'aac']] as const) {
    const file = join(dir, `in.${ext}`);
    await run('ffmpeg', ['-v', 'error', '-y', '-i', src, '-c:a', codec, file]);
    const decoded = await decodeAudio(file, join(dir, `out-${ext}.wav`));
    assert.equal(decoded.sampleRate, 16000);
    assert.ok(decoded.durationSec > 0.5, `${ext}: ${decoded.durationSec}`);
  }
  const garbage = join(dir, 'garbage.mp3');
  await writeFile(garbage, Buffer.from('this is not audio at all, just some text pretending'.repeat(20)));
  await assert.rejects(decodeAudio(garbage, join(dir, 'g.wav')), (e: unknown) => isKind('video_file_corrupted')(e) && (e as Error).message.includes('garbage.mp3'));
  const image = join(dir, 'image.png');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=red:s=16x16', '-frames:v', '1', image]);
  await assert.rejects(decodeAudio(image, join(dir, 'i.wav')), isKind('invalid_audio_format'));
  const empty = join(dir, 'empty.wav');
  await writeFile(empty, Buffer.from('524946462400000057415645666d7420100000000100010080bb0000007701000200100064617461000000000000', 'hex').subarray(0, 44));
  await assert.rejects(decodeAudio(empty, join(dir, 'e.wav')), isKind('empty_audio_stream'));
});

function openingCorrelation(reference: PhoneTiming[], recognised: PhoneTiming[], durationSec: number): number {
  const a = buildVisemeTrack(reference, durationSec, 100).frames.map(mouthOpening);
  const b = buildVisemeTrack(recognised, durationSec, 100).frames.map(mouthOpening);
  const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, i) => {
    ab += (v - ma) * (b[i]! - mb);
    aa += (v - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

test('pocketsphinx phones follow flite and espeak speech (all-phone and transcript alignment)', async () => {
  const text = 'Hello there, the cat sat on a mat.';
  for (const voiceId of ['flite_slt', 'espeak_en-us_m']) {
    const spoken = await synthesizeSpeech({ text, voiceId, outPath: join(dir, `${voiceId}.wav`) });
    const heard = await phonesFromAudio(spoken.wavPath);
    const aligned = await phonesFromAudio(spoken.wavPath, text);
    const rAll = openingCorrelation(spoken.phones, heard, spoken.durationSec);
    const rJsgf = openingCorrelation(spoken.phones, aligned, spoken.durationSec);
    assert.ok(rAll > 0.25, `${voiceId} all-phone correlation ${rAll}`);
    assert.ok(rJsgf > 0.25, `${voiceId} transcript correlation ${rJsgf}`);
    // Rest where the file is silent: the first 100 ms of every engine's output is quiet.
    assert.equal(buildVisemeTrack(heard, spoken.durationSec, 25).frames[0], 'X');
  }
});
