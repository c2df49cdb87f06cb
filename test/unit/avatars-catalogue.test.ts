import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { findStockAvatar, listStockAvatars, type AvatarRig } from '../../src/render/avatars/avatar-catalogue.js';
import { avatarStillSvg, buildAvatarRig } from '../../src/render/avatars/build-avatar-rig.js';
import { OratorError } from '../../src/domain/errors.js';
import { VISEMES } from '../../src/render/visemes/viseme.js';
import { assertRigStills } from '../support/assert-rig-stills.js';

const VOICES = { female: ['festival_slt_hts', 'flite_slt'], male: ['flite_rms', 'flite_awb', 'flite_kal'] };

let cacheDir: string;
before(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'orator-avatars-'));
});
after(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function sha(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function crop(path: string, box: AvatarRig['mouthBox']): Promise<Buffer> {
  return sharp(path).extract({ left: box.x, top: box.y, width: box.width, height: box.height }).raw().toBuffer();
}

describe('stock avatar catalogue', () => {
  it('lists at least six avatars of both genders with valid default voices', () => {
    const list = listStockAvatars();
    assert.ok(list.length >= 6);
    assert.ok(list.some((a) => a.gender === 'female'));
    assert.ok(list.some((a) => a.gender === 'male'));
    assert.equal(new Set(list.map((a) => a.avatar_id)).size, list.length);
    for (const a of list) {
      assert.match(a.avatar_id, /^[a-z]+(_[a-z]+)+$/);
      assert.ok(VOICES[a.gender].includes(a.default_voice_id), `${a.avatar_id}: ${a.default_voice_id}`);
      assert.ok(a.tags.includes('stock'));
      assert.ok(a.avatar_name.length > 0);
    }
    assert.equal(findStockAvatar(list[0]!.avatar_id)?.avatar_id, list[0]!.avatar_id);
    assert.equal(findStockAvatar('nobody_here'), undefined);
  });
});

describe('buildAvatarRig', () => {
  it('renders 18 RGBA stills of the requested size, distinct per mouth shape', async () => {
    const rig = await buildAvatarRig({ avatarId: 'daniel_blazer_front', style: 'normal', height: 256, cacheDir });
    assert.equal(rig.height, 256);
    assert.equal(rig.width % 2, 0);
    const hashes = new Set<string>();
    for (const path of await assertRigStills(rig)) {
      assert.equal((await sharp(path).metadata()).hasAlpha, true);
      hashes.add(await sha(path));
    }
    assert.equal(hashes.size, 18);
    // Transparent around the figure.
    const corner = await sharp(rig.stills.X.eyesOpen).extract({ left: 0, top: 0, width: 4, height: 4 }).raw().toBuffer();
    assert.equal(corner[3], 0);
    // Boxes inside the still.
    for (const b of [rig.mouthBox, rig.headBox]) {
      assert.ok(b.x >= 0 && b.y >= 0 && b.width > 0 && b.height > 0);
      assert.ok(b.x + b.width <= rig.width && b.y + b.height <= rig.height);
    }
    assert.ok(rig.mouthBox.y > rig.headBox.y && rig.mouthBox.y + rig.mouthBox.height <= rig.headBox.y + rig.headBox.height + 12);
  });

  it('draws visibly different mouths for A and D inside the mouth box, and the same outside it', async () => {
    const rig = await buildAvatarRig({ avatarId: 'amara_office_front', style: 'closeUp', height: 256, cacheDir });
    const a = await crop(rig.stills.A.eyesOpen, rig.mouthBox);
    const d = await crop(rig.stills.D.eyesOpen, rig.mouthBox);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - d[i]!);
    assert.ok(diff / a.length > 8, `mean difference ${diff / a.length}`);
    // Everything that changes between mouth shapes lies inside the mouth box.
    const fa = await sharp(rig.stills.A.eyesOpen).raw().toBuffer();
    const fd = await sharp(rig.stills.D.eyesOpen).raw().toBuffer();
    const b = rig.mouthBox;
    for (let p = 0; p < fa.length / 4; p++) {
      const x = p % rig.width;
      const y = Math.floor(p / rig.width);
      if (x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height) continue;
      let d2 = 0;
      for (let k = 0; k < 4; k++) d2 += Math.abs(fa[p * 4 + k]! - fd[p * 4 + k]!);
      assert.ok(d2 <= 12, `pixel ${x},${y} changes outside the mouth box`);
    }
  });

  it('matches a full render of the same still (region compositing is exact to the eye)', async () => {
    for (const id of ['omar_shirt_front', 'layla_hijab_front']) {
      const rig = await buildAvatarRig({ avatarId: id, style: 'closeUp', height: 300, cacheDir });
      for (const v of ['D', 'F'] as const) {
        const full = new Resvg(avatarStillSvg(id, 'closeUp', 300, v, false), { font: { loadSystemFonts: false } }).render().pixels;
        const got = await sharp(rig.stills[v].eyesClosed).raw().toBuffer();
        // resvg anti-aliases a few edge pixels differently on a cropped canvas; allow a trace of that.
        let bad = 0;
        let worst = 0;
        for (let i = 0; i < got.length; i += 4) {
          const a = got[i + 3]!;
          let d = Math.abs(a - full[i + 3]!);
          for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs((got[i + k]! * a) / 255 - full[i + k]!));
          if (d > 20) bad++;
          worst = Math.max(worst, d);
        }
        assert.ok(bad < got.length / 4 / 1000, `${id} ${v}: ${bad} pixels differ`);
        assert.ok(worst < 80, `${id} ${v}: worst difference ${worst}`);
      }
    }
  });

  it('crops the circle style to a disc: transparent corners, opaque centre', async () => {
    const rig = await buildAvatarRig({ avatarId: 'mei_casual_front', style: 'circle', height: 200, cacheDir });
    assert.equal(rig.width, rig.height);
    const px = await sharp(rig.stills.X.eyesOpen).raw().toBuffer();
    const alpha = (x: number, y: number): number => px[(y * rig.width + x) * 4 + 3]!;
    for (const [x, y] of [[0, 0], [rig.width - 1, 0], [0, rig.height - 1], [rig.width - 1, rig.height - 1], [8, 8]] as const) {
      assert.equal(alpha(x, y), 0, `corner ${x},${y}`);
    }
    assert.equal(alpha(rig.width >> 1, rig.height >> 1), 255);
    assert.equal(alpha(rig.width >> 1, 12), 255); // the disc reaches near the top edge
  });

  it('reuses the cache and is deterministic', async () => {
    const opts = { avatarId: 'george_senior_front', style: 'closeUp' as const, height: 128, cacheDir };
    const first = await buildAvatarRig(opts);
    const before = (await stat(first.stills.D.eyesOpen)).mtimeMs;
    const again = await buildAvatarRig(opts);
    assert.deepEqual(again, first);
    assert.equal((await stat(again.stills.D.eyesOpen)).mtimeMs, before);
    // A fresh cache renders byte-identical files.
    const other = await mkdtemp(join(tmpdir(), 'orator-avatars-'));
    try {
      const fresh = await buildAvatarRig({ ...opts, cacheDir: other });
      for (const v of VISEMES) {
        assert.equal(await sha(fresh.stills[v].eyesOpen), await sha(first.stills[v].eyesOpen));
        assert.equal(await sha(fresh.stills[v].eyesClosed), await sha(first.stills[v].eyesClosed));
      }
      assert.deepEqual(fresh.mouthBox, first.mouthBox);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('shares one render between concurrent calls', async () => {
    const opts = { avatarId: 'kwame_turtleneck_front', style: 'normal' as const, height: 96, cacheDir };
    const [a, b] = await Promise.all([buildAvatarRig(opts), buildAvatarRig(opts)]);
    assert.deepEqual(a, b);
    assert.match(a.stills.A.eyesOpen, /avatars[/\\]kwame_turtleneck_front[/\\]normal[/\\]96[/\\][0-9a-f]{16}[/\\]/);
  });

  it('renders every avatar in every style', async () => {
    for (const a of listStockAvatars()) {
      for (const style of ['normal', 'closeUp', 'circle'] as const) {
        const rig = await buildAvatarRig({ avatarId: a.avatar_id, style, height: 64, cacheDir });
        assert.equal(rig.height, 64);
      }
    }
  });

  it('rejects an unknown avatar with avatar_not_found', async () => {
    await assert.rejects(buildAvatarRig({ avatarId: 'nobody_here', style: 'normal', height: 256, cacheDir }), (err: unknown) => {
      assert.ok(err instanceof OratorError);
      assert.equal(err.kind, 'avatar_not_found');
      assert.equal(err.param, 'avatar_id');
      assert.equal(err.message, 'Avatar not found: nobody_here');
      return true;
    });
  });
});
