// Blob store factory: local disk in the data dir (default), a shared directory (file:///path), or S3
// (s3://bucket?endpoint=…). The AWS SDK is imported only when an s3:// URL asks for it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BlobStore } from '../services/ports.js';
import { BlobUrlSigner } from './blob-url-signer.js';
import { LocalBlobStore } from './local-blob-store.js';
import { loadSigningSecret } from './signing-secret.js';

export interface BlobStorage {
  blobs: BlobStore;
  /** Signs and verifies `/files/*` URLs (local stores; S3 presigns its own). */
  signer: BlobUrlSigner;
  kind: 'local' | 's3';
  close(): Promise<void>;
}

export async function createBlobStorage(options: {
  storageUrl: string | undefined;
  dataDir: string;
  signingSecret: string | undefined;
  publicUrl: string;
}): Promise<BlobStorage> {
  const url = options.storageUrl;
  if (url?.startsWith('s3://')) {
    const [{ S3BlobStore }, { parseS3StorageUrl }] = await Promise.all([import('./s3-blob-store.js'), import('./s3-storage-url.js')]);
    const store = new S3BlobStore(parseS3StorageUrl(url));
    const signer = new BlobUrlSigner(loadSigningSecret(options.signingSecret, options.dataDir), options.publicUrl);
    return { blobs: store, signer, kind: 's3', close: async () => store.close() };
  }
  if (url && !url.startsWith('file://')) throw new Error(`ORATOR_STORAGE_URL must be s3://… or file:///path, got ${url}`);
  const root = url ? fileURLToPath(url) : path.join(options.dataDir, 'blobs');
  // A file:// directory may be shared by processes with different data dirs (serve on one, workers on
  // another): keep the URL secret beside the blobs so a URL any of them signs verifies on every one.
  const secretDir = url ? path.join(root, '.orator') : options.dataDir;
  const signer = new BlobUrlSigner(loadSigningSecret(options.signingSecret, secretDir), options.publicUrl);
  return { blobs: new LocalBlobStore(root, signer), signer, kind: 'local', close: async () => {} };
}
