// Every setting in one typed schema with its embedded default (see STYLE.md "Settings every part agrees on").
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LEASE_MS } from './domain/job-policy.js';

export type Role = 'all' | 'serve' | 'worker' | 'migrate';
export const ROLES: readonly Role[] = ['all', 'serve', 'worker', 'migrate'];

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  apiKey: string | undefined;
  databaseUrl: string | undefined;
  queueUrl: string | undefined;
  storageUrl: string | undefined;
  allowPrivateUrls: boolean;
  renderConcurrency: number;
  /** HMAC secret for local signed URLs; derived from the data dir when not set so restarts keep URLs valid. */
  signingSecret: string | undefined;
  /** Max concurrent renders per space; extra jobs wait in the queue. */
  spaceConcurrency: number;
  /** Requests per minute per API key. */
  rateLimitPerMinute: number;
  logLevel: string;
  /** How long a worker's claim on a job lasts without renewal; a dead worker's job is re-queued after it. */
  jobLeaseMs: number;
  /** On SIGTERM, how long running renders may take to finish before their leases are handed back. */
  shutdownGraceMs: number;
  /** A webhook endpoint failing without a success for longer than this is disabled (ORATOR_WEBHOOK_DISABLE_AFTER_HOURS). */
  webhookDisableAfterMs: number;
  /** A second port for /healthz, /readyz and /metrics (workers serve no API); unset = no listener. */
  healthPort: number | undefined;
  /** ORATOR_METRICS_TOKEN: /metrics wants `Authorization: Bearer <token>`; unset = /metrics only on the health port. */
  metricsToken: string | undefined;
  /** How long a browser session lasts after sign-in (ORATOR_SESSION_TTL_HOURS). */
  sessionTtlMs: number;
  /** Sign-in attempts per minute per account (ORATOR_SIGN_IN_ATTEMPTS_PER_MINUTE); 0 = unlimited. */
  signInAttemptsPerMinute: number;
  /** Sign-in attempts per minute per client address (ORATOR_SIGN_IN_ADDRESS_ATTEMPTS_PER_MINUTE); 0 = unlimited. */
  signInAddressAttemptsPerMinute: number;
  /** How long an invitation link stays usable unless its maker says otherwise (ORATOR_INVITATION_TTL_HOURS). */
  invitationTtlMs: number;
  /** Video translation: the machine translation engine, its endpoint and limits (see TranslationConfig). */
  translation: TranslationConfig;
}

export type TranslationEngineName = 'apertium' | 'openai' | 'libretranslate';
export const TRANSLATION_ENGINES: readonly TranslationEngineName[] = ['apertium', 'openai', 'libretranslate'];

export interface TranslationConfig {
  /** ORATOR_TRANSLATION_ENGINE: apertium (offline, the installed pairs), openai (any OpenAI-compatible chat endpoint) or libretranslate. */
  engine: TranslationEngineName;
  /** ORATOR_TRANSLATION_URL: the chat API's base (…/v1, POST /chat/completions is appended) or the LibreTranslate server. */
  url: string | undefined;
  /** ORATOR_TRANSLATION_API_KEY: sent as a Bearer token (chat) or `api_key` (LibreTranslate). */
  apiKey: string | undefined;
  /** ORATOR_TRANSLATION_MODEL: the chat model name. */
  model: string;
  /** ORATOR_TRANSLATION_LANGUAGES: target codes a chat endpoint is offered for (default: every language with a voice). */
  languages: string[] | undefined;
  /** ORATOR_TRANSLATION_MAX_SECONDS: longer sources fail with VIDEO_TOO_LONG. */
  maxSourceSec: number;
}

function translationConfigFrom(env: NodeJS.ProcessEnv): TranslationConfig {
  const engine = (env.ORATOR_TRANSLATION_ENGINE || 'apertium') as TranslationEngineName;
  if (!TRANSLATION_ENGINES.includes(engine)) throw new Error(`ORATOR_TRANSLATION_ENGINE must be one of ${TRANSLATION_ENGINES.join(', ')}: ${engine}`);
  const url = env.ORATOR_TRANSLATION_URL || undefined;
  if (engine !== 'apertium' && !url) throw new Error(`ORATOR_TRANSLATION_ENGINE=${engine} needs ORATOR_TRANSLATION_URL`);
  const languages = env.ORATOR_TRANSLATION_LANGUAGES?.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
  return {
    engine,
    url: url?.replace(/\/+$/, ''),
    apiKey: env.ORATOR_TRANSLATION_API_KEY || undefined,
    model: env.ORATOR_TRANSLATION_MODEL || 'gpt-4o-mini',
    languages: languages && languages.length > 0 ? languages : undefined,
    maxSourceSec: intFrom(env.ORATOR_TRANSLATION_MAX_SECONDS, 600),
  };
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) throw new Error(`not an integer: ${value}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env.PORT, 8080);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl: (env.ORATOR_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir: path.resolve(env.ORATOR_DATA_DIR ?? './data'),
    apiKey: env.ORATOR_API_KEY || undefined,
    databaseUrl: env.ORATOR_DATABASE_URL || undefined,
    queueUrl: env.ORATOR_QUEUE_URL || undefined,
    storageUrl: env.ORATOR_STORAGE_URL || undefined,
    allowPrivateUrls: env.ORATOR_ALLOW_PRIVATE_URLS === '1',
    renderConcurrency: intFrom(env.ORATOR_RENDER_CONCURRENCY, os.availableParallelism()),
    signingSecret: env.ORATOR_SIGNING_SECRET || undefined,
    spaceConcurrency: intFrom(env.ORATOR_SPACE_CONCURRENCY, 10),
    rateLimitPerMinute: intFrom(env.ORATOR_RATE_LIMIT_PER_MINUTE, 600),
    logLevel: env.LOG_LEVEL ?? 'info',
    // One lease for every kind when set; its default is the job policy table's.
    jobLeaseMs: intFrom(env.ORATOR_JOB_LEASE_SEC, DEFAULT_LEASE_MS / 1000) * 1000,
    shutdownGraceMs: intFrom(env.ORATOR_SHUTDOWN_GRACE_SEC, 30) * 1000,
    webhookDisableAfterMs: intFrom(env.ORATOR_WEBHOOK_DISABLE_AFTER_HOURS, 5 * 24) * 3_600_000,
    healthPort: env.ORATOR_HEALTH_PORT ? intFrom(env.ORATOR_HEALTH_PORT, 0) : undefined,
    metricsToken: env.ORATOR_METRICS_TOKEN || undefined,
    sessionTtlMs: intFrom(env.ORATOR_SESSION_TTL_HOURS, 14 * 24) * 3_600_000,
    signInAttemptsPerMinute: intFrom(env.ORATOR_SIGN_IN_ATTEMPTS_PER_MINUTE, 5),
    signInAddressAttemptsPerMinute: intFrom(env.ORATOR_SIGN_IN_ADDRESS_ATTEMPTS_PER_MINUTE, 30),
    invitationTtlMs: intFrom(env.ORATOR_INVITATION_TTL_HOURS, 7 * 24) * 3_600_000,
    translation: translationConfigFrom(env),
  };
}
