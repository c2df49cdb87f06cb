// Minimal 16-bit mono PCM WAV reading and writing: enough to join engine segments and insert
// silences without an ffmpeg round trip per piece.
import { readFile, writeFile } from 'node:fs/promises';

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface PcmAudio {
  sampleRate: number;
  samples: Int16Array;
}

/** Parses a RIFF/WAVE file holding 16-bit PCM; multi-channel input keeps the first channel. */
export function parseWav(buf: Buffer): PcmAudio {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  let format = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = buf.readUInt16LE(body);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (format !== 1 && format !== 0xfffe) throw new Error(`unsupported WAV format ${format}`);
      if (bits !== 16 || channels < 1) throw new Error(`unsupported WAV: ${bits}-bit, ${channels} channels`);
      // Streaming writers leave 0 or 0xffffffff as the size: take what is there.
      if (size === 0 || body + size > buf.length) size = buf.length - body;
      const frames = Math.floor(size / (2 * channels));
      const samples = new Int16Array(frames);
      if (channels === 1 && (buf.byteOffset + body) % 2 === 0 && isLittleEndian) {
        // Mono little-endian PCM is already an Int16Array's memory: one copy, not a call per sample.
        samples.set(new Int16Array(buf.buffer, buf.byteOffset + body, frames));
      } else {
        for (let i = 0; i < frames; i++) samples[i] = buf.readInt16LE(body + i * 2 * channels);
      }
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV has no data chunk');
}

export function encodeWav(audio: PcmAudio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(audio.sampleRate, 24);
  buf.writeUInt32LE(audio.sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < audio.samples.length; i++) buf.writeInt16LE(audio.samples[i]!, 44 + i * 2);
  return buf;
}

export async function readWav(path: string): Promise<PcmAudio> {
  return parseWav(await readFile(path));
}

export async function writeWav(path: string, audio: PcmAudio): Promise<void> {
  await writeFile(path, encodeWav(audio));
}

export function wavDurationSec(audio: PcmAudio): number {
  return audio.samples.length / audio.sampleRate;
}
