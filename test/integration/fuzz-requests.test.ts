// Property-based fuzzing of every create/update endpoint (issue #10): each generated request is a valid
// body broken in one way that must make it invalid (a wrong JSON type, a missing required field, a value
// outside its enum/range/length, a bad URL, an unknown reference, broken or non-object JSON, nesting past
// the depth limit, a non-JSON Content-Type, an empty body under every Content-Type, a body over the
// limit), plus noise (extra fields, odd unicode). Every answer must be a 4xx in the route's envelope with
// a code from the error table, name the field, and leave nothing stored. Fixed seed; no workers run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_TABLE } from '../../src/domain/errors.js';
import { WEBHOOK_EVENT_TYPES } from '../../src/domain/webhook-events.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const SEED = 20_260_410;
const RUNS = 220;
const AVATAR = 'Daisy-inskirt-20220818';
const VOICE = 'flite_slt';
const KNOWN_IDS = new Set([AVATAR, 'josh_lite3_20230714', VOICE, 'flite_rms']);

type Version = 'v1' | 'v2' | 'v3';
type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One field of a body: what it accepts, so a generator can produce only values it must refuse. */
interface Field {
  path: (string | number)[];
  type: JsonType[];
  nullable?: boolean;
  /** Removing it makes the body invalid (schema-required, or required by the service). */
  required?: boolean;
  enum?: readonly string[];
  maxLength?: number;
  range?: [number, number];
  /** http(s) URL checked by the service: any other scheme or text is refused. */
  url?: boolean;
  /** An id looked up in the catalogue: anything unknown is refused (404). */
  ref?: boolean;
  /** An array of strings: a non-string item is refused; `events` also refuses unknown names. */
  items?: 'string' | 'event';
  minItems?: number;
}

interface Endpoint {
  name: string;
  method: 'POST' | 'PATCH';
  url: () => string;
  version: Version;
  base: () => { [k: string]: Json };
  fields: Field[];
  /** additionalProperties: false, so an extra field alone is refused. */
  closed?: boolean;
  /** An empty body is a valid request (a PATCH with nothing to change): not generated. */
  emptyIsValid?: boolean;
}

interface FuzzRequest {
  what: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const targets = { v1: '', v3: '' };
const ORIGINAL_URL = 'https://example.com/original';

// Private URLs allowed: no DNS lookups for webhook URLs. No workers: creation only queues.
// Thousands of requests from one key within a minute: lift the per-key rate limit.
const p = useTestPlatform({ kit: 'webhooks', startWorkers: false, config: { rateLimitPerMinute: 1_000_000 } }, async () => {
  for (const v of ['v1', 'v3'] as const) {
    const r = await p.app.inject({ method: 'POST', url: '/v3/webhooks/endpoints', headers: h, payload: { url: ORIGINAL_URL, events: ['avatar_video.success'] } });
    assert.equal(r.statusCode, 200, r.body);
    targets[v] = r.json().data.endpoint_id;
  }
});
const h = p.headers;

/** Registering a webhook endpoint: the same body on v1 and v3. */
const endpointCreate: Pick<Endpoint, 'base' | 'fields'> = {
  base: () => ({ url: 'https://example.com/hook', events: ['avatar_video.success'], entity_id: 'entity' }),
  fields: [
    { path: ['url'], type: ['string'], required: true, url: true },
    { path: ['events'], type: ['array'], nullable: true, items: 'event' },
    { path: ['entity_id'], type: ['string'], nullable: true },
  ],
};

const speechFields: Field[] = [
  { path: ['text'], type: ['string'], required: true, maxLength: 5000 },
  { path: ['voice_id'], type: ['string'], required: true, ref: true },
  { path: ['input_type'], type: ['string'], enum: ['text', 'ssml'] },
  { path: ['speed'], type: ['number'], range: [0.5, 2] },
  { path: ['language'], type: ['string'], nullable: true },
  { path: ['locale'], type: ['string'], nullable: true },
];
const speechBase = () => ({ text: 'Hello there.', voice_id: VOICE, input_type: 'text', speed: 1, language: 'English', locale: 'en-US' });

const flatVideoFields: Field[] = [
  { path: ['avatar_id'], type: ['string'], nullable: true, required: true, ref: true },
  { path: ['script'], type: ['string'], nullable: true, required: true, maxLength: 5000 },
  { path: ['voice_id'], type: ['string'], nullable: true, required: true, ref: true },
  { path: ['title'], type: ['string'], nullable: true, maxLength: 500 },
  { path: ['resolution'], type: ['string'], nullable: true, enum: ['4k', '1080p', '720p'] },
  { path: ['aspect_ratio'], type: ['string'], nullable: true, enum: ['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'] },
  { path: ['remove_background'], type: ['boolean'], nullable: true },
  { path: ['background'], type: ['object'], nullable: true },
  { path: ['background', 'type'], type: ['string'], required: true, enum: ['color', 'image'] },
  { path: ['background', 'value'], type: ['string'], nullable: true },
  { path: ['voice_settings'], type: ['object'], nullable: true },
  { path: ['voice_settings', 'speed'], type: ['number'], range: [0.5, 1.5] },
  { path: ['voice_settings', 'pitch'], type: ['number'], range: [-50, 50] },
  { path: ['voice_settings', 'volume'], type: ['number'], range: [0, 1] },
  { path: ['callback_url'], type: ['string'], nullable: true, url: true, maxLength: 2048 },
  { path: ['callback_id'], type: ['string'], nullable: true, maxLength: 500 },
  { path: ['audio_url'], type: ['string'], nullable: true },
];

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v2/video/generate',
    method: 'POST',
    url: () => '/v2/video/generate',
    version: 'v2',
    base: () => ({
      video_inputs: [
        {
          character: { type: 'avatar', avatar_id: AVATAR, avatar_style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
          voice: { type: 'text', voice_id: VOICE, input_text: 'Hello.', speed: 1, pitch: 0 },
          background: { type: 'color', value: '#008000' },
        },
      ],
      dimension: { width: 256, height: 256 },
      title: 'fuzz',
      caption: false,
      callback_id: 'cb',
      test: true,
    }),
    fields: [
      { path: ['video_inputs'], type: ['array'], required: true, minItems: 1 },
      { path: ['video_inputs', 0], type: ['object'], required: true },
      { path: ['video_inputs', 0, 'character'], type: ['object'] },
      { path: ['video_inputs', 0, 'character', 'type'], type: ['string'], required: true, enum: ['avatar', 'talking_photo'] },
      { path: ['video_inputs', 0, 'character', 'avatar_id'], type: ['string'], required: true, ref: true },
      { path: ['video_inputs', 0, 'character', 'avatar_style'], type: ['string'], enum: ['normal', 'circle', 'closeUp'] },
      { path: ['video_inputs', 0, 'character', 'scale'], type: ['number'], range: [0.1, 5] },
      { path: ['video_inputs', 0, 'character', 'offset'], type: ['object'] },
      { path: ['video_inputs', 0, 'character', 'offset', 'x'], type: ['number'] },
      { path: ['video_inputs', 0, 'character', 'matting'], type: ['boolean'] },
      { path: ['video_inputs', 0, 'voice'], type: ['object'], required: true },
      { path: ['video_inputs', 0, 'voice', 'type'], type: ['string'], required: true, enum: ['text', 'audio', 'silence'] },
      { path: ['video_inputs', 0, 'voice', 'voice_id'], type: ['string'], required: true, ref: true },
      { path: ['video_inputs', 0, 'voice', 'input_text'], type: ['string'], required: true, maxLength: 5000 },
      { path: ['video_inputs', 0, 'voice', 'speed'], type: ['number'], range: [0.5, 1.5] },
      { path: ['video_inputs', 0, 'voice', 'pitch'], type: ['number'], range: [-50, 50] },
      { path: ['video_inputs', 0, 'background'], type: ['object'] },
      { path: ['video_inputs', 0, 'background', 'type'], type: ['string'], required: true, enum: ['color', 'image', 'video', 'transparent'] },
      { path: ['video_inputs', 0, 'background', 'value'], type: ['string'] },
      { path: ['dimension'], type: ['object'] },
      { path: ['dimension', 'width'], type: ['integer'], required: true },
      { path: ['dimension', 'height'], type: ['integer'], required: true },
      { path: ['title'], type: ['string'], maxLength: 500 },
      { path: ['caption'], type: ['boolean'] },
      { path: ['callback_id'], type: ['string'], maxLength: 500 },
      { path: ['callback_url'], type: ['string'], url: true, maxLength: 2048 },
      { path: ['test'], type: ['boolean'] },
      { path: ['folder_id'], type: ['string'] },
    ],
  },
  {
    name: 'POST /v3/videos',
    method: 'POST',
    url: () => '/v3/videos',
    version: 'v3',
    base: () => ({
      type: 'avatar',
      avatar_id: AVATAR,
      script: 'Hello.',
      voice_id: VOICE,
      title: 'fuzz',
      aspect_ratio: '16:9',
      resolution: '720p',
      background: { type: 'color', value: '#FFFFFF' },
      voice_settings: { speed: 1, pitch: 0 },
      output_format: 'mp4',
      caption: false,
      engine: { type: 'avatar_iv' },
      callback_id: 'cb',
    }),
    fields: [
      { path: ['type'], type: ['string'], required: true, enum: ['avatar', 'image', 'cinematic_avatar', 'studio'] },
      { path: ['avatar_id'], type: ['string'], nullable: true, required: true, ref: true },
      { path: ['script'], type: ['string'], nullable: true, required: true, maxLength: 5000 },
      { path: ['voice_id'], type: ['string'], nullable: true, ref: true },
      { path: ['title'], type: ['string'], nullable: true, maxLength: 500 },
      { path: ['aspect_ratio'], type: ['string'], nullable: true, enum: ['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'] },
      { path: ['resolution'], type: ['string'], nullable: true, enum: ['4k', '1080p', '720p'] },
      { path: ['background'], type: ['object'], nullable: true },
      { path: ['background', 'type'], type: ['string'], required: true, enum: ['color', 'image'] },
      { path: ['voice_settings'], type: ['object'], nullable: true },
      { path: ['voice_settings', 'speed'], type: ['number'], range: [0.5, 1.5] },
      { path: ['voice_settings', 'pitch'], type: ['number'], range: [-50, 50] },
      { path: ['output_format'], type: ['string'], nullable: true, enum: ['mp4', 'webm'] },
      { path: ['caption'], type: ['object', 'boolean'], nullable: true },
      { path: ['dimension'], type: ['object'], nullable: true },
      { path: ['image'], type: ['object'], nullable: true },
      { path: ['remove_background'], type: ['boolean'], nullable: true },
      { path: ['fit'], type: ['string'], nullable: true, enum: ['contain', 'cover'] },
      { path: ['expressiveness'], type: ['string'], nullable: true, enum: ['high', 'medium', 'low'] },
      { path: ['watermark'], type: ['object'], nullable: true },
      { path: ['engine'], type: ['object'], nullable: true },
      { path: ['engine', 'type'], type: ['string'], required: true },
      { path: ['callback_url'], type: ['string'], nullable: true, url: true, maxLength: 2048 },
      { path: ['callback_id'], type: ['string'], nullable: true, maxLength: 500 },
      { path: ['folder_id'], type: ['string'], nullable: true },
      { path: ['audio_url'], type: ['string'], nullable: true },
    ],
  },
  {
    name: 'POST /v2/videos',
    method: 'POST',
    url: () => '/v2/videos',
    version: 'v3',
    base: () => ({
      avatar_id: AVATAR,
      script: 'Hello.',
      voice_id: VOICE,
      title: 'fuzz',
      resolution: '720p',
      aspect_ratio: '16:9',
      background: { type: 'color', value: '#FFFFFF' },
      voice_settings: { speed: 1, pitch: 0, volume: 1 },
      callback_id: 'cb',
    }),
    fields: flatVideoFields,
  },
  {
    name: 'POST /v1/webhook/endpoint.add',
    method: 'POST',
    url: () => '/v1/webhook/endpoint.add',
    version: 'v1',
    ...endpointCreate,
  },
  {
    name: 'PATCH /v1/webhook/endpoint.update',
    method: 'PATCH',
    url: () => '/v1/webhook/endpoint.update',
    version: 'v1',
    base: () => ({ endpoint_id: targets.v1, url: 'https://example.com/changed', events: ['avatar_video.fail'] }),
    fields: [
      { path: ['endpoint_id'], type: ['string'], required: true, ref: true },
      { path: ['url'], type: ['string'], nullable: true, url: true },
      { path: ['events'], type: ['array'], nullable: true, items: 'event' },
    ],
  },
  {
    name: 'POST /v3/webhooks/endpoints',
    method: 'POST',
    url: () => '/v3/webhooks/endpoints',
    version: 'v3',
    closed: true,
    ...endpointCreate,
  },
  {
    name: 'PATCH /v3/webhooks/endpoints/{id}',
    method: 'PATCH',
    url: () => `/v3/webhooks/endpoints/${targets.v3}`,
    version: 'v3',
    closed: true,
    emptyIsValid: true,
    base: () => ({ url: 'https://example.com/changed', events: ['avatar_video.fail'] }),
    fields: [
      { path: ['url'], type: ['string'], nullable: true, url: true },
      { path: ['events'], type: ['array'], nullable: true, items: 'event' },
    ],
  },
  { name: 'POST /v3/voices/speech', method: 'POST', url: () => '/v3/voices/speech', version: 'v3', base: speechBase, fields: speechFields },
  { name: 'POST /v1/audio/text_to_speech', method: 'POST', url: () => '/v1/audio/text_to_speech', version: 'v3', base: speechBase, fields: speechFields },
];

// ---- value generators -------------------------------------------------------------------------

const oddString = fc.string({ unit: 'binary', maxLength: 40 });
const jsonLeaf: fc.Arbitrary<Json> = fc.oneof(oddString, fc.integer(), fc.boolean(), fc.constant(null));
const valueOfType: Record<JsonType, fc.Arbitrary<Json>> = {
  string: oddString,
  integer: fc.integer(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true, noInteger: true, min: -1e6, max: 1e6 }),
  boolean: fc.boolean(),
  array: fc.array(jsonLeaf, { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), jsonLeaf, { maxKeys: 3 }) as fc.Arbitrary<Json>,
  null: fc.constant(null),
};
const ALL_TYPES = Object.keys(valueOfType) as JsonType[];

function acceptedTypes(f: Field): Set<JsonType> {
  const accepted = new Set(f.type);
  if (accepted.has('number')) accepted.add('integer');
  if (f.nullable) accepted.add('null');
  return accepted;
}

/** Text the URL parser cannot turn into an http(s) URL (it drops tab/CR/LF and leading C0/space). */
const notHttpUrl = fc
  .oneof(
    fc.constantFrom('not a url', 'ftp://example.com/a', 'javascript:alert(1)', '//example.com', 'http://', 'file:///etc/passwd', 'mailto:a@b.c', 'data:text/plain,x', 'https://exa mple.com'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  )
  .filter((s) => !/^[\u0000-\u0020]*https?:/i.test(s.replace(/[\t\n\r]/g, '')));

const unknownId = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !KNOWN_IDS.has(s) && !KNOWN_IDS.has(s.trim()));
const unknownEvent = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !(WEBHOOK_EVENT_TYPES as string[]).includes(s));

type Mutation = { what: string; apply: (body: { [k: string]: Json }) => void };

function setAt(body: { [k: string]: Json }, path: (string | number)[], value: Json | undefined): void {
  let node: any = body;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key];
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
}

const label = (path: (string | number)[]) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').slice(1);

/** Every way to make one field invalid. */
function fieldMutations(f: Field): fc.Arbitrary<Mutation>[] {
  const at = label(f.path);
  const out: fc.Arbitrary<Mutation>[] = [];
  const accepted = acceptedTypes(f);
  const wrong = ALL_TYPES.filter((t) => !accepted.has(t));
  if (wrong.length) {
    out.push(
      fc.constantFrom(...wrong).chain((t) => valueOfType[t].map((v) => ({ what: `${at} = ${t} ${JSON.stringify(v)?.slice(0, 40)}`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, v) }))),
    );
  }
  if (f.required) out.push(fc.constant({ what: `${at} removed`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, undefined) }));
  if (f.enum) {
    const values = f.enum;
    out.push(oddString.filter((s) => !values.includes(s)).map((s) => ({ what: `${at} = bad enum ${JSON.stringify(s)}`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, s) })));
  }
  if (f.maxLength !== undefined) {
    const max = f.maxLength;
    out.push(
      fc.tuple(fc.integer({ min: max + 1, max: max + 3000 }), fc.constantFrom('a', 'é', '😀', '\u202e')).map(([n, ch]) => ({
        what: `${at} = ${n} × ${JSON.stringify(ch)}`,
        apply: (b: { [k: string]: Json }) => setAt(b, f.path, ch.repeat(n)),
      })),
    );
  }
  if (f.range) {
    const [lo, hi] = f.range;
    out.push(
      fc
        .oneof(fc.double({ noNaN: true, min: -1e9, max: lo - 0.01 }), fc.double({ noNaN: true, min: hi + 0.01, max: 1e9 }))
        .map((v) => ({ what: `${at} = out of range ${v}`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, v) })),
    );
  }
  if (f.url) out.push(notHttpUrl.map((s) => ({ what: `${at} = bad URL ${JSON.stringify(s)}`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, s) })));
  if (f.ref) out.push(unknownId.map((s) => ({ what: `${at} = unknown id ${JSON.stringify(s)}`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, s) })));
  if (f.items) {
    out.push(
      fc
        .tuple(fc.constantFrom<JsonType>('integer', 'boolean', 'array', 'object', 'null').chain((t) => valueOfType[t]), fc.nat({ max: 2 }))
        .map(([v, i]) => ({ what: `${at}[${i}] = ${JSON.stringify(v)?.slice(0, 30)}`, apply: (b: { [k: string]: Json }) => setAt(b, [...f.path, i], v) })),
    );
    if (f.items === 'event') out.push(unknownEvent.map((s) => ({ what: `${at} has unknown event ${JSON.stringify(s)}`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, ['avatar_video.success', s]) })));
  }
  if (f.minItems) out.push(fc.constant({ what: `${at} = []`, apply: (b: { [k: string]: Json }) => setAt(b, f.path, []) }));
  return out;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/plain; charset=utf-8',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  'image/png',
  'application/vnd.api+json',
  ';;;',
  '',
];
const NON_JSON_TYPES = CONTENT_TYPES.filter((t) => !t.startsWith('application/json'));

/** Extra fields (`x_…`, never a real name) with odd values; they alone are invalid only on closed bodies. */
const noise = fc.dictionary(
  oddString.map((s) => `x_${s}`),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  { maxKeys: 3 },
);

function requestsFor(e: Endpoint): fc.Arbitrary<FuzzRequest> {
  const json = (what: string, text: string, type = 'application/json'): FuzzRequest => ({ what, headers: { 'content-type': type }, payload: text });
  const broken = fc.tuple(fc.oneof(...e.fields.flatMap(fieldMutations)), noise).map(([m, extra]) => {
    const body = { ...e.base(), ...(e.closed ? {} : extra) };
    m.apply(body);
    return json(m.what, JSON.stringify(body));
  });
  const structural: fc.Arbitrary<FuzzRequest>[] = [
    // Broken JSON: a valid body cut short or with garbage after it, or arbitrary text.
    fc.nat().map((n) => {
      const text = JSON.stringify(e.base());
      return json(`JSON cut at ${n % text.length}`, text.slice(0, n % text.length) || '{');
    }),
    fc.constantFrom('{"a":1,}', "{'a':1}", '{"a":undefined}', '[1,2', 'nul', '{"a":1}}', '\u0000{}', '{"a":"\\x"}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}').map((t) => json(`bad JSON ${t}`, t)),
    oddString.filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return s.trim() !== '';
      }
    }).map((s) => json(`text ${JSON.stringify(s)}`, s)),
    // Valid JSON that is not an object.
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 })), fc.integer(), fc.string(), fc.boolean(), fc.constant(null)).map((v) => json(`body ${JSON.stringify(v).slice(0, 40)}`, JSON.stringify(v))),
    // Nesting past the limit, as the whole body or inside an extra field.
    fc.tuple(fc.integer({ min: 33, max: 4000 }), fc.boolean()).map(([d, whole]) => {
      const deep = '['.repeat(d) + ']'.repeat(d);
      return json(`nested ${d} deep${whole ? '' : ' in a field'}`, whole ? deep : JSON.stringify({ ...e.base(), x_deep: '@' }).replace('"@"', deep));
    }),
    // A valid JSON body under a non-JSON Content-Type.
    fc.constantFrom(...NON_JSON_TYPES).map((t) => json(`valid JSON as ${t || '(empty type)'}`, JSON.stringify(e.base()), t)),
    // No Content-Type at all, with a body.
    fc.constant({ what: 'body without Content-Type', headers: {}, payload: Buffer.from(JSON.stringify(e.base())) }),
    // Over the 2 MB limit.
    fc.integer({ min: 1, max: 64 * 1024 }).map((n) => json(`2 MB + ${n} bytes`, JSON.stringify({ ...e.base(), x_pad: 'p'.repeat(2 * 1024 * 1024 + n) }))),
  ];
  if (!e.emptyIsValid) {
    structural.push(fc.tuple(fc.constantFrom(...CONTENT_TYPES, undefined), fc.constantFrom('', ' ', '\r\n')).map(([t, body]) => ({
      what: `empty body (${JSON.stringify(body)}) as ${t ?? 'no type'}`,
      headers: t === undefined ? {} : { 'content-type': t },
      payload: t === undefined || !t.startsWith('application/json') ? '' : body,
    })));
  }
  if (e.closed) structural.push(fc.tuple(oddString, fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => json(`extra field x_${JSON.stringify(k)}`, JSON.stringify({ ...e.base(), [`x_${k}`]: v }))));
  // Field mutations are most of the run; the structural cases each get a share.
  return fc.oneof({ arbitrary: broken, weight: structural.length * 2 }, ...structural.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

// ---- what every answer must be ------------------------------------------------------------------

const V3_CODES = new Map<string, Set<number>>();
const LEGACY_CODES = new Map<number, Set<number>>();
for (const spec of Object.values(ERROR_TABLE)) {
  V3_CODES.set(spec.v3Code, (V3_CODES.get(spec.v3Code) ?? new Set()).add(spec.httpStatus));
  LEGACY_CODES.set(spec.legacyCode, (LEGACY_CODES.get(spec.legacyCode) ?? new Set()).add(spec.httpStatus));
}

function fieldNames(e: Endpoint): string[] {
  const names = new Set<string>(['body', 'Content-Type', 'JSON']);
  for (const f of e.fields) for (const k of f.path) if (typeof k === 'string') names.add(k);
  return [...names];
}

function checkAnswer(e: Endpoint, req: FuzzRequest, r: LightMyRequestResponse): void {
  const ctx = `${e.name} ← ${req.what}: ${r.statusCode} ${r.body.slice(0, 300)}`;
  assert.ok(r.statusCode >= 400 && r.statusCode < 500, `a 4xx, never a 5xx or a success: ${ctx}`);
  assert.match(String(r.headers['content-type']), /^application\/json/, ctx);
  const body = JSON.parse(r.body);
  let code: unknown;
  let message: string;
  let param: unknown = null;
  switch (e.version) {
    case 'v1':
      assert.deepEqual(Object.keys(body).sort(), ['code', 'data', 'message'], ctx);
      assert.equal(body.data, null, ctx);
      assert.ok(LEGACY_CODES.get(body.code)?.has(r.statusCode), `v1 code ${body.code} with HTTP ${r.statusCode} is in the error table: ${ctx}`);
      ({ code, message } = body);
      break;
    case 'v2':
      assert.deepEqual(Object.keys(body).sort(), ['data', 'error'], ctx);
      assert.equal(body.data, null, ctx);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message'], ctx);
      assert.ok(V3_CODES.get(body.error.code)?.has(r.statusCode), `v2 code ${body.error.code} with HTTP ${r.statusCode} is in the error table: ${ctx}`);
      ({ code, message } = body.error);
      break;
    case 'v3':
      assert.deepEqual(Object.keys(body), ['error'], ctx);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'doc_url', 'message', 'param'], ctx);
      assert.ok(V3_CODES.get(body.error.code)?.has(r.statusCode), `v3 code ${body.error.code} with HTTP ${r.statusCode} is in the error table: ${ctx}`);
      ({ code, message, param } = body.error);
      break;
  }
  assert.equal(typeof message, 'string', ctx);
  assert.ok(message.length > 0 && message.length < 1200, `a message of sane length: ${ctx}`);
  assert.ok(!/\/(tmp|home|work|var|usr)\//.test(message) && !message.includes('node_modules'), `no server paths: ${ctx}`);
  void code;
  // Validation and parse errors name the field: v3 in `param` (repeated in the message), v1/v2 in the message.
  if (r.statusCode === 400 || r.statusCode === 413) {
    if (e.version === 'v3') {
      assert.equal(typeof param, 'string', `param names the field: ${ctx}`);
      const leaf = String(param).split(/[.[\]]/).filter(Boolean).pop()!;
      assert.ok(message.includes(String(param)) || message.includes(leaf), `the message names ${String(param)}: ${ctx}`);
    } else {
      assert.ok(fieldNames(e).some((n) => message.includes(n)), `the message names a field: ${ctx}`);
    }
  }
}

async function counts() {
  const videos = await p.app.inject({ method: 'GET', url: '/v3/videos?limit=100', headers: h });
  const endpoints = await p.app.inject({ method: 'GET', url: '/v1/webhook/endpoint.list', headers: h });
  const photos = await p.app.inject({ method: 'GET', url: '/v1/talking_photo.list', headers: h });
  return {
    videos: videos.json().data.length as number,
    endpoints: (endpoints.json().data as { endpoint_id: string; url: string; events: string[] | null }[])
      .map((x) => `${x.endpoint_id} ${x.url} ${JSON.stringify(x.events)}`)
      .sort(),
    photos: JSON.stringify(photos.json().data).length,
    renders: p.engine.controls.renders.length,
  };
}

describe('fuzzed malformed requests: 4xx in the route’s envelope, field named, nothing stored', () => {
  for (const e of ENDPOINTS) {
    test(`${e.name}: ${RUNS} malformed requests`, async () => {
      const before = await counts();
      await fc.assert(
        fc.asyncProperty(requestsFor(e), async (req) => {
          const r = await p.app.inject({ method: e.method, url: e.url(), headers: { ...h, ...req.headers }, ...(req.payload === undefined ? {} : { payload: req.payload }) });
          checkAnswer(e, req, r);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      assert.deepEqual(await counts(), before, 'nothing stored: videos, endpoints (url and events) and photos as before, no render');
    });
  }

  test(`POST /v1/talking_photo: ${RUNS} malformed uploads`, async () => {
    const e: Endpoint = { name: 'POST /v1/talking_photo', method: 'POST', url: () => '/v1/talking_photo', version: 'v1', base: () => ({}), fields: [] };
    const before = await counts();
    const uploads = fc.tuple(fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'application/octet-stream', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', ';;;', undefined), fc.uint8Array({ maxLength: 4096 })).map(
      ([type, bytes]): FuzzRequest => ({ what: `${bytes.length} random bytes as ${type ?? 'no type'}`, headers: type === undefined ? {} : { 'content-type': type }, payload: Buffer.from(bytes) }),
    );
    await fc.assert(
      fc.asyncProperty(uploads, async (req) => {
        const r = await p.app.inject({ method: 'POST', url: '/v1/talking_photo', headers: { ...h, ...req.headers }, payload: req.payload });
        checkAnswer(e, req, r);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    assert.deepEqual(await counts(), before, 'nothing stored');
  });
});
