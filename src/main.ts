// `orator [all|serve|worker|migrate|keys|render]` (or ORATOR_ROLE): starts what the role needs and
// owns graceful shutdown (SIGTERM: stop accepting and claiming, let renders finish within a grace
// period, then hand unfinished leases back).
import { loadConfig } from './config.js';
import { createApiKey, DEFAULT_SPACE, ensureBootstrapKey } from './auth/api-keys.js';
import { composePlatform, type Platform } from './compose.js';
import { migrateDatabase } from './db/migrate-database.js';
import type { FastifyInstance } from 'fastify';
import type { WorkerPool } from './jobs/worker-pool.js';
import type { LeaseWatchdog } from './jobs/lease-watchdog.js';

const ROLE_WORDS = ['all', 'serve', 'worker', 'migrate', 'keys', 'render'] as const;
type RoleWord = (typeof ROLE_WORDS)[number];

function usage(): string {
  return [
    'usage: orator [all|serve|worker|migrate|keys|render] [args]',
    '  all (default)   API + workers on the embedded SQLite/local-disk default',
    '  serve           API only',
    '  worker          render workers only',
    '  migrate         apply database migrations and exit',
    '  keys create [--name NAME] | keys list | keys revoke <id|prefix>',
    '  render <plan.json> <out-dir>   render one plan without the server',
  ].join('\n');
}

function parseRole(argv: string[]): { role: RoleWord; rest: string[] } {
  const [first, ...rest] = argv;
  if (first && (ROLE_WORDS as readonly string[]).includes(first)) return { role: first as RoleWord, rest };
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${usage()}\n`);
    process.exit(0);
  }
  if (first) throw new Error(`unknown role "${first}"\n${usage()}`);
  const env = process.env.ORATOR_ROLE ?? 'all';
  if (!(ROLE_WORDS as readonly string[]).includes(env)) throw new Error(`unknown ORATOR_ROLE "${env}"\n${usage()}`);
  return { role: env as RoleWord, rest: [] };
}

async function runKeys(platform: Platform, args: string[]): Promise<number> {
  const [cmd, ...rest] = args;
  switch (cmd) {
    case 'create': {
      const nameAt = rest.indexOf('--name');
      const name = nameAt >= 0 ? (rest[nameAt + 1] ?? null) : null;
      const space = rest.includes('--new-space') ? undefined : DEFAULT_SPACE;
      const { key, info } = await createApiKey(platform.keys, { space, name });
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created key ${info.id} (${info.prefix}) in space ${info.spaceId}; it is shown only once\n`);
      return 0;
    }
    case 'list': {
      for (const k of await platform.keys.list()) {
        process.stdout.write(`${k.id}\t${k.prefix}\t${k.spaceId}\t${k.name ?? ''}\t${k.revokedAt ? 'revoked' : 'active'}\n`);
      }
      return 0;
    }
    case 'revoke': {
      const target = rest[0];
      if (!target) throw new Error('usage: orator keys revoke <id|prefix>');
      const ok = await platform.keys.revoke(target, Date.now());
      process.stderr.write(ok ? `revoked ${target}\n` : `no active key matches ${target}\n`);
      return ok ? 0 : 1;
    }
    default:
      process.stderr.write(`${usage()}\n`);
      return 2;
  }
}

async function main(): Promise<number> {
  const { role, rest } = parseRole(process.argv.slice(2));
  if (role === 'render') {
    const { runRenderCommand } = await import('./render/render-cli.js');
    const code: unknown = await runRenderCommand(rest);
    return typeof code === "number" ? code : 0;
  }
  const config = loadConfig();
  // Every role migrates at start: on Postgres under an advisory lock (db/migrate-database.ts), so a
  // `serve` and several `worker`s starting together apply each migration once and none runs on an old schema.
  const platform = await composePlatform(config, { migrate: true, httpLogger: false });
  const { logger } = platform;

  if (role === 'migrate') {
    const applied = await migrateDatabase(platform.database);
    logger.info({ applied }, 'migrations applied');
    await platform.close();
    return 0;
  }
  if (role === 'keys') {
    const code = await runKeys(platform, rest);
    await platform.close();
    return code;
  }

  let app: FastifyInstance | undefined;
  let pool: WorkerPool | undefined;
  let watchdog: LeaseWatchdog | undefined;
  let scratchSweep: NodeJS.Timeout | undefined;

  if (role === 'all' || role === 'serve') {
    const outcome = await ensureBootstrapKey(platform.keys, config.apiKey);
    if (outcome.kind === 'generated') {
      // Printed once, to stdout, so it can be captured; only the hash is stored.
      process.stdout.write(`\nOrator API key (shown once, store it now):\n  ${outcome.key}\n\n`);
    }
    app = await platform.buildHttpApp();
    await app.listen({ port: config.port, host: config.host });
    logger.info({ port: config.port, publicUrl: config.publicUrl, role }, 'orator listening');
  }
  if (role === 'all' || role === 'worker') {
    pool = platform.createWorkerPool();
    watchdog = platform.createWatchdog();
    await watchdog.sweep();
    // Temp files of renders that crashed: now, and again later for those too fresh to judge at start.
    const sweepScratch = (): void => {
      platform.sweepScratch().then(
        (removed) => removed.length > 0 && logger.info({ removed }, 'removed stale render scratch dirs'),
        (err: unknown) => logger.warn({ err }, 'scratch sweep failed'),
      );
    };
    sweepScratch();
    scratchSweep = setInterval(sweepScratch, Math.max(10_000, config.jobLeaseMs)).unref();
    watchdog.start();
    pool.start();
    if (role === 'worker' && config.healthPort !== undefined) {
      app = await platform.buildHealthApp();
      await app.listen({ port: config.healthPort, host: config.host });
      logger.info({ port: config.healthPort }, 'worker health endpoints listening');
    }
    logger.info({ concurrency: config.renderConcurrency, owner: pool.owner }, 'workers started');
  }

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      try {
        // Stop accepting requests first, then drain renders; both before closing the database.
        await app?.close();
        watchdog?.stop();
        clearInterval(scratchSweep);
        await pool?.stop(config.shutdownGraceMs);
        await platform.close();
      } catch (err) {
        logger.error({ err }, 'error during shutdown');
      }
      resolve();
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
  logger.info('stopped');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
