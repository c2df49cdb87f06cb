// s3rver started in-process on a free port, with a fresh bucket in a temp dir.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface S3rverFixture {
  /** An ORATOR_STORAGE_URL for the bucket. */
  storageUrl: string;
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/** s3rver's built-in account; it accepts SigV4 requests without checking them. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3rver(bucket = 'orator-test'): Promise<S3rverFixture> {
  const directory = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const q = new URLSearchParams({ endpoint, region: 'us-east-1', forcePathStyle: 'true', ...S3RVER_CREDENTIALS });
  return {
    storageUrl: `s3://${bucket}?${q}`,
    endpoint,
    bucket,
    close: async () => {
      await server.close();
      await fsp.rm(directory, { recursive: true, force: true });
    },
  };
}
