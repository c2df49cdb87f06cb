// SHA-256 of a file's bytes, remembered per (path, size, mtime, inode) so a stock picture every render
// of a batch shows is read once per process; a file rewritten in place gets a new hash.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

const MEMO_LIMIT = 256;
const memo = new Map<string, string>();

export async function fileBytesHash(path: string): Promise<string> {
  const s = await stat(path);
  const id = `${path}\0${s.size}\0${s.mtimeMs}\0${s.ino}`;
  const known = memo.get(id);
  if (known) return known;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const digest = hash.digest('hex');
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(id, digest);
  return digest;
}
