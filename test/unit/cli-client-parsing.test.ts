// The client commands' own readings of their flags (what commander cannot check): backgrounds, sizes,
// timeouts, template variables by their type, and the progress bar's lines off a terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { templateVariables } from '../../src/cli/client/catalogue-actions.js';
import { UsageError } from '../../src/cli/client/client-context.js';
import { createProgressReporter, renderBar } from '../../src/cli/client/progress-bar.js';
import { parseBackground, parseDimension, timeoutMs, videoBody } from '../../src/cli/client/video-actions.js';

test('--background: a colour, an image URL, else an asset id; --dimension WxH; --timeout seconds', () => {
  assert.deepEqual(parseBackground('#1f6feb'), { type: 'color', value: '#1f6feb' });
  assert.deepEqual(parseBackground('1F6FEB'), { type: 'color', value: '#1F6FEB' });
  assert.deepEqual(parseBackground('https://x.test/sky.jpg'), { type: 'image', url: 'https://x.test/sky.jpg' });
  assert.deepEqual(parseBackground('asset_123'), { type: 'image', asset_id: 'asset_123' });
  assert.deepEqual(parseDimension('640x360'), { width: 640, height: 360 });
  assert.throws(() => parseDimension('640*360'), (e: unknown) => e instanceof UsageError && /WIDTHxHEIGHT/.test(e.message));
  assert.equal(timeoutMs('90'), 90_000);
  assert.equal(timeoutMs(undefined), 600_000);
  assert.throws(() => timeoutMs('soon'), UsageError);
});

test('video create needs an avatar and exactly one of --script and --script-file', () => {
  assert.throws(() => videoBody({ script: 'Hi' }), /--avatar <look-id> is required/);
  assert.throws(() => videoBody({ avatar: 'a' }), /--script <text> or --script-file <path> is required/);
  assert.throws(() => videoBody({ avatar: 'a', script: 'x', scriptFile: 'y' }), /not both/);
  assert.throws(() => videoBody({ avatar: 'a', scriptFile: '/no/such/file' }), /cannot read \/no\/such\/file/);
  assert.deepEqual(videoBody({ avatar: 'a', script: 'Hi', voice: 'v', background: '#000000', caption: true, dimension: '320x180' }), {
    type: 'avatar', avatar_id: 'a', script: 'Hi', voice_id: 'v', background: { type: 'color', value: '#000000' }, dimension: { width: 320, height: 180 }, caption: true,
  });
});

test('--var name=value takes the shape of the template variable’s type', () => {
  const template = {
    id: 'tpl',
    variables: {
      greeting: { name: 'greeting', type: 'text', properties: { content: 'Hi' } },
      logo: { name: 'logo', type: 'image', properties: { url: 'x' } },
      presenter: { name: 'presenter', type: 'character', properties: { character_id: 'a', type: 'avatar' } },
      narrator: { name: 'narrator', type: 'voice', properties: { voice_id: 'v' } },
    },
  } as never;
  assert.deepEqual(templateVariables(template, ['greeting=Hello, Ada = friend', 'logo=https://x.test/l.png', 'presenter=daniel', 'narrator=flite_rms']), {
    greeting: { name: 'greeting', type: 'text', properties: { content: 'Hello, Ada = friend' } },
    logo: { name: 'logo', type: 'image', properties: { url: 'https://x.test/l.png' } },
    presenter: { name: 'presenter', type: 'character', properties: { character_id: 'daniel', type: 'avatar' } },
    narrator: { name: 'narrator', type: 'voice', properties: { voice_id: 'flite_rms' } },
  });
  assert.deepEqual(templateVariables(template, ['logo=asset_9']).logo, { name: 'logo', type: 'image', properties: { asset_id: 'asset_9' } });
  assert.throws(() => templateVariables(template, ['nope=1']), /has no variable "nope" \(it has: greeting, logo, presenter, narrator\)/);
  assert.throws(() => templateVariables(template, ['=1']), /takes name=value/);
});

test('the bar: percent when known; off a terminal one line per status or quarter', () => {
  assert.equal(renderBar({ status: 'processing', progress: 50, elapsedMs: 12_300 }), `[${'#'.repeat(15)}${'.'.repeat(15)}]  50%  processing 12 s`);
  assert.equal(renderBar({ status: 'pending', progress: null, elapsedMs: 0 }), 'pending    0 s');
  let written = '';
  const stream = { isTTY: false, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WritableStream;
  const bar = createProgressReporter(stream, 'v1');
  for (const [status, progress] of [['pending', 0], ['processing', 10], ['processing', 20], ['processing', 30], ['processing', 80], ['completed', 100]] as const) {
    bar.update({ videoId: 'v1', status, progress, elapsedMs: 1000, polls: 1 });
  }
  bar.finish();
  assert.deepEqual(written.trim().split('\n').map((l) => l.split(']')[1]?.trim().split(/\s+/).slice(0, 2).join(' ')), ['0% pending', '10% processing', '30% processing', '80% processing', '100% completed']);
});
