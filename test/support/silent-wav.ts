// A silent mono 8 kHz PCM WAV written byte by byte (no encoder involved), for upload tests that need a
// real RIFF header: 16-bit by default, 8-bit where a long file should stay a few MB.
export function silentWav(samples: number, bitsPerSample: 8 | 16 = 16): Buffer {
  const bytesPerSample = bitsPerSample / 8;
  // 8-bit PCM is unsigned (silence is 0x80); 16-bit is signed (silence is 0).
  const data = Buffer.alloc(samples * bytesPerSample, bitsPerSample === 8 ? 0x80 : 0);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8, 'latin1');
  head.write('fmt ', 12, 'latin1');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(8000, 24);
  head.writeUInt32LE(8000 * bytesPerSample, 28);
  head.writeUInt16LE(bytesPerSample, 32);
  head.writeUInt16LE(bitsPerSample, 34);
  head.write('data', 36, 'latin1');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}
