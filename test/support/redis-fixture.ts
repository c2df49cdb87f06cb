// Redis for the BullMQ suites: a random key prefix per run, its keys deleted at the end. Resolves to a
// skip message when Redis is unreachable.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.ORATOR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RedisFixture {
  url: string;
  prefix: string;
  /** Deletes every key under the prefix. */
  drop(): Promise<void>;
}

export async function openRedis(): Promise<RedisFixture | string> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    return `Redis unreachable at ${TEST_REDIS_URL} (${err instanceof Error ? err.message : String(err)}); start it with .ci/run or set ORATOR_TEST_REDIS_URL`;
  }
  const prefix = `orator-test-${randomBytes(5).toString('hex')}`;
  return {
    url: TEST_REDIS_URL,
    prefix,
    drop: async () => {
      try {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await client.del(...keys);
        } while (cursor !== '0');
      } finally {
        client.disconnect();
      }
    },
  };
}
