// A stand-in rig for render tests: a flat cartoon head whose mouth is a dark ellipse that opens per
// viseme, drawn with sharp from SVG. It has the AvatarRig shape, so tests do not wait on avatar art.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AvatarRig } from '../../src/render/avatars/avatar-catalogue.js';
import { VISEMES, type Viseme } from '../../src/render/visemes/viseme.js';

const OPENING: Record<Viseme, number> = { A: 0, B: 0.3, C: 0.6, D: 1, E: 0.5, F: 0.35, G: 0.2, H: 0.45, X: 0.05 };

export async function buildFakeAvatarRig(dir: string, height: number): Promise<AvatarRig> {
  const width = Math.round(height * 0.75 / 2) * 2;
  await mkdir(dir, { recursive: true });
  const cx = width / 2;
  const mouthY = height * 0.55;
  const mouthW = width * 0.3;
  const mouthMaxH = height * 0.12;
  const stills = {} as AvatarRig['stills'];
  for (const viseme of VISEMES) {
    const pair = { eyesOpen: '', eyesClosed: '' };
    for (const closed of [false, true]) {
      const mouthH = Math.max(2, OPENING[viseme] * mouthMaxH);
      const eye = (x: number): string =>
        closed
          ? `<rect x="${x - width * 0.06}" y="${height * 0.36}" width="${width * 0.12}" height="${Math.max(2, height * 0.01)}" fill="#222"/>`
          : `<ellipse cx="${x}" cy="${height * 0.37}" rx="${width * 0.06}" ry="${height * 0.035}" fill="#fff"/><circle cx="${x}" cy="${height * 0.37}" r="${height * 0.02}" fill="#223"/>`;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
        <rect x="${width * 0.1}" y="${height * 0.8}" width="${width * 0.8}" height="${height * 0.2}" rx="${width * 0.1}" fill="#3a5fcd"/>
        <ellipse cx="${cx}" cy="${height * 0.45}" rx="${width * 0.33}" ry="${height * 0.3}" fill="#f1c27d"/>
        ${eye(cx - width * 0.13)}${eye(cx + width * 0.13)}
        <ellipse cx="${cx}" cy="${mouthY}" rx="${mouthW / 2}" ry="${mouthH / 2}" fill="#4a1010"/>
      </svg>`;
      const path = join(dir, `${viseme}-${closed ? 'closed' : 'open'}.png`);
      await sharp(Buffer.from(svg)).png().toFile(path);
      if (closed) pair.eyesClosed = path;
      else pair.eyesOpen = path;
    }
    stills[viseme] = pair;
  }
  const box = (w: number, h: number, y: number) => ({ x: Math.round(cx - w / 2), y: Math.round(y - h / 2), width: Math.round(w), height: Math.round(h) });
  return {
    avatarId: 'fake',
    style: 'normal',
    width,
    height,
    stills,
    mouthBox: box(mouthW * 1.1, mouthMaxH * 1.1, mouthY),
    headBox: box(width * 0.66, height * 0.6, height * 0.45),
  };
}
