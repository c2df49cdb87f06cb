// Connection options from ORATOR_QUEUE_URL, shared by the BullMQ transport and the Redis rate limiter.
import type { RedisOptions } from 'ioredis';

/** ioredis options from redis[s]://[user:pass@]host:port[/db]; each BullMQ object opens (and closes) its own connections. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's blocking commands need this.
    maxRetriesPerRequest: null,
    // Reconnect within two seconds of Redis coming back (BullMQ's own default backs off to 20 s).
    retryStrategy: (times: number) => Math.min(2000, 100 * times),
  };
}
