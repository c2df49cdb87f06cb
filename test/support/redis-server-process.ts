// A private redis-server on a free port that a test may stop and start again: the shared Redis other
// tests use is never touched. No persistence, so a restart also loses every BullMQ message, the harder
// case (the jobs table must bring them back).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './orator-process.js';

export interface RedisServerProcess {
  port: number;
  url: string;
  /** SIGTERM, then resolves once the port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Resolves to a skip message when redis-server is not installed. */
export async function startRedisServer(): Promise<RedisServerProcess | string> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let out = '';
  const start = async () => {
    out = '';
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout!.on('data', (d) => (out += String(d)));
    c.stderr!.on('data', (d) => (out += String(d)));
    const failed = new Promise<Error>((resolve) => c.once('error', resolve));
    for (const deadline = Date.now() + 10_000; !(await accepts(port)); ) {
      const err = await Promise.race([failed, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
      if (err) throw err;
      if (c.exitCode !== null) throw new Error(`redis-server exited: ${out}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}: ${out}`);
    }
  };
  try {
    await start();
  } catch (err) {
    return `redis-server not available (${err instanceof Error ? err.message : String(err)})`;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
  };
}
