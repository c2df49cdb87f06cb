// Spawns `orator <role>` (src/main.ts through tsx) with explicit env, for multi-process scale-out runs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RoleProcess {
  role: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Spawns `orator <role>` on 127.0.0.1 with info logs, `env` over this process's environment. */
export function spawnRole(role: 'serve' | 'worker' | 'all', env: Record<string, string>): RoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), role], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { role, child, output: () => out, exited };
}

/** Resolves once `ready` matches the process output (a log line), or throws with the output. */
export async function startRole(role: 'serve' | 'worker' | 'all', env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<RoleProcess> {
  const p = spawnRole(role, env);
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(p.output())) {
    if (p.child.exitCode !== null) throw new Error(`orator ${role} exited early:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`orator ${role} did not become ready:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return p;
}
