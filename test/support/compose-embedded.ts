// Child process for the lazy-adapter check: composes the embedded default, builds the API and a worker pool.
import { register } from 'node:module';
register(new URL('./forbid-heavy-imports.mjs', import.meta.url));
const { loadConfig } = await import('../../src/config.js');
const { composePlatform } = await import('../../src/compose.js');
const pino = (await import('pino')).default;
const platform = await composePlatform(loadConfig({ ...process.env, ORATOR_DATA_DIR: process.argv[2] }), { migrate: true, logger: pino({ level: 'silent' }) });
const app = await platform.buildHttpApp();
const pool = platform.createWorkerPool();
pool.start();
await pool.stop(0);
await app.close();
await platform.close();
process.stdout.write('embedded ok\n');
