// Pictures for the photo-avatar checks, made from the stock NASA portrait (public domain) with sharp:
// one face, none, two side by side, blurred, turned away (one cheek squeezed as a head turn hides it),
// and a face too small in a large frame. Made at test time, not stored.
import sharp from 'sharp';
import { ASTRONAUT_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';

export interface PortraitFixtures {
  face: Buffer;
  noFace: Buffer;
  twoFaces: Buffer;
  blurred: Buffer;
  turned: Buffer;
  tinyFace: Buffer;
}

/** x of the astronaut's nose tip in the 512 px portrait (the squeeze hinges there). */
const NOSE_X = 223;

export async function makePortraitFixtures(): Promise<PortraitFixtures> {
  const face = await sharp(ASTRONAUT_PHOTO).png().toBuffer();
  const half = await sharp(ASTRONAUT_PHOTO).resize(256, 256).png().toBuffer();
  const left = await sharp(ASTRONAUT_PHOTO).extract({ left: 0, top: 0, width: NOSE_X, height: 512 }).resize(Math.round(NOSE_X * 0.35), 512, { fit: 'fill' }).png().toBuffer();
  const right = await sharp(ASTRONAUT_PHOTO).extract({ left: NOSE_X, top: 0, width: 512 - NOSE_X, height: 512 }).png().toBuffer();
  const squeezed = Math.round(NOSE_X * 0.35);
  return {
    face,
    noFace: await sharp({ create: { width: 256, height: 256, channels: 3, background: '#7a8fa6' } }).png().toBuffer(),
    twoFaces: await sharp({ create: { width: 600, height: 300, channels: 3, background: '#888888' } }).composite([{ input: half, left: 20, top: 20 }, { input: half, left: 320, top: 20 }]).png().toBuffer(),
    blurred: await sharp(ASTRONAUT_PHOTO).blur(2.5).png().toBuffer(),
    turned: await sharp({ create: { width: squeezed + 512 - NOSE_X, height: 512, channels: 3, background: '#888888' } }).composite([{ input: left, left: 0, top: 0 }, { input: right, left: squeezed, top: 0 }]).png().toBuffer(),
    tinyFace: await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#8a8f96' } }).composite([{ input: face, left: 1244, top: 1244 }]).jpeg({ quality: 85 }).toBuffer(),
  };
}
