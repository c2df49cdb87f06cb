// Templates, first slice (issue #12): stock templates listed in every space, authored ones created,
// replaced and deleted through /v3/templates, read back through v2 and v3 in their envelopes (v3 checked
// against HeyGen's schemas), validation errors naming the JSON path, one space never seeing another's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey } from '../../src/auth/api-keys.js';
import { stockTemplates } from '../../src/services/templates/stock-templates.js';
import { validateTemplate } from '../../src/services/templates/validate-template.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { useTestPlatform } from '../support/use-test-platform.js';

let other: Record<string, string>;
const t = useTestPlatform({ startWorkers: false }, async () => {
  other = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'other space' })).key };
});

function doc(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    name: 'Quarterly note',
    aspect_ratio: '16:9',
    variables: [
      { name: 'headline', type: 'text', default: { content: 'Q3 in review' } },
      { name: 'photo', type: 'image', default: { url: 'https://example.com/a.png', fit: 'cover' } },
    ],
    scenes: [
      {
        id: 'intro',
        name: 'Intro',
        duration: { type: 'fixed', seconds: 5 },
        layers: [
          { id: 'bg', type: 'shape', box: { x: 0, y: 0, width: 1, height: 1 }, color: '#112233' },
          { id: 'title', type: 'text', box: { x: 0.1, y: 0.1, width: 0.8, height: 0.2 }, content: '{{headline}}', font_family: 'DejaVu Sans', font_size: 0.08, color: '#FFFFFF', start: 0.5, end: 4.5, entrance: 'fade' },
          { id: 'pic', type: 'image', box: { x: 0.1, y: 0.4, width: 0.4, height: 0.5 }, src: '{{photo}}', fit: 'cover' },
        ],
      },
      {
        id: 'talk',
        name: 'Talk',
        duration: { type: 'speech' },
        transition: { type: 'fade', seconds: 0.5 },
        layers: [{ id: 'host', type: 'avatar', box: { x: 0.3, y: 0.1, width: 0.4, height: 0.9 }, avatar: 'amara_office_front', script: 'Here is {{headline}}.', voice: 'flite_slt' }],
      },
    ],
    ...overrides,
  };
}

async function create(body: unknown, headers = t.headers) {
  return t.app.inject({ method: 'POST', url: '/v3/templates', headers, payload: body as object });
}

function conforms(method: string, template: string, r: { statusCode: number; json(): unknown; body: string }): void {
  assert.deepEqual(validateHeygenResponse(method, template, r.statusCode, r.json()), [], `${method} ${template} ${r.statusCode}: ${r.body}`);
}

/** The test platform's ORATOR_PUBLIC_URL (test/support/test-platform.ts): stock media URLs are under it. */
const STOCK_TEMPLATES = stockTemplates('http://orator.test');

describe('stock templates', () => {
  test('every stock template passes the validator unchanged, with the declared mix of designs', () => {
    for (const s of STOCK_TEMPLATES) assert.deepStrictEqual(validateTemplate(JSON.parse(JSON.stringify(s.document))), s.document, s.id);
    const ratios = STOCK_TEMPLATES.map((s) => s.document.aspect_ratio);
    assert.equal(ratios.filter((r) => r === '16:9').length, 3);
    assert.equal(ratios.filter((r) => r === '9:16').length, 1);
    const weekly = STOCK_TEMPLATES.find((s) => s.id === 'stock_weekly_team_update')!;
    assert.equal(weekly.document.scenes.filter((s) => s.id.startsWith('point_')).length, 3, 'three bullet scenes');
  });

  test('listed in every space on v2 and v3, read-only', async () => {
    for (const headers of [t.headers, other]) {
      const v2 = await t.app.inject({ method: 'GET', url: '/v2/templates', headers });
      assert.equal(v2.statusCode, 200);
      assert.equal(v2.json().error, null);
      const ids = v2.json().data.templates.map((x: { template_id: string }) => x.template_id);
      for (const s of STOCK_TEMPLATES) assert.ok(ids.includes(s.id), s.id);
      const item = v2.json().data.templates.find((x: { template_id: string }) => x.template_id === 'stock_product_announcement_social');
      const { thumbnail_image_url: thumbnail, ...rest } = item;
      assert.deepEqual(rest, { template_id: 'stock_product_announcement_social', name: 'Product announcement (social, 9:16)', aspect_ratio: '9:16' });
      // A list never waits for a render: null until the thumbnail is made, then a signed link.
      assert.ok(thumbnail === null || /\/files\/previews\/templates\/[0-9a-f]{32}\.jpg\?.*Signature=/.test(thumbnail), String(thumbnail));
    }
    const del = await t.app.inject({ method: 'DELETE', url: '/v3/templates/stock_weekly_team_update', headers: t.headers });
    assert.equal(del.statusCode, 403);
    assert.equal(del.json().error.code, 'forbidden');
    assert.match(del.json().error.message, /stock template/);
    const put = await t.app.inject({ method: 'PUT', url: '/v3/templates/stock_weekly_team_update', headers: t.headers, payload: doc() });
    assert.equal(put.statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v3/templates/stock_weekly_team_update', headers: t.headers })).statusCode, 200);
  });

  test('GET /v2/template/{id}: variables keyed by name with their defaults as properties', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v2/template/stock_product_announcement', headers: t.headers });
    assert.equal(r.statusCode, 200);
    const vars = r.json().data.variables;
    assert.deepEqual(vars.price, { name: 'price', type: 'text', properties: { content: '$129' } });
    assert.deepEqual(vars.product_image, { name: 'product_image', type: 'image', properties: { url: 'http://orator.test/stock/templates/product.png', fit: 'contain' } });
    assert.deepEqual(vars.presenter, { name: 'presenter', type: 'character', properties: { character_id: 'amara_office_front', type: 'avatar' } });
    assert.deepEqual(vars.voice, { name: 'voice', type: 'voice', properties: { voice_id: 'festival_slt_hts' } });
  });

  test('GET /v3/templates/{id} and /v3/template/{id}: HeyGen schema, scenes with scripts and variables', async () => {
    for (const [url, template] of [['/v3/templates/stock_weekly_team_update', '/v3/templates/{template_id}'], ['/v3/template/stock_weekly_team_update', '/v3/templates/{template_id}']] as const) {
      const r = await t.app.inject({ method: 'GET', url, headers: t.headers });
      assert.equal(r.statusCode, 200, r.body);
      conforms('GET', template, r);
      const d = r.json().data;
      assert.deepEqual(d.scene_ids, ['title', 'point_1', 'point_2', 'point_3']);
      assert.equal(d.ownership, 'stock');
      assert.match(d.thumbnail_url, /\/files\/previews\/templates\/[0-9a-f]{32}\.jpg\?.*Signature=/, 'one template waits for its thumbnail: a signed link');
      const p2 = d.scenes.find((s: { scene_id: string }) => s.scene_id === 'point_2');
      assert.equal(p2.script, '{{point_2_script}}');
      assert.deepEqual(p2.variables.map((v: { name: string }) => v.name).sort(), ['point_2', 'point_2_script', 'presenter', 'team_name', 'voice', 'week_label']);
      assert.equal(d.scenes[0].script, null, 'the title card has no speaker');
    }
  });
});

describe('authoring', () => {
  test('create, read on v2 and v3, replace, delete: a round trip', async () => {
    const c = await create(doc());
    assert.equal(c.statusCode, 200, c.body);
    conforms('GET', '/v3/templates/{template_id}', c);
    const id = c.json().data.id as string;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(c.json().data.ownership, 'private');
    assert.deepEqual(c.json().data.document, doc());

    const v2 = await t.app.inject({ method: 'GET', url: `/v2/template/${id}`, headers: t.headers });
    assert.deepEqual(v2.json(), {
      error: null,
      data: {
        template_id: id,
        name: 'Quarterly note',
        aspect_ratio: '16:9',
        variables: {
          headline: { name: 'headline', type: 'text', properties: { content: 'Q3 in review' } },
          photo: { name: 'photo', type: 'image', properties: { url: 'https://example.com/a.png', fit: 'cover' } },
        },
      },
    });
    const list = await t.app.inject({ method: 'GET', url: '/v3/templates', headers: t.headers });
    conforms('GET', '/v3/templates', list);
    assert.equal(list.json().data[0].id, id, 'own templates come first, newest first');

    const replaced = await t.app.inject({ method: 'PUT', url: `/v3/templates/${id}`, headers: t.headers, payload: doc({ name: 'Quarterly note v2', aspect_ratio: '1:1' }) });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json().data.name, 'Quarterly note v2');
    assert.equal(replaced.json().data.created_at, c.json().data.created_at);
    const got = await t.app.inject({ method: 'GET', url: `/v3/template/${id}`, headers: t.headers });
    assert.equal(got.json().data.aspect_ratio, '1:1');
    assert.deepEqual(got.json().data.scene_ids, ['intro', 'talk']);
    assert.equal(got.json().data.scenes[1].script, 'Here is {{headline}}.');

    const del = await t.app.inject({ method: 'DELETE', url: `/v3/templates/${id}`, headers: t.headers });
    assert.deepEqual(del.json(), { data: { id } });
    const gone = await t.app.inject({ method: 'GET', url: `/v3/templates/${id}`, headers: t.headers });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'resource_not_found');
    assert.equal(gone.json().error.param, 'template_id');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v3/templates/${id}`, headers: t.headers })).statusCode, 404);
  });

  test('another space sees none of it: 404 on every route, absent from its lists', async () => {
    const id = (await create(doc())).json().data.id as string;
    for (const [method, url, envelope] of [
      ['GET', `/v3/templates/${id}`, 'v3'],
      ['GET', `/v3/template/${id}`, 'v3'],
      ['PUT', `/v3/templates/${id}`, 'v3'],
      ['DELETE', `/v3/templates/${id}`, 'v3'],
      ['GET', `/v2/template/${id}`, 'v2'],
    ] as const) {
      const r = await t.app.inject({ method, url, headers: other, ...(method === 'PUT' ? { payload: doc() } : {}) });
      assert.equal(r.statusCode, 404, `${method} ${url}`);
      if (envelope === 'v3') assert.equal(r.json().error.code, 'resource_not_found');
      else assert.equal(r.json().data, null);
    }
    const v3 = await t.app.inject({ method: 'GET', url: '/v3/templates?limit=100', headers: other });
    assert.ok(!v3.json().data.some((x: { id: string }) => x.id === id));
    const v2 = await t.app.inject({ method: 'GET', url: '/v2/templates', headers: other });
    assert.ok(!v2.json().data.templates.some((x: { template_id: string }) => x.template_id === id));
    assert.equal((await t.app.inject({ method: 'GET', url: `/v3/templates/${id}`, headers: t.headers })).statusCode, 200, 'still there for its owner');
  });

  test('pagination: limit and token walk own and stock templates once each, in order', async () => {
    const headers = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'pager' })).key };
    const own: string[] = [];
    for (let i = 0; i < 3; i++) own.push((await create(doc({ name: `T${i}` }), headers)).json().data.id);
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const r = await t.app.inject({ method: 'GET', url: `/v3/templates?limit=2${token ? `&token=${token}` : ''}`, headers });
      assert.equal(r.statusCode, 200, r.body);
      conforms('GET', '/v3/templates', r);
      assert.ok(r.json().data.length <= 2);
      assert.equal(r.json().has_more, r.json().next_token !== null);
      seen.push(...r.json().data.map((x: { id: string }) => x.id));
      token = r.json().next_token;
      pages += 1;
    } while (token && pages < 10);
    assert.deepEqual(seen, [...own.reverse(), ...STOCK_TEMPLATES.map((s) => s.id)]);
    const bad = await t.app.inject({ method: 'GET', url: '/v3/templates?token=nonsense', headers });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.param, 'token');
  });

  test('Idempotency-Key: a retried create replays the first answer instead of making a second template', async () => {
    const headers = { ...t.headers, 'idempotency-key': 'tpl-create-1' };
    const a = await create(doc({ name: 'Once' }), headers);
    const b = await create(doc({ name: 'Once' }), headers);
    assert.equal(a.statusCode, 200);
    assert.equal(b.json().data.id, a.json().data.id);
  });
});

describe('validation names the JSON path', () => {
  const base = doc();
  const scene0 = base.scenes[0];
  const layer = (j: number, patch: Record<string, unknown>) => doc({ scenes: [{ ...scene0, layers: scene0.layers.map((l: object, k: number) => (k === j ? { ...l, ...patch } : l)) }, base.scenes[1]] });
  const CASES: [string, unknown, string, RegExp][] = [
    ['a box wider than the frame', layer(1, { box: { x: 0.1, y: 0.1, width: 1.5, height: 0.2 } }), 'scenes[0].layers[1].box.width', /^scenes\[0\]\.layers\[1\]\.box\.width must be between 0 and 1/],
    ['a box reaching past the right edge', layer(2, { box: { x: 0.7, y: 0.4, width: 0.4, height: 0.5 } }), 'scenes[0].layers[2].box.width', /past the frame's right edge/],
    ['an undeclared variable', layer(1, { content: 'Hi {{nobody}}' }), 'scenes[0].layers[1].content', /references \{\{nobody\}\}, which is not a declared variable/],
    ['a variable of the wrong type', layer(1, { content: '{{photo}}' }), 'scenes[0].layers[1].content', /a image variable; here only text variables fit/],
    ['a font that is not installed', layer(1, { font_family: 'Comic Sans MS' }), 'scenes[0].layers[1].font_family', /must be one of DejaVu Sans, DejaVu Serif, DejaVu Sans Mono/],
    ['a default in the wrong shape', doc({ variables: [{ name: 'headline', type: 'text', default: { url: 'https://example.com/x.png' } }, base.variables[1]] }), 'variables[0].default.url', /is not a known field/],
    ['an unknown variable type', doc({ variables: [{ name: 'x', type: 'hologram', default: {} }] }), 'variables[0].type', /must be one of text, image, video, audio, character, voice/],
    ['a layer ending after its fixed scene', layer(1, { end: 9 }), 'scenes[0].layers[1].end', /must be between 0 and 5/],
    ['a speech scene without an avatar', doc({ scenes: [{ ...scene0, duration: { type: 'speech' } }] }), 'scenes[0].duration', /no avatar layer/],
    ['a video_layer duration naming no layer', doc({ scenes: [{ ...scene0, duration: { type: 'video_layer', layer_id: 'clip' } }] }), 'scenes[0].duration.layer_id', /names clip, which is not a layer of this scene/],
    ['an image with both src and asset_id', layer(2, { asset_id: 'abc123' }), 'scenes[0].layers[2].src', /or asset_id is required \(exactly one of them\)/],
    ['a colour that is not hex', layer(0, { color: 'red' }), 'scenes[0].layers[0].color', /must be a colour as #RRGGBB or #RRGGBBAA/],
    ['a bad aspect ratio', doc({ aspect_ratio: '4:3' }), 'aspect_ratio', /must be one of 16:9, 9:16, 1:1/],
    ['a misspelt field', layer(1, { colour: '#FFFFFF' }), 'scenes[0].layers[1].colour', /is not a known field/],
    ['a repeated scene id', doc({ scenes: [base.scenes[1], base.scenes[1]] }), 'scenes[1].id', /repeats the scene id talk/],
    ['an avatar voice naming a text variable', doc({ scenes: [scene0, { ...base.scenes[1], layers: [{ ...base.scenes[1].layers[0], voice: '{{headline}}' }] }] }), 'scenes[1].layers[0].voice', /a text variable; here only voice variables fit/],
  ];
  for (const [what, body, param, message] of CASES) {
    test(`${what} → 400 at ${param}`, async () => {
      const r = await create(body);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'invalid_parameter');
      assert.equal(r.json().error.param, param);
      assert.match(r.json().error.message, message);
      assert.ok(r.json().error.message.startsWith(param), r.json().error.message);
    });
  }

  test('a body that is not an object, and PUT validates like POST', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v3/templates', headers: { ...t.headers, 'content-type': 'application/json' }, payload: '[1,2]' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.param, 'body');
    const empty = await t.app.inject({ method: 'POST', url: '/v3/templates', headers: t.headers });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(empty.json().error.message, 'name is required', 'an empty body is an empty document');
    const id = (await create(doc())).json().data.id;
    const put = await t.app.inject({ method: 'PUT', url: `/v3/templates/${id}`, headers: t.headers, payload: doc({ scenes: [] }) });
    assert.equal(put.statusCode, 400);
    assert.equal(put.json().error.param, 'scenes');
    assert.equal((await t.app.inject({ method: 'GET', url: `/v3/templates/${id}`, headers: t.headers })).json().data.name, 'Quarterly note', 'a refused replace changes nothing');
  });

  test('the authoring routes are in the OpenAPI document, thumbnails described as rendered from the defaults', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.ok(doc.paths['/v3/templates'].post, 'POST /v3/templates');
    assert.ok(doc.paths['/v3/templates/{template_id}'].put && doc.paths['/v3/templates/{template_id}'].delete);
    assert.match(JSON.stringify(doc.paths['/v3/templates'].get), /first scene rendered by the engine from the defaults/);
  });

  test('both generate routes are in the OpenAPI document and say what is not rendered yet (template-generate.test.ts generates)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const op of [doc.paths['/v2/template/{template_id}/generate'].post, doc.paths['/v3/templates/{template_id}'].post]) {
      assert.match(op.description, /fade and slide transitions between scenes/);
      assert.match(op.description, /Not rendered: talking-photo characters \(refused\)/);
    }
  });
});
