// Renders a contact sheet of every stock avatar: the normal style, the close-up with every mouth shape
// and closed eyes, and the circle style. Usage:
//   node --import tsx scripts/avatar-contact-sheet.ts out.png [--height 220] [--avatars id,id] [--cache dir]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { listStockAvatars } from '../src/render/avatars/avatar-catalogue.js';
import { buildAvatarRig } from '../src/render/avatars/build-avatar-rig.js';
import type { AvatarStyle } from '../src/domain/render-plan.js';
import { VISEMES, type Viseme } from '../src/render/visemes/viseme.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const out = process.argv[2];
if (!out || out.startsWith('--')) {
  console.error('usage: avatar-contact-sheet.ts out.png [--height 220] [--avatars id,id] [--cache dir]');
  process.exit(2);
}
const cell = Number(arg('height') ?? 220);
const only = arg('avatars')?.split(',');
const cacheDir = arg('cache') ?? (await mkdtemp(join(tmpdir(), 'orator-sheet-')));
const avatars = listStockAvatars().filter((a) => !only || only.includes(a.avatar_id));

interface Column { label: string; style: AvatarStyle; viseme: Viseme; open: boolean }
const columns: Column[] = [
  { label: 'normal', style: 'normal', viseme: 'X', open: true },
  ...VISEMES.map((v): Column => ({ label: v, style: 'closeUp', viseme: v, open: true })),
  { label: 'blink', style: 'closeUp', viseme: 'X', open: false },
  { label: 'circle', style: 'circle', viseme: 'X', open: true },
];

const pad = 8;
const label = 22;
const width = columns.length * (cell + pad) + pad;
const height = avatars.length * (cell + pad + label) + pad;
const tiles: sharp.OverlayOptions[] = [];
const svgText: string[] = [];
for (const [r, a] of avatars.entries()) {
  const top = pad + r * (cell + pad + label);
  svgText.push(`<text x="${pad}" y="${top + 16}" font-size="15" font-family="sans-serif" fill="#333">${a.avatar_name} — ${a.avatar_id} (${a.default_voice_id})</text>`);
  for (const [c, col] of columns.entries()) {
    const rig = await buildAvatarRig({ avatarId: a.avatar_id, style: col.style, height: cell, cacheDir });
    const still = col.open ? rig.stills[col.viseme].eyesOpen : rig.stills[col.viseme].eyesClosed;
    const left = pad + c * (cell + pad) + Math.floor((cell - rig.width) / 2);
    tiles.push({ input: still, left, top: top + label });
    if (r === 0) svgText.push(`<text x="${pad + c * (cell + pad) + cell - 4}" y="${top + 16}" text-anchor="end" font-size="13" font-family="sans-serif" fill="#777">${col.label}</text>`);
  }
}
const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svgText.join('')}</svg>`);
await sharp({ create: { width, height, channels: 4, background: '#eef0f3' } })
  .composite([...tiles, { input: overlay, left: 0, top: 0 }])
  .png()
  .toFile(out);
console.log(`wrote ${out} (${width}x${height}), rigs cached in ${cacheDir}`);
