// `orator [all|serve|worker|migrate|keys|users|render]` (or ORATOR_ROLE; the command tree is cli/build-cli.ts):
// starts what the role needs and owns graceful shutdown (SIGTERM: stop accepting and claiming, let
// renders finish within a grace period, then hand unfinished leases back). The server's modules are
// imported when a server command runs, so the client commands (`orator video …`, `orator mcp`) start
// quickly and print nothing of the server's on stdout or stderr.
import type { Role } from './config.js';
import { runCli, type KeysCommand, type UsersCommand } from './cli/build-cli.js';
import type { Platform } from './compose.js';
import type { FastifyInstance } from 'fastify';
import type { WorkerPool } from './jobs/worker-pool.js';
import type { LeaseWatchdog } from './jobs/lease-watchdog.js';

async function composeForCommand(): Promise<Platform> {
  const [{ loadConfig }, { composePlatform }] = await Promise.all([import('./config.js'), import('./compose.js')]);
  // Every role migrates at start: on Postgres under an advisory lock (db/migrate-database.ts), so a
  // `serve` and several `worker`s starting together apply each migration once and none runs on an old schema.
  return composePlatform(loadConfig(), { migrate: true });
}

async function runKeys(command: KeysCommand): Promise<number> {
  const platform = await composeForCommand();
  const { runKeysCommand } = await import('./cli/run-keys-command.js');
  try {
    return await runKeysCommand(platform.keys, command);
  } finally {
    await platform.close();
  }
}

async function runUsers(command: UsersCommand): Promise<number> {
  const platform = await composeForCommand();
  const { runUsersCommand } = await import('./cli/run-users-command.js');
  try {
    return await runUsersCommand(platform.users, command);
  } finally {
    await platform.close();
  }
}

async function runRender(args: string[]): Promise<number> {
  const { runRenderCommand } = await import('./cli/render-command.js');
  return runRenderCommand(args);
}

async function runRole(role: Role): Promise<number> {
  const platform = await composeForCommand();
  const { config, logger } = platform;

  if (role === 'migrate') {
    const { migrateDatabase } = await import('./db/migrate-database.js');
    const applied = await migrateDatabase(platform.database);
    logger.info({ applied }, 'migrations applied');
    await platform.close();
    return 0;
  }

  let app: FastifyInstance | undefined;
  let healthApp: FastifyInstance | undefined;
  let pool: WorkerPool | undefined;
  let watchdog: LeaseWatchdog | undefined;
  let scratchSweep: NodeJS.Timeout | undefined;

  if (config.healthPort !== undefined) {
    // Health and metrics on a port kept off the public network (the worker role's only listener),
    // first, so it answers by the time the role logs that it is listening or started.
    healthApp = await platform.buildHealthApp();
    await healthApp.listen({ port: config.healthPort, host: config.host });
    logger.info({ port: config.healthPort }, 'health and metrics endpoints listening');
  }
  if (role === 'all' || role === 'serve') {
    const { ensureBootstrapKey } = await import('./auth/api-keys.js');
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
        await healthApp?.close();
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

runCli(process.argv.slice(2), { runRole, keys: runKeys, users: runUsers, render: runRender }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
