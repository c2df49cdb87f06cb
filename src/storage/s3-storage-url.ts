// Parses ORATOR_STORAGE_URL=s3://bucket[/prefix]?endpoint=…&region=…&forcePathStyle=true into client
// settings. Kept free of the AWS SDK so config errors surface without loading it.

export interface S3StorageSettings {
  bucket: string;
  /** Key prefix inside the bucket ('' or ending in '/'). */
  prefix: string;
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

export function parseS3StorageUrl(url: string, env: NodeJS.ProcessEnv = process.env): S3StorageSettings {
  const u = new URL(url);
  if (u.protocol !== 's3:') throw new Error(`not an s3:// URL: ${url}`);
  const bucket = u.hostname;
  if (!bucket) throw new Error(`ORATOR_STORAGE_URL has no bucket: ${url}`);
  const path = decodeURIComponent(u.pathname).replace(/^\/+|\/+$/g, '');
  const q = u.searchParams;
  const accessKeyId = q.get('accessKeyId') ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = q.get('secretAccessKey') ?? env.AWS_SECRET_ACCESS_KEY;
  return {
    bucket,
    prefix: path ? `${path}/` : '',
    endpoint: q.get('endpoint') ?? undefined,
    region: q.get('region') ?? env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: q.get('forcePathStyle') === 'true' || q.get('forcePathStyle') === '1',
    // Without both, the SDK's default chain (profile, instance role …) applies.
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}
