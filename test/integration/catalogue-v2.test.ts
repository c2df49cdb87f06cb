// v2 avatar groups, group looks, avatar details and voice locales, and the v1 avatar/voice lists:
// shapes, the stock catalogue reused from the v3 model, private groups scoped to the space, and 404s.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { createApiKey } from '../../src/auth/api-keys.js';
import { ASTRONAUT_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';
import { useTestPlatform } from '../support/use-test-platform.js';

let other: Record<string, string>;

const t = useTestPlatform({ startWorkers: false }, async () => {
  other = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'other space' })).key };
});
const h = t.headers;

const get = (url: string, headers = h) => t.app.inject({ method: 'GET', url, headers });

const GROUP_KEYS = ['created_at', 'group_type', 'id', 'name', 'num_looks', 'preview_image_url', 'train_status'];
const LOOK_KEYS = [
  'background_sound_effect',
  'business_type',
  'created_at',
  'default_voice_id',
  'group_id',
  'id',
  'image_url',
  'is_motion',
  'motion_preview_url',
  'name',
  'status',
  'upscale_availability',
  'upscaled',
];

function assertNotFound(r: { statusCode: number; json(): unknown }) {
  assert.equal(r.statusCode, 404);
  const body = r.json() as { error: { code: string; message: string }; data: null };
  assert.equal(body.data, null);
  assert.equal(body.error.code, 'avatar_not_found');
  assert.ok(body.error.message);
}

describe('GET /v2/avatar_group.list', () => {
  test('without include_public: only the space’s own (none yet); with it: one PUBLIC_PHOTO group per stock avatar', async () => {
    const mine = await get('/v2/avatar_group.list');
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(mine.json(), { error: null, data: { total_count: 0, avatar_group_list: [] } });
    assert.deepEqual((await get('/v2/avatar_group.list?include_public=false')).json().data.avatar_group_list, []);

    const all = (await get('/v2/avatar_group.list?include_public=true')).json();
    assert.equal(all.error, null);
    assert.equal(all.data.total_count, 2);
    assert.deepEqual(all.data.avatar_group_list.map((g: { id: string }) => g.id), ['Daisy-inskirt-20220818', 'josh_lite3_20230714']);
    const daisy = all.data.avatar_group_list[0];
    assert.deepEqual(Object.keys(daisy).sort(), GROUP_KEYS);
    assert.equal(daisy.group_type, 'PUBLIC_PHOTO');
    assert.equal(daisy.num_looks, 1);
    assert.equal(daisy.name, 'Daisy');
    assert.equal(daisy.train_status, 'ready');
    assert.equal(daisy.preview_image_url, 'http://orator.test/previews/avatars/Daisy-inskirt-20220818/image');
    // The same groups as the v3 catalogue.
    const v3 = (await get('/v3/avatars?limit=50')).json();
    assert.deepEqual(v3.data.map((g: { id: string }) => g.id), all.data.avatar_group_list.map((g: { id: string }) => g.id));
  });

  test('include_public must be a boolean; the key is required', async () => {
    const bad = await get('/v2/avatar_group.list?include_public=maybe');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().data, null);
    assert.equal((await get('/v2/avatar_group.list', {})).statusCode, 401);
  });
});

describe('GET /v2/avatar_group/{group_id}/avatars and GET /v2/avatar/{avatar_id}/details', () => {
  test('a stock group has one look whose id is the avatar id; unknown groups are 404 avatar_not_found', async () => {
    const r = await get('/v2/avatar_group/Daisy-inskirt-20220818/avatars');
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.error, null);
    assert.equal(body.data.avatar_list.length, 1);
    const look = body.data.avatar_list[0];
    assert.deepEqual(Object.keys(look).sort(), LOOK_KEYS);
    assert.equal(look.id, 'Daisy-inskirt-20220818');
    assert.equal(look.group_id, 'Daisy-inskirt-20220818');
    assert.equal(look.default_voice_id, 'flite_slt');
    assert.equal(look.is_motion, false);
    assert.deepEqual(Object.keys(look.upscale_availability).sort(), ['available', 'reason']);
    assert.equal(look.upscale_availability.available, false);
    assertNotFound(await get('/v2/avatar_group/ghost/avatars'));
    assert.equal((await get('/v2/avatar_group/Daisy-inskirt-20220818/avatars', {})).statusCode, 401);
  });

  test('details of a stock avatar; unknown is 404 avatar_not_found', async () => {
    const r = await get('/v2/avatar/josh_lite3_20230714/details');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      error: null,
      data: {
        type: 'avatar',
        id: 'josh_lite3_20230714',
        name: 'Josh',
        gender: 'male',
        preview_image_url: 'http://orator.test/previews/avatars/josh_lite3_20230714/image',
        preview_video_url: 'http://orator.test/previews/avatars/josh_lite3_20230714/video',
        premium: false,
        is_public: true,
        default_voice_id: 'flite_rms',
        tags: [],
      },
    });
    assertNotFound(await get('/v2/avatar/ghost/details'));
    assert.equal((await get('/v2/avatar/josh_lite3_20230714/details', {})).statusCode, 401);
  });

  test('an uploaded talking photo is a PRIVATE group of one look, seen only by its own space', async () => {
    const up = await t.app.inject({ method: 'POST', url: '/v1/talking_photo', headers: { ...h, 'content-type': 'image/png' }, payload: fs.readFileSync(ASTRONAUT_PHOTO) });
    assert.equal(up.statusCode, 200, up.body);
    const id = up.json().data.talking_photo_id as string;

    const mine = (await get('/v2/avatar_group.list')).json().data;
    assert.equal(mine.total_count, 1);
    const group = mine.avatar_group_list[0];
    assert.deepEqual(Object.keys(group).sort(), GROUP_KEYS);
    assert.equal(group.id, id);
    assert.equal(group.group_type, 'PRIVATE');
    assert.match(group.preview_image_url, /^http:\/\/orator\.test\/files\//);
    assert.ok(Number.isInteger(group.created_at) && group.created_at > 1_700_000_000);
    // Private groups come before the public ones.
    const all = (await get('/v2/avatar_group.list?include_public=true')).json().data;
    assert.equal(all.total_count, 3);
    assert.equal(all.avatar_group_list[0].id, id);

    const looks = (await get(`/v2/avatar_group/${id}/avatars`)).json().data.avatar_list;
    assert.equal(looks.length, 1);
    assert.deepEqual(Object.keys(looks[0]).sort(), LOOK_KEYS);
    assert.equal(looks[0].id, id);
    assert.equal(looks[0].business_type, 'photo_avatar');

    // Another space neither lists it nor reads its looks.
    assert.equal((await get('/v2/avatar_group.list?include_public=true', other)).json().data.total_count, 2);
    assertNotFound(await get(`/v2/avatar_group/${id}/avatars`, other));
    // Details are for avatars, not talking photos.
    assertNotFound(await get(`/v2/avatar/${id}/details`));
  });
});

describe('GET /v2/voices/locales', () => {
  test('the distinct locales of the voice catalogue, sorted, with their language', async () => {
    const r = await get('/v2/voices/locales');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      error: null,
      data: {
        locales: [
          { value: 'English (United Kingdom)', label: 'English (United Kingdom)', language: 'English', tag: null, locale: 'en-GB', language_code: 'en-GB' },
          { value: 'English (United States)', label: 'English (United States)', language: 'English', tag: null, locale: 'en-US', language_code: 'en-US' },
        ],
      },
    });
    assert.equal((await get('/v2/voices/locales', {})).statusCode, 401);
  });
});

describe('v1 lists', () => {
  test('GET /v1/avatar.list: the /v2/avatars avatars in the v1 envelope', async () => {
    const r = await get('/v1/avatar.list');
    assert.equal(r.statusCode, 200, r.body);
    const v2 = (await get('/v2/avatars')).json();
    assert.deepEqual(r.json(), { code: 100, data: { avatars: v2.data.avatars }, message: 'Success' });
    const denied = await get('/v1/avatar.list', {});
    assert.equal(denied.statusCode, 401);
    assert.equal(denied.json().code, 400112);
  });

  test('GET /v1/voice.list: the /v2/voices voices in the v1 envelope', async () => {
    const r = await get('/v1/voice.list');
    assert.equal(r.statusCode, 200, r.body);
    const v2 = (await get('/v2/voices')).json();
    assert.equal(v2.data.voices.length, 2);
    assert.deepEqual(r.json(), { code: 100, data: { list: v2.data.voices }, message: 'Success' });
    assert.equal((await get('/v1/voice.list', {})).statusCode, 401);
  });
});
