// BlobStore on the local disk under ORATOR_DATA_DIR/blobs, with HMAC-signed URLs served by /files/*.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { BlobStat, BlobStore } from '../services/ports.js';
import { SEVEN_DAYS_SEC, type BlobUrlSigner } from './blob-url-signer.js';
import { contentTypeFor } from './content-type.js';

/** Keys are relative paths of safe segments; anything else could escape the root. */
export function assertBlobKey(key: string): void {
  if (!/^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/.test(key) || key.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`invalid blob key: ${key}`);
  }
}

export class LocalBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly signer: BlobUrlSigner,
  ) {
    fs.mkdirSync(root, { recursive: true });
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, key);
  }

  /** Writes beside the target and renames, so readers never see half a file. */
  private async writeAtomically(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const dest = this.pathOf(key);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${randomBytes(6).toString('hex')}.part`;
    try {
      await write(tmp);
      await fsp.rename(tmp, dest);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  putFile(key: string, filePath: string): Promise<void> {
    return this.writeAtomically(key, (tmp) => fsp.copyFile(filePath, tmp));
  }

  putStream(key: string, stream: Readable): Promise<void> {
    return this.writeAtomically(key, (tmp) => pipeline(stream, fs.createWriteStream(tmp)));
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    try {
      const st = await fsp.stat(this.pathOf(key));
      return st.isFile() ? { size: st.size, contentType: contentTypeFor(key) } : undefined;
    } catch {
      return undefined;
    }
  }

  async getStream(key: string, range?: { start: number; end: number }): Promise<Readable> {
    return fs.createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    const clean = prefix.replace(/\/+$/, '');
    await fsp.rm(this.pathOf(clean), { recursive: true, force: true });
  }

  async signedUrl(key: string, expiresInSec = SEVEN_DAYS_SEC): Promise<string> {
    assertBlobKey(key);
    return this.signer.signBlobUrl(key, expiresInSec);
  }

  async ping(): Promise<void> {
    await fsp.access(this.root, fs.constants.W_OK);
  }
}
