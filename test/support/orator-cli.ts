// Runs `orator <args>` (src/main.ts through tsx) as a user's shell would: a child process with its own
// environment, stdout and stderr captured separately, and the exit code.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `env` goes over a copy of this process's environment without ORATOR_BASE_URL / ORATOR_API_KEY. */
export function runOrator(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  const base = { ...process.env };
  delete base.ORATOR_BASE_URL;
  delete base.ORATOR_API_KEY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
