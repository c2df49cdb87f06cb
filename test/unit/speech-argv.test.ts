// Pure parts of the speech engines: argv builders, output parsers, text handling, catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEspeakTimingArgs, parseEspeakTimingOutput, timingsFromEspeakEvents } from '../../src/render/speech/espeak-ng-engine.js';
import { buildFliteArgs, buildFliteLookupArgs, buildWordLookupText, parseFlitePsdur, wordTimingsFromPhones } from '../../src/render/speech/flite-engine.js';
import { buildFestivalArgs, buildFestivalScript, parseFestivalDump, splitSentences, wordTimingsFromTokens } from '../../src/render/speech/festival-engine.js';
import { buildResampleArgs } from '../../src/render/speech/resample-wav.js';
import { parseSpeechText } from '../../src/domain/speech-text.js';
import { splitWords } from '../../src/render/speech/split-words.js';
import { alignSequences } from '../../src/render/speech/align-sequences.js';
import { toAsciiText } from '../../src/render/speech/ascii-text.js';
import { defaultVoiceFor, findVoice, listVoices } from '../../src/render/speech/voice-catalogue.js';
import { encodeWav, parseWav } from '../../src/render/speech/wav-file.js';

test('espeak-timing argv maps speed to words per minute and pitch onto 0..99', () => {
  assert.deepEqual(buildEspeakTimingArgs({ voice: 'en-us+f3', speed: 1, pitch: 0, outPath: '/o.wav' }), ['--voice', 'en-us+f3', '--rate', '175', '--pitch', '50', '--out', '/o.wav']);
  assert.deepEqual(buildEspeakTimingArgs({ voice: 'de+m3', speed: 1.5, pitch: 50, outPath: '/o.wav' }).slice(2, 6), ['--rate', '263', '--pitch', '99']);
  assert.deepEqual(buildEspeakTimingArgs({ voice: 'de+m3', speed: 0.5, pitch: -50, outPath: '/o.wav' }).slice(2, 6), ['--rate', '88', '--pitch', '0']);
});

test('espeak events: merged function words are mapped back by text position', () => {
  const text = 'shop of the year';
  const stdout = ['rate\t22050', 'word\t0.000\t1\t4', 'phoneme\t0.010\tS', 'phoneme\t0.100\t0', 'phoneme\t0.250\tp',
    'word\t0.300\t6\t2', 'phoneme\t0.300\tV', 'phoneme\t0.360\tv', 'phoneme\t0.420\tD', 'phoneme\t0.470\t@2',
    'word\t0.520\t13\t4', 'phoneme\t0.530\tj', 'phoneme\t0.630\ti@3', 'phoneme\t0.900\t_:', 'end\t1.000', 'done\t1.100'].join('\n');
  const parsed = parseEspeakTimingOutput(stdout);
  assert.equal(parsed.sampleRate, 22050);
  assert.equal(parsed.durationSec, 1.1);
  const { words, phones } = timingsFromEspeakEvents(text, parsed);
  assert.deepEqual(words.map((w) => w.word), ['shop', 'of', 'the', 'year']);
  // "of the" shared one event (0.30 to the end of its last phoneme, 0.53) by length: 2 and 3 characters.
  assert.ok(Math.abs(words[1]!.start - 0.3) < 1e-9 && Math.abs(words[1]!.end - 0.392) < 1e-9);
  assert.ok(Math.abs(words[2]!.end - 0.53) < 1e-9);
  // The last word ends where speech ends, not at the trailing pause.
  assert.ok(Math.abs(words[3]!.end - 0.9) < 1e-9);
  assert.equal(phones.at(-1)!.viseme, 'X');
  assert.equal(phones[0]!.phone, 'S');
});

test('flite argv: duration stretch is 1/speed, pitch shifts the voice mean F0', () => {
  assert.deepEqual(buildFliteArgs({ voice: 'slt', speed: 1, pitch: 0, textPath: '/t.txt', outPath: '/o.wav' }), ['-voice', 'slt', '--setf', 'duration_stretch=1', '-psdur', '-f', '/t.txt', '-o', '/o.wav']);
  const fast = buildFliteArgs({ voice: 'rms', speed: 1.25, pitch: 50, textPath: '/t.txt', outPath: '/o.wav' });
  assert.deepEqual(fast.slice(0, 6), ['-voice', 'rms', '--setf', 'duration_stretch=0.8', '--setf', 'int_f0_target_mean=134.35']);
  assert.deepEqual(buildFliteLookupArgs('kal', '/w.txt'), ['-voice', 'kal', '-ps', '-f', '/w.txt', '-o', 'none']);
  assert.equal(buildWordLookupText(splitWords('Hello, "café" world!')), 'Hello\n\ncafe\n\nworld\n');
});

test('flite -psdur: times restart per utterance and are accumulated', () => {
  const phones = parseFlitePsdur('pau:0.100 hh:0.200 ay:0.400 pau:0.500 \npau:0.100 b:0.200 ay:0.300 pau:0.400 \n');
  assert.equal(phones.length, 8);
  assert.deepEqual(phones.map((p) => p.start), [0, 0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8]);
  assert.ok(Math.abs(phones.at(-1)!.end - 0.9) < 1e-9);
  assert.equal(phones[5]!.viseme, 'A');
  const words = wordTimingsFromPhones(splitWords('Hi, bye.'), phones, 'pau hh ay pau\npau b ay pau\n');
  assert.deepEqual(words.map((w) => [w.word, +w.start.toFixed(3), +w.end.toFixed(3)]), [['Hi,', 0.1, 0.4], ['bye.', 0.6, 0.8]]);
});

test('festival script: voice, speed and pitch, escaped text, one WAV and dump per chunk', () => {
  const script = buildFestivalScript({ voice: 'cmu_us_slt_arctic_hts', chunks: ['Say "hi" \\ now.', 'Bye.'], workDir: '/w', speed: 1.25, pitch: 25 });
  assert.match(script, /^\(voice_cmu_us_slt_arctic_hts\)/);
  assert.match(script, /\(list "-r" 1\.250\) \(list "-fm" 3\.000\)/);
  assert.ok(script.includes('(Utterance Text "Say \\"hi\\" \\\\ now.")'));
  assert.ok(script.includes(`(utt.save.wave utt1 "/w/chunk-1.wav" 'riff)`));
  assert.ok(script.includes('(orator.dump utt1 "/w/chunk-1.tsv")'));
  assert.deepEqual(buildFestivalArgs('/w/s.scm'), ['-b', '/w/s.scm']);
  assert.deepEqual(splitSentences('One. Two? "Three." Four', 12), ['One. Two?', '"Three."', 'Four']);
  const dump = parseFestivalDump('seg\tpau\t0.1\nseg\thh\t0.2\nseg\tay\t0.4\nword\t0\t0.1\t0.4\tHi\nword\t3\t0.4\t0.6\t12\nword\t3\t0.6\t0.9\t12\n');
  assert.equal(dump.phones.length, 3);
  assert.deepEqual(dump.tokens.map((t) => [t.name, t.start, t.end]), [['Hi', 0.1, 0.4], ['12', 0.4, 0.9]]);
  assert.deepEqual(wordTimingsFromTokens('Hi, 12!', dump.tokens, 1).map((w) => [w.word, w.start, w.end]), [['Hi,', 1.1, 1.4], ['12!', 1.4, 1.9]]);
});

test('ffmpeg resample argv: mono 16-bit at the target rate', () => {
  const args = buildResampleArgs('/in.wav', '/out.wav', 22050);
  assert.deepEqual(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2), ['-i', '/in.wav']);
  assert.ok(args.join(' ').includes('-ac 1 -ar 22050 -c:a pcm_s16le'));
  assert.equal(args.at(-1), '/out.wav');
});

test('SSML: breaks become pauses, other tags are dropped', () => {
  assert.deepEqual(parseSpeechText('Hello <break time="1s"/> world<break time="500ms" />!'), [
    { type: 'text', text: 'Hello' }, { type: 'pause', durationSec: 1 }, { type: 'text', text: 'world' }, { type: 'pause', durationSec: 0.5 }, { type: 'text', text: '!' },
  ]);
  assert.deepEqual(parseSpeechText('<speak><emphasis>Big</emphasis> &amp; small</speak>'), [{ type: 'text', text: 'Big & small' }]);
  assert.deepEqual(parseSpeechText('a <break/> b <break time="99s"/>'), [{ type: 'text', text: 'a' }, { type: 'pause', durationSec: 0.5 }, { type: 'text', text: 'b' }, { type: 'pause', durationSec: 10 }]);
});

test('words, ASCII folding, alignment and WAV round trip', () => {
  assert.deepEqual(splitWords('Café — naïve, ok'), [{ text: 'Café', start: 0, end: 4 }, { text: 'naïve,', start: 7, end: 13 }, { text: 'ok', start: 14, end: 16 }]);
  assert.equal(toAsciiText('Café “naïve” — Straße'), 'Cafe "naive"  -  Strasse');
  assert.deepEqual(alignSequences(['a', 'b', 'x', 'c'], ['a', 'b', 'c']), [0, 1, -1, 2]);
  const wav = parseWav(encodeWav({ sampleRate: 22050, samples: Int16Array.from([0, 1000, -1000]) }));
  assert.equal(wav.sampleRate, 22050);
  assert.deepEqual([...wav.samples], [0, 1000, -1000]);
});

test('catalogue: fixed ids, HeyGen language names, both genders, defaults', () => {
  const voices = listVoices();
  const ids = new Set(voices.map((v) => v.voice_id));
  for (const id of ['festival_slt_hts', 'flite_slt', 'flite_rms', 'flite_awb', 'flite_kal', 'espeak_en-us_m', 'espeak_en-us_f', 'espeak_de_m', 'espeak_fr_f']) assert.ok(ids.has(id), id);
  assert.equal(ids.size, voices.length);
  assert.ok(new Set(voices.filter((v) => v.engine === 'espeak-ng').map((v) => v.language)).size >= 30);
  assert.equal(findVoice('espeak_de_f')!.language, 'German');
  assert.equal(findVoice('espeak_de_f')!.engineVoice, 'de+f3');
  assert.equal(findVoice('flite_awb')!.gender, 'male');
  assert.equal(findVoice('nope'), undefined);
  assert.ok(voices.every((v) => v.support_pause && !v.emotion_support));
  assert.equal(defaultVoiceFor('female')!.voice_id, 'festival_slt_hts');
  assert.equal(defaultVoiceFor('male', 'de-DE')!.voice_id, 'espeak_de_m');
  assert.equal(defaultVoiceFor('female', 'es')!.voice_id, 'espeak_es_f');
});
