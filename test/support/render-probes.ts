// Reading rendered files back in tests: ffprobe fields, frame hashes, mouth darkness per frame.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PixelBox } from '../../src/render/avatars/avatar-catalogue.js';

const run = promisify(execFile);

export async function ffprobeJson(path: string): Promise<any> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  const { stdout } = await run('ffprobe', args);
  return JSON.parse(stdout);
}

/**
 * One MD5 per decoded video frame: equal lists mean equal pictures, whatever the container bytes.
 * With `fps`, per frame of that constant rate (a held picture counts once per frame it is shown).
 */
export async function frameHashes(path: string, fps?: number): Promise<string[]> {
  const rate = fps ? ['-vf', `fps=${fps}`] : [];
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:v', ...rate, '-f', 'framemd5', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').pop()!.trim());
}

/** Presentation times (seconds) of the stored video frames. */
export async function packetTimes(path: string): Promise<number[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path]);
  return stdout.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
}

/** Mean darkness (255 − luma) of `box` in every frame of the 25 fps grid (held pictures repeated). */
export async function mouthDarkness(path: string, box: PixelBox): Promise<number[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-map', '0:v', '-vf', `fps=25,crop=${box.width}:${box.height}:${box.x}:${box.y},format=gray`, '-f', 'rawvideo', '-'],
    { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
  );
  const size = box.width * box.height;
  const out: number[] = [];
  for (let f = 0; f + size <= stdout.length; f += size) {
    let sum = 0;
    for (let i = 0; i < size; i++) sum += 255 - stdout[f + i]!;
    out.push(sum / size);
  }
  return out;
}

export function spread(values: readonly number[]): number {
  return values.length ? Math.max(...values) - Math.min(...values) : 0;
}

/** The pixel format a decoder really produces (ffprobe 5.1 cannot pick libvpx, which keeps VP9 alpha). */
export async function decodedPixelFormat(path: string, decoder: string): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-c:v', decoder, '-i', path, '-frames:v', '1', '-vf', 'showinfo', '-f', 'null', '-']);
  return /fmt:([a-z0-9]+)/.exec(stderr)?.[1] ?? '';
}
