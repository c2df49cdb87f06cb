// What the HTTP app is given: authentication, the resource services, storage for /files, readiness
// probes, idempotency, the rate limiter, logging and metrics.
import type { Logger } from 'pino';
import type { AppDeps } from '../api/app-deps.js';
import type { Config } from '../config.js';
import { pingDatabase } from '../db/migrations.js';
import { SqlIdempotencyStore } from '../db/sql-idempotency-store.js';
import type { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import type { BlobStorage } from '../storage/create-blob-store.js';
import type { OAuthDeps } from '../api/oauth/index.js';
import type { Accounts } from './build-accounts.js';
import type { DataLayer } from './build-database.js';
import type { ResourceServices } from './build-services.js';
import type { Webhooks } from './build-webhooks.js';

export interface AppDepsParts {
  config: Config;
  logger: Logger;
  data: DataLayer;
  storage: BlobStorage;
  services: ResourceServices;
  webhooks: Webhooks;
  metrics: PrometheusMetrics;
  accounts: Accounts;
  oauth: OAuthDeps;
}

export function buildAppDeps(parts: AppDepsParts): AppDeps {
  const { config, data, storage, metrics } = parts;
  const { db } = data.database;
  const { blobs, signer } = storage;
  const { authenticator } = parts.accounts;
  return {
    authenticate: (key) => authenticator.authenticate(key),
    ...parts.services,
    blobs,
    verifyBlobUrl: (key, expires, signature) => signer.verify(key, expires, signature),
    idempotency: new SqlIdempotencyStore(db),
    rateLimiter: data.rateLimiter,
    readiness: [
      { name: 'database', check: () => pingDatabase(db) },
      { name: 'queue', check: () => data.queue.ping() },
      { name: 'storage', check: () => blobs.ping() },
    ],
    loggerInstance: parts.logger,
    metrics: { http: metrics, exposition: metrics, token: config.metricsToken },
    webhooks: parts.webhooks.service,
    users: parts.accounts.users,
    spaces: parts.accounts.spaces,
    web: parts.accounts.web,
    oauth: parts.oauth,
  };
}
