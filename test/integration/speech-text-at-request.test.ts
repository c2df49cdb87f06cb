// A script no voice can speak, or a pause over the limit, is refused when the video is requested
// (HeyGen's 40039 INVALID_TEXT_INPUT naming the field), not accepted and failed at render. Nothing is queued.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSpeechText, MAX_PAUSE_SEC } from '../../src/domain/speech-text.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const t = useTestPlatform({ startWorkers: false });
const h = t.headers;

const UNSPEAKABLE = ['😀🎉👍', '🙂 <break time="1s"/> 🙂', '<emphasis></emphasis>', '… — !!! ???', '&#128512;'];
const TOO_LONG_PAUSE = 'Hello <break time="30s"/> world';

const v2Body = (text: string) => ({
  video_inputs: [{ character: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: text } }],
  dimension: { width: 256, height: 256 },
});
const v3Body = (text: string) => ({ type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: text, voice_id: 'flite_slt' });
const v2FlatBody = (text: string) => ({ avatar_id: 'Daisy-inskirt-20220818', script: text, voice_id: 'flite_slt' });

async function queued(): Promise<number> {
  const c = await t.platform.queue.counts();
  return c.queued + c.done;
}

describe('checkSpeechText', () => {
  test('accepts text with a letter or digit in any script, and pauses up to the cap', () => {
    for (const ok of ['Hi', '42', 'Привет 👋', '你好', `a <break time="${MAX_PAUSE_SEC}s"/> b`, 'x <break time="10000ms"/>']) checkSpeechText(ok, 'script');
  });
  test('refuses emoji-only, tag-only and over-long pauses with the field in the message', () => {
    for (const bad of [...UNSPEAKABLE, TOO_LONG_PAUSE, 'a <break time="10001ms"/>']) {
      assert.throws(() => checkSpeechText(bad, 'video_inputs[0].voice.input_text'), (e: any) => e.kind === 'invalid_text_input' && e.param === 'video_inputs[0].voice.input_text' && e.message.startsWith('video_inputs[0].voice.input_text '), bad);
    }
  });
});

describe('at request time', () => {
  for (const text of [...UNSPEAKABLE, TOO_LONG_PAUSE]) {
    test(`POST /v2/video/generate ${JSON.stringify(text)} → 400 naming input_text, nothing queued`, async () => {
      const before = await queued();
      const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: v2Body(text) });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().data, null);
      assert.match(r.json().error.message, /^video_inputs\[0\]\.voice\.input_text /);
      assert.equal(await queued(), before);
    });
    test(`POST /v3/videos ${JSON.stringify(text)} → 400 param script`, async () => {
      const before = await queued();
      const r = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: v3Body(text) });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.param, 'script');
      assert.equal(await queued(), before);
    });
  }

  test('POST /v2/videos (flat) refuses an emoji-only script', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v2/videos', headers: h, payload: v2FlatBody('🎉🎉') });
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().error.param, 'script');
  });

  test('POST /v1/audio/text_to_speech refuses it before synthesising', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/audio/text_to_speech', headers: h, payload: { text: '🎉🎉', voice_id: 'flite_slt' } });
    assert.equal(r.statusCode, 400, r.body);
    // /v1/audio/* speaks the v3 envelope as HeyGen's spec documents; the param still names the field.
    assert.equal(r.json().error.param, 'text');
  });

  test('a script with letters and emoji is accepted', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: v2Body('Launch day 🚀 is here') });
    assert.equal(r.statusCode, 200, r.body);
  });
});
