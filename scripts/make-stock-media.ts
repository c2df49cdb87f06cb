// Makes the stock templates' bundled media (assets/templates/): a logo, a product shot, a backdrop and a
// loopable music bed, all drawn or synthesised here so the project owns them outright (no third-party
// pictures or recordings). Deterministic: no randomness, no clock; the same libraries give the same files.
// Run `node --import tsx scripts/make-stock-media.ts` after changing a drawing, then look at the files
// and commit them. Needs fonts-inter (the logo's wordmark) and ffmpeg with libmp3lame (the music bed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { PALETTE } from '../src/services/templates/stock-templates.js';

const OUT = new URL('../assets/templates/', import.meta.url).pathname;
const INTER_BOLD = '/usr/share/fonts/opentype/inter/Inter-Bold.otf';

function radial(ctx: SKRSContext2D, x: number, y: number, r: number, stops: [number, string][]): CanvasGradient {
  const g = ctx.createRadialGradient(x, y, 0, x, y, r);
  for (const [at, colour] of stops) g.addColorStop(at, colour);
  return g as unknown as CanvasGradient;
}

function ellipse(ctx: SKRSContext2D, x: number, y: number, rx: number, ry: number, fill: string | CanvasGradient): void {
  ctx.fillStyle = fill as string;
  ctx.beginPath();
  ctx.ellipse(x, y, rx, ry, 0, 0, Math.PI * 2);
  ctx.fill();
}

/** 160 px high, transparent: a sunrise mark (an arc over a horizon, a warm dot) and the wordmark "Meridian". */
async function logo(): Promise<Buffer> {
  GlobalFonts.registerFromPath(INTER_BOLD, 'Inter Stock Bold');
  const font = '76px "Inter Stock Bold"';
  const measure = createCanvas(1, 1).getContext('2d');
  measure.font = font;
  // As wide as the mark and the word, so a box that fits the logo in ('contain') starts at its left edge.
  const c = createCanvas(170 + Math.ceil(measure.measureText('Meridian').width) + 16, 160);
  const ctx = c.getContext('2d');
  const mark = ctx.createLinearGradient(16, 16, 144, 144);
  mark.addColorStop(0, '#3B82F6');
  mark.addColorStop(1, '#1D4ED8');
  ctx.fillStyle = mark;
  ctx.beginPath();
  ctx.roundRect(16, 16, 128, 128, 32);
  ctx.fill();
  ctx.strokeStyle = '#FFFFFF';
  ctx.lineWidth = 11;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.arc(80, 100, 36, Math.PI, 0);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(36, 104);
  ctx.lineTo(124, 104);
  ctx.stroke();
  ellipse(ctx, 80, 80, 13, 13, PALETTE.highlight);
  ctx.fillStyle = PALETTE.ink;
  ctx.font = font;
  ctx.textBaseline = 'middle';
  ctx.fillText('Meridian', 170, 84);
  return sharp(c.toBuffer('image/png')).png({ compressionLevel: 9, palette: true, quality: 95 }).toBuffer();
}

function lampArm(ctx: SKRSContext2D, points: [number, number][]): void {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const [width, colour] of [[26, '#1E293B'], [8, '#475569']] as const) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(...points[0]!);
    for (const p of points.slice(1)) ctx.lineTo(...p);
    ctx.stroke();
  }
  for (const [x, y] of points.slice(0, -1)) {
    ellipse(ctx, x, y, 22, 22, '#0F172A');
    ellipse(ctx, x, y, 9, 9, '#94A3B8');
  }
}

/** The shade: a blue cone tipped down to the right, its opening glowing warm, and the light it throws. */
function lampHead(ctx: SKRSContext2D): void {
  const light = ctx.createLinearGradient(634, 316, 715, 700);
  light.addColorStop(0, 'rgba(253, 230, 138, 0.55)');
  light.addColorStop(1, 'rgba(253, 230, 138, 0)');
  ctx.fillStyle = light;
  ctx.beginPath();
  ctx.moveTo(540, 350);
  ctx.lineTo(728, 281);
  ctx.lineTo(930, 700);
  ctx.lineTo(500, 700);
  ctx.closePath();
  ctx.fill();
  ctx.save();
  ctx.translate(610, 250);
  ctx.rotate(-0.35);
  const shade = ctx.createLinearGradient(-90, 0, 90, 0);
  shade.addColorStop(0, '#1D4ED8');
  shade.addColorStop(0.45, '#3B82F6');
  shade.addColorStop(1, '#1E40AF');
  ctx.fillStyle = shade;
  ctx.beginPath();
  ctx.moveTo(-34, -70);
  ctx.lineTo(34, -70);
  ctx.lineTo(100, 70);
  ctx.lineTo(-100, 70);
  ctx.closePath();
  ctx.fill();
  ellipse(ctx, 0, 70, 100, 20, '#FEF3C7');
  ellipse(ctx, 0, 70, 70, 12, '#FFFFFF');
  ctx.restore();
}

/** 960×800, transparent: the Aurora desk lamp on a soft disc, with its shadow and a pool of light. */
async function product(): Promise<Buffer> {
  const c = createCanvas(960, 800);
  const ctx = c.getContext('2d');
  ellipse(ctx, 480, 420, 350, 350, radial(ctx, 480, 420, 350, [[0, 'rgba(255,255,255,0.95)'], [0.8, 'rgba(255,255,255,0.75)'], [1, 'rgba(255,255,255,0)']]));
  ellipse(ctx, 715, 700, 240, 40, radial(ctx, 715, 700, 240, [[0, 'rgba(245,158,11,0.35)'], [1, 'rgba(245,158,11,0)']]));
  ellipse(ctx, 360, 712, 200, 24, radial(ctx, 360, 712, 200, [[0, 'rgba(15,23,42,0.35)'], [1, 'rgba(15,23,42,0)']]));
  lampHead(ctx);
  lampArm(ctx, [[360, 680], [290, 420], [590, 200]]);
  const base = ctx.createLinearGradient(0, 660, 0, 712);
  base.addColorStop(0, '#334155');
  base.addColorStop(1, '#0F172A');
  ctx.fillStyle = base;
  ctx.beginPath();
  ctx.roundRect(240, 668, 240, 40, 20);
  ctx.fill();
  ellipse(ctx, 360, 672, 110, 8, 'rgba(148,163,184,0.6)');
  return sharp(c.toBuffer('image/png')).png({ compressionLevel: 9, palette: true, quality: 90, effort: 10 }).toBuffer();
}

/** 1280×720: paper with soft blue and warm light to the right, the left half kept quiet for text. */
async function backdrop(): Promise<Buffer> {
  const c = createCanvas(1280, 720);
  const ctx = c.getContext('2d');
  ctx.fillStyle = PALETTE.paper;
  ctx.fillRect(0, 0, 1280, 720);
  ellipse(ctx, 1130, 120, 520, 520, radial(ctx, 1130, 120, 520, [[0, 'rgba(37,99,235,0.22)'], [1, 'rgba(37,99,235,0)']]));
  ellipse(ctx, 1000, 700, 380, 380, radial(ctx, 1000, 700, 380, [[0, 'rgba(245,158,11,0.2)'], [1, 'rgba(245,158,11,0)']]));
  ctx.fillStyle = 'rgba(37,99,235,0.16)';
  for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) ellipse(ctx, 860 + x * 40, 200 + y * 40, 3, 3, 'rgba(37,99,235,0.18)');
  ctx.strokeStyle = 'rgba(15,23,42,0.08)';
  ctx.lineWidth = 2;
  for (const r of [300, 380]) {
    ctx.beginPath();
    ctx.arc(1280, 720, r, Math.PI, Math.PI * 1.5);
    ctx.stroke();
  }
  return sharp(c.toBuffer('image/png')).jpeg({ quality: 84, mozjpeg: true }).toBuffer();
}

const RATE = 44100;
const BPM = 120;
const BAR_SEC = (60 / BPM) * 4;
/** I–V–vi–IV in C, one chord a bar: bass note then the pad's voicing (Hz). */
const CHORDS: number[][] = [
  [65.41, 261.63, 329.63, 392.0],
  [49.0, 246.94, 293.66, 392.0],
  [55.0, 220.0, 261.63, 329.63],
  [43.65, 220.0, 261.63, 349.23],
];
const LOOP_SEC = BAR_SEC * CHORDS.length;

/** One stereo sample pair at time t (seconds, inside one loop): pad, an eighth-note pluck and a bass pulse. */
function musicAt(t: number): [number, number] {
  const bar = Math.floor(t / BAR_SEC) % CHORDS.length;
  const [bass, ...pad] = CHORDS[bar]!;
  const inBar = t - bar * BAR_SEC;
  const swell = Math.min(1, inBar / 0.25) * Math.min(1, (BAR_SEC - inBar) / 0.35);
  let left = 0;
  let right = 0;
  for (const f of pad) {
    left += Math.sin(2 * Math.PI * f * 0.997 * t) * 0.09 * swell;
    right += Math.sin(2 * Math.PI * f * 1.003 * t) * 0.09 * swell;
  }
  const eighth = 60 / BPM / 2;
  const step = Math.floor(inBar / eighth);
  const pluckT = inBar - step * eighth;
  const note = pad[[0, 1, 2, 1][step % 4]!]! * 2;
  const pluck = Math.exp(-pluckT * 9) * (Math.sin(2 * Math.PI * note * t) + 0.3 * Math.sin(4 * Math.PI * note * t)) * 0.07;
  const beatT = inBar % (60 / BPM);
  const pulse = Math.exp(-beatT * 6) * Math.sin(2 * Math.PI * bass * 2 * t) * 0.22 * swell;
  return [left + pluck * 0.8 + pulse, right + pluck * 1.2 + pulse];
}

/**
 * Two loops with a feedback echo, keeping the second: the echo's tail runs from the loop's end into its
 * start, so the file loops without a seam. 16-bit PCM WAV, then MP3.
 */
function musicBed(): Buffer {
  const n = Math.round(LOOP_SEC * RATE);
  const delay = Math.round((60 / BPM) * 0.75 * RATE);
  const l = new Float32Array(2 * n);
  const r = new Float32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    const [a, b] = musicAt((i % n) / RATE);
    l[i] = a + (i >= delay ? r[i - delay]! * 0.3 : 0);
    r[i] = b + (i >= delay ? l[i - delay]! * 0.3 : 0);
  }
  let peak = 0;
  for (let i = n; i < 2 * n; i++) peak = Math.max(peak, Math.abs(l[i]!), Math.abs(r[i]!));
  const gain = 0.7 / peak;
  const pcm = Buffer.alloc(44 + n * 4);
  pcm.write('RIFF', 0);
  pcm.writeUInt32LE(36 + n * 4, 4);
  pcm.write('WAVEfmt ', 8);
  pcm.writeUInt32LE(16, 16);
  pcm.writeUInt16LE(1, 20);
  pcm.writeUInt16LE(2, 22);
  pcm.writeUInt32LE(RATE, 24);
  pcm.writeUInt32LE(RATE * 4, 28);
  pcm.writeUInt16LE(4, 32);
  pcm.writeUInt16LE(16, 34);
  pcm.write('data', 36);
  pcm.writeUInt32LE(n * 4, 40);
  for (let i = 0; i < n; i++) {
    pcm.writeInt16LE(Math.round(l[n + i]! * gain * 32767), 44 + i * 4);
    pcm.writeInt16LE(Math.round(r[n + i]! * gain * 32767), 46 + i * 4);
  }
  return pcm;
}

function encodeMp3(wav: Buffer, out: string): void {
  const tmp = join(tmpdir(), `orator-stock-music-${process.pid}.wav`);
  writeFileSync(tmp, wav);
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', tmp, '-map_metadata', '-1', '-fflags', '+bitexact', '-c:a', 'libmp3lame', '-b:a', '96k', '-write_xing', '0', '-id3v2_version', '0', out]);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const files: [string, Buffer][] = [['logo.png', await logo()], ['product.png', await product()], ['backdrop.jpg', await backdrop()]];
  for (const [name, data] of files) writeFileSync(join(OUT, name), data);
  encodeMp3(musicBed(), join(OUT, 'music-bed.mp3'));
  for (const name of [...files.map(([n]) => n), 'music-bed.mp3']) console.log(`${name}\t${statSync(join(OUT, name)).size} bytes`);
}

await main();
