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

/** One MD5 per decoded video frame: equal lists mean equal pictures, whatever the container bytes. */
export async function frameHashes(path: string): Promise<string[]> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:v', '-f', 'framemd5', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').pop()!.trim());
}

/** Mean darkness (255 − luma) of `box` in every frame. */
export async function mouthDarkness(path: string, box: PixelBox): Promise<number[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-map', '0:v', '-vf', `crop=${box.width}:${box.height}:${box.x}:${box.y},format=gray`, '-f', 'rawvideo', '-'],
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
