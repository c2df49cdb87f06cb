// The photo-avatar picture checks on numbers (checkPortrait) and on real pictures measured by the
// engine adapter (inspectPortrait), and the attribute drawings' mapping (illustrateAttributes).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspectPortrait } from '../../src/compose/portrait-engine.js';
import { isOratorError } from '../../src/domain/errors.js';
import { illustrateAttributes, type PhotoAttributes } from '../../src/services/photo-avatars/illustrate-attributes.js';
import { checkPortrait, MAX_TURN, MIN_SHARPNESS } from '../../src/services/photo-avatars/portrait-checks.js';
import type { PortraitFace, PortraitInspection } from '../../src/services/ports.js';
import { makePortraitFixtures, type PortraitFixtures } from '../support/portrait-fixtures.js';

const face = (over: Partial<PortraitFace> = {}): PortraitFace => ({ box: { x: 100, y: 100, width: 150, height: 150 }, score: 0.99, turn: 0.03, sharpness: 0.5, ...over });
const picture = (faces: PortraitFace[], size = 512): PortraitInspection => ({ width: size, height: size, faces });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    assert.ok(isOratorError(err), String(err));
    return `${err.spec.legacyCode} ${err.spec.legacyName}`;
  }
};

describe('checkPortrait', () => {
  test('one large, sharp, frontal face passes and is the one answered', () => {
    const main = face();
    assert.equal(checkPortrait(picture([main])), main);
  });
  test('no face → 40004; a second face of comparable size → 40005, a small one far behind does not count', () => {
    assert.equal(codeOf(() => checkPortrait(picture([]))), '40004 NO_FACE_ERROR');
    assert.equal(codeOf(() => checkPortrait(picture([face(), face({ box: { x: 300, y: 100, width: 70, height: 70 } })]))), '40005 TOO_MANY_FACES_ERROR');
    assert.equal(codeOf(() => checkPortrait(picture([face(), face({ box: { x: 300, y: 100, width: 50, height: 50 } })]))), 'ok');
  });
  test('small, blurred or turned away → 40006 with what to fix', () => {
    assert.equal(codeOf(() => checkPortrait(picture([face({ box: { x: 0, y: 0, width: 50, height: 50 } })]))), '40006 BAD_QUALITY_IMAGE');
    assert.equal(codeOf(() => checkPortrait(picture([face({ box: { x: 0, y: 0, width: 150, height: 150 } })], 3000))), '40006 BAD_QUALITY_IMAGE', 'small for its picture');
    assert.equal(codeOf(() => checkPortrait(picture([face({ sharpness: MIN_SHARPNESS - 0.01 })]))), '40006 BAD_QUALITY_IMAGE');
    assert.equal(codeOf(() => checkPortrait(picture([face({ sharpness: MIN_SHARPNESS + 0.01 })]))), 'ok');
    assert.equal(codeOf(() => checkPortrait(picture([face({ turn: MAX_TURN + 0.01 })]))), '40006 BAD_QUALITY_IMAGE');
    assert.throws(() => checkPortrait(picture([face({ turn: 0.7 })]), 'file.url'), (err: unknown) => isOratorError(err) && err.param === 'file.url' && /turned away/.test(err.message));
  });
});

describe('inspectPortrait on real pictures', () => {
  let fixtures: PortraitFixtures;
  let dir: string;
  before(async () => {
    fixtures = await makePortraitFixtures();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'orator-portraits-'));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));
  const measure = async (name: keyof PortraitFixtures) => {
    const file = path.join(dir, `${name}.img`);
    await fs.writeFile(file, fixtures[name]);
    return inspectPortrait(file);
  };

  test('the NASA portrait: one face, frontal, sharp; each bad picture fails its own check', async () => {
    const good = await measure('face');
    assert.equal(good.faces.length, 1);
    assert.ok(good.faces[0]!.turn < 0.1 && good.faces[0]!.sharpness > 0.3, JSON.stringify(good.faces[0]));
    const expected: [keyof PortraitFixtures, string, RegExp][] = [
      ['noFace', '40004 NO_FACE_ERROR', /No face/],
      ['twoFaces', '40005 TOO_MANY_FACES_ERROR', /2 faces/],
      ['blurred', '40006 BAD_QUALITY_IMAGE', /blurred/],
      ['turned', '40006 BAD_QUALITY_IMAGE', /turned away/],
      ['tinyFace', '40006 BAD_QUALITY_IMAGE', /too small/],
    ];
    for (const [name, code, message] of expected) {
      const inspection = await measure(name);
      assert.equal(codeOf(() => checkPortrait(inspection)), code, `${name}: ${JSON.stringify(inspection.faces)}`);
      assert.throws(() => checkPortrait(inspection), message);
    }
  });

  test('a file that is not a picture is refused as corrupted, not as "no face"', async () => {
    const file = path.join(dir, 'junk.png');
    await fs.writeFile(file, 'not a picture');
    await assert.rejects(inspectPortrait(file), /corrupted or not a supported image format/);
  });
});

describe('illustrateAttributes', () => {
  const base: PhotoAttributes = { name: 'Sam', age: 'Senior', gender: 'Man', ethnicity: 'South Asian', orientation: 'vertical', pose: 'close_up', style: 'Realistic', appearance: 'grey hair, a beard, glasses and a burgundy sweater, in a park' };

  test('the attributes and appearance words are drawn: gender, age, skin, hair, beard, glasses, outfit, backdrop', () => {
    const drawings = illustrateAttributes(base);
    assert.equal(drawings.length, 4);
    for (const d of drawings) {
      assert.deepEqual([d.look.gender, d.look.age, d.orientation, d.pose], ['male', 'older', 'vertical', 'close_up']);
      assert.ok(['#b57b55', '#9a6646', '#c18a62'].includes(d.look.skin), d.look.skin);
      assert.equal(d.look.hair.colour, '#c9c6c2');
      assert.equal(d.look.facialHair?.style, 'beard');
      assert.ok(d.look.glasses);
      assert.deepEqual([d.look.outfit.kind, d.look.outfit.colour], ['sweater', '#7a2f3a']);
      assert.deepEqual(d.background, { top: '#cfe3c4', bottom: '#8fb37f' });
    }
    const hijab = illustrateAttributes({ ...base, gender: 'Woman', appearance: 'a teal hijab and a blazer' })[0]!;
    assert.deepEqual([hijab.look.hair.style, hijab.look.headCovering?.kind, hijab.look.facialHair], ['none', 'hijab', undefined]);
  });

  test('the same request draws the same pictures; the variants differ where the request leaves room', () => {
    assert.deepEqual(illustrateAttributes(base), illustrateAttributes(base));
    const open = illustrateAttributes({ ...base, age: 'Unspecified', gender: 'Unspecified', ethnicity: 'Unspecified', appearance: 'smiling' });
    assert.ok(new Set(open.map((d) => JSON.stringify(d.look))).size > 1);
  });
});
